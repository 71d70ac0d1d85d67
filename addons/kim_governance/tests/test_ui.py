# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import KimGovernanceCommon


@tagged("post_install", "-at_install")
class TestGovernanceTour(KimGovernanceCommon, HttpCase):
    def test_theme_tour(self):
        """G-4/C-13: coordination turns two observations into a theme and moves
        it to the Lenkungsgruppe, which produces a decision."""
        case_1 = self._case(self.user_cm_a)
        case_2 = self._case(self.user_cm_b, self._client("Zweite Tourperson"))
        self._observation(case_1, text="TOUR-GAP-1 Wartezeit Sprachkurs")
        self._observation(case_2, text="TOUR-GAP-2 Kein Kursplatz")
        self.start_tour(
            "/odoo/action-kim_governance.kim_observation_action",
            "kim_governance_theme_tour",
            login=self.user_coordination.login,
        )
        theme = self.env["kim.generative.theme"].search(
            [("name", "=", "Tour-Thema Wartezeiten")]
        )
        self.assertEqual(theme.stage, "steering")
        self.assertEqual(len(theme.observation_ids), 2)
        self.assertEqual(theme.decision_id.committee_id.committee_type, "steering")
