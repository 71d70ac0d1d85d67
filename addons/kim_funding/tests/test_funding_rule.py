# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import YEAR, KimFundingCommon


@tagged("post_install", "-at_install")
class TestFundingRule(KimFundingCommon):
    def test_shipped_guideline_caps(self):
        """F-2: the shipped guideline year carries the caps as data, not code."""
        rule = self.env.ref("kim_funding.funding_rule_b1_2026")
        amounts = {
            line.category: (line.amount, line.max_days) for line in rule.line_ids
        }
        self.assertEqual(amounts["coord_personnel"], (55000.0, 0.0))
        self.assertEqual(amounts["admin_personnel"], (22500.0, 0.0))
        self.assertEqual(amounts["coord_material"], (9700.0, 0.0))
        self.assertEqual(amounts["admin_material"], (4850.0, 0.0))
        self.assertEqual(amounts["consulting"], (1000.0, 6.0))
        self.assertEqual(amounts["exchange"], (1000.0, 3.0))
        self.assertEqual(amounts["implementation"], (10000.0, 0.0))
        self.assertEqual(amounts["gap_analysis"], (30000.0, 0.0))
        self.assertFalse(rule.categories_coverable)
        self.assertTrue(rule.full_funding)

    def test_fte_limits_and_min_share(self):
        """F-1: FTE limits per Kreis/Stadt are dated data; shares below the
        minimum of 0.5 FTE are refused."""
        self.assertEqual(
            (
                self.rule_b1.coord_fte_kreis,
                self.rule_b1.admin_fte,
                self.rule_b1.coord_fte_city,
            ),
            (3.5, 0.5, 2.5),
        )
        with self.assertRaises(ValidationError):
            self.env["kim.position"].create(
                {
                    "name": "Koordination klein",
                    "grant_id": self.grant_b1.id,
                    "role": "coordination",
                    "fte": 0.25,
                }
            )

    def test_qualifying_municipality_coordination_forwarded(self):
        """F-1: a qualifying municipality's coordination position must be
        forwarded to it (employer = municipality)."""
        self.municipality.write(
            {
                "kim_has_abh": True,
                "kim_has_youth_office": True,
                "kim_has_integration_council": True,
            }
        )
        vals = {
            "name": "Koordination Testdorf",
            "grant_id": self.grant_b1.id,
            "role": "coordination",
            "fte": 1.0,
            "municipality_id": self.municipality.id,
        }
        with self.assertRaises(ValidationError):
            self.env["kim.position"].create(vals | {"employer_type": "ki"})
        position = self.env["kim.position"].create(
            vals | {"employer_type": "municipality"}
        )
        self.assertEqual(position.employer_type, "municipality")

    def test_new_year_is_new_record_lead_edits(self):
        """F-4: a new guideline year is a new record edited by the lead; the
        old year keeps its rules; finance cannot change them; Baustein 2 has
        no carry-over."""
        Rule = self.env["kim.funding.rule"].with_user(self.user_lead)
        new = self.rule_b1.with_user(self.user_lead).copy({"year": YEAR + 1})
        new.line_ids.filtered(lambda ln: ln.category == "implementation").amount = 12000
        old_impl = self.rule_b1.line_ids.filtered(
            lambda ln: ln.category == "implementation"
        )
        self.assertEqual(old_impl.amount, 10000)
        self.assertEqual(Rule._kim_rule_for("1", YEAR + 1), new)
        self.assertFalse(self.rule_b2.carry_over)
        with self.assertRaises(AccessError):
            old_impl.with_user(self.user_finance).amount = 1
        self.assertEqual(old_impl.amount, 10000)
