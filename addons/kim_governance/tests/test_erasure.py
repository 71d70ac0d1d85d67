# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.kim_case.tests.pii_scan import find_in_database

from .common import KimGovernanceCommon

NEEDLES = ("Rekonspur", "1983-07-14")


@tagged("post_install", "-at_install")
class TestReconstructionErasure(KimGovernanceCommon):
    """Erasure and case reconstructions (issue #7, scenario 4; Art. 17 GDPR,
    G-3/C-9)."""

    def test_erasure_reaches_reconstruction_snapshot(self):
        """G-3 / X-2: a case reconstruction keeps the goals of its cases in its
        snapshot (names scrubbed, but a birth date or address written in a goal
        stays); after one case is anonymised, no column of the database holds
        the client's name or birth date, and the snapshot still covers the
        case (pseudonymised)."""
        client = self._client("Mira Rekonspur", kim_birthdate=date(1983, 7, 14))
        # only clients with a data-protection agreement enter a snapshot
        self._consent(client)
        erased = self._case(client=client)
        self.env["kim.case.goal"].create(
            {
                "case_id": erased.id,
                "name": "Mira Rekonspur (geb. 1983-07-14) findet eine Wohnung",
            }
        )
        others = self._case() | self._case()
        reconstruction = (
            self.env["kim.case.reconstruction"]
            .with_user(self.user_coordination)
            .create(
                {
                    "name": "Fallrekonstruktion Löschung",
                    "date": date(2031, 3, 1),
                    "case_ids": [(6, 0, (erased | others).ids)],
                }
            )
        )
        self.assertIn(
            "kim_case_reconstruction.summary",
            find_in_database(self.env, NEEDLES),
            "the fixture must put the goal into the snapshot",
        )
        erased.action_close(self.env.ref("kim_case.close_reason_goals_reached"))
        erased.with_user(self.user_lead).action_kim_anonymise()
        residual = find_in_database(self.env, NEEDLES)
        report_figure("residual_pii", len(residual))
        self.assertEqual(residual, [])
        self.assertIn("Case 3", reconstruction.summary)
