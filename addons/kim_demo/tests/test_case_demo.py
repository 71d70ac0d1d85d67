# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.kim_case.tests.common import KimCaseCommon


@tagged("post_install", "-at_install")
class TestDemo(KimCaseCommon):
    """G-6, X-3: the German demo data (only when demo data is installed)."""

    def setUp(self):
        super().setUp()
        self.nord = self.env.ref("kim_demo.kim_district_demo_nord")

    def test_kreis_structure(self):
        """G-6: 13 municipalities with their official keys in the 3 districts of
        the Kreis Warendorf structure, each district with its coordination."""
        districts = (
            self.env.ref("kim_demo.kim_district_demo_ahlen")
            | self.env.ref("kim_demo.kim_district_demo_sued")
            | self.nord
        )
        self.assertEqual(
            sorted(districts.mapped("name")), ["Ahlen", "Nordkreis", "Südkreis"]
        )
        municipalities = districts.municipality_ids
        self.assertEqual(len(municipalities), 13)
        self.assertTrue(all(municipalities.mapped("kim_is_municipality")))
        self.assertTrue(
            all(a.startswith("05570") for a in municipalities.mapped("kim_ags"))
        )
        self.assertEqual(districts.mapped("municipality_count"), [1, 6, 6])
        self.assertTrue(all(districts.mapped("coordinator_ids")))
        partners = self.env["res.partner"].search(
            [("kim_partner_type_id", "!=", False), ("kim_is_municipality", "=", False)]
        )
        self.assertGreaterEqual(len(partners), 15)

    def test_cases_in_all_stages_and_constellations(self):
        """G-6, X-3: demo cases in every stage and constellation, over all
        three districts and case managers, with German texts, consents for
        every case beyond the first meeting, a reactivated case and a holiday
        cover across employers."""
        districts = (
            self.env.ref("kim_demo.kim_district_demo_ahlen")
            | self.env.ref("kim_demo.kim_district_demo_sued")
            | self.nord
        )
        demo_cases = self.env["kim.case"].search([("district_id", "in", districts.ids)])
        self.assertGreaterEqual(len(demo_cases), 30)
        self.assertEqual(
            set(demo_cases.stage_id.ids), set(self.env["kim.case.stage"].search([]).ids)
        )
        self.assertEqual(
            set(demo_cases.type_id.ids), set(self.env["kim.case.type"].search([]).ids)
        )
        self.assertEqual(len(demo_cases.district_id), 3)
        self.assertEqual(len(demo_cases.municipality_id), 13)
        self.assertEqual(
            set(demo_cases.user_id.mapped("login")),
            {"kim.cm.kreis", "kim.cm.ahlen", "kim.cm.caritas"},
        )
        Consent = self.env["kim.consent"]
        for case in demo_cases.filtered(lambda c: c.stage_id.requires_dp_agreement):
            self.assertTrue(Consent._kim_valid_dp_agreement(case.partner_id), case.name)
        self.assertTrue(demo_cases.filtered("reactivation_count"))
        self.assertTrue(demo_cases.substitute_ids.filtered("is_active"))
        self.assertTrue(
            Consent.search(
                [
                    ("consent_type", "=", "release"),
                    (
                        "recipient_id",
                        "=",
                        self.env.ref("kim_demo.partner_demo_jobcenter").id,
                    ),
                ]
            )
        )
        notes = demo_cases.contact_ids.mapped("note")
        self.assertIn("Telefonische Rücksprache zum Stand beim Jobcenter.", notes)
