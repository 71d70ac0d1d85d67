# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.kim_governance.tests.report_attack import (
    attack_yearly_report,
)


@tagged("post_install", "-at_install")
class TestGovernanceDemo(TransactionCase):
    def test_demo_baustein_1(self):
        """G-1/G-2/G-3/G-4/G-5: the German demo has the Lenkungsgruppe with its
        members, project groups, a decision with mandates, 10 observations in 3
        themes at different stages, 4 reconstructions, agreements with 5 partners."""
        ref = self.env.ref
        theme = ref("kim_demo.theme_demo_sprache")
        steering = ref("kim_demo.committee_demo_lenkungsgruppe")
        self.assertEqual(steering.chair_id.name, "Dr. Heinrich Sommer")
        self.assertGreaterEqual(len(steering.member_ids), 10)
        self.assertEqual(
            len(
                steering.child_ids.filtered(
                    lambda c: c.committee_type == "project_group"
                )
            ),
            2,
        )
        self.assertEqual(len(ref("kim_demo.decision_demo_go").mandate_ids), 3)
        themes = (
            theme | ref("kim_demo.theme_demo_abh") | ref("kim_demo.theme_demo_familie")
        )
        self.assertEqual(len(themes.observation_ids), 10)
        self.assertEqual(len(set(themes.mapped("stage"))), 3)
        self.assertEqual(theme.stage, "steering")
        self.assertEqual(theme.decision_id.committee_id, steering)
        self.assertEqual(theme.case_count, 4)
        reconstructions = self.env["kim.case.reconstruction"].search(
            [("name", "like", "Fallrekonstruktion")]
        )
        self.assertEqual(len(reconstructions), 4)
        self.assertEqual(len(set(reconstructions.mapped("year"))), 1)
        agreements = self.env["kim.agreement"].search(
            [
                (
                    "id",
                    "in",
                    [
                        ref("kim_demo.agreement_demo_jobcenter").id,
                        ref("kim_demo.agreement_demo_sprache").id,
                        ref("kim_demo.agreement_demo_mbe").id,
                    ],
                )
            ]
        )
        self.assertEqual(len(agreements.partner_ids), 5)
        tables = self.env["kim.governance.monitoring"]._kim_report_tables(
            reconstructions[0].year
        )
        self.assertTrue(tables["tables"][0]["rows"])

    def test_demo_reports_withstand_attack(self):
        """X-2 (issue #19): the yearly report of every year of the demo
        Kreis against the attacker of ``kim_governance``'s tests: nothing
        suppressed can be worked out."""
        self.env.cr.execute(
            "SELECT DISTINCT extract(year FROM first_contact_date)::int"
            "  FROM kim_case WHERE first_contact_date IS NOT NULL"
        )
        years = sorted(year for (year,) in self.env.cr.fetchall())
        self.assertTrue(years)
        Monitoring = self.env["kim.governance.monitoring"].with_context(lang="en_US")
        attempts = derived = suppressed = 0
        for year in years:
            data = Monitoring._kim_report_tables(year)
            attacker = attack_yearly_report(data["tables"])
            self.assertEqual(attacker.derived, {}, year)
            attempts += len(attacker.attempts)
            derived += len(attacker.derived)
            suppressed += data["suppressed"]
        self.assertGreater(suppressed, 0)
        report_figure("suppression_attacks", attempts)
        report_figure("suppression_derived", derived)
