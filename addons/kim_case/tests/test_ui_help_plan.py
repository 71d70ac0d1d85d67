# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiHelpPlan(HttpCase):
    def test_help_plan_tour_case_manager(self):
        """C-6 / C-7: a case manager without project rights adds a goal and a
        measure on the case form; the measure lands in the organisation's
        help-plan project."""
        employer = self.env["res.partner"].create(
            {"name": "KI Tourkreis", "is_company": True, "kim_is_employer": True}
        )
        user = new_test_user(
            self.env,
            login="kim_tour_cm_plan",
            groups="base.group_user,kim_case.group_kim_case_manager",
            kim_employer_id=employer.id,
        )
        self.assertFalse(user.has_group("project.group_project_user"))
        client = self.env["res.partner"].create(
            {"name": "Tour Klientin", "kim_is_client": True}
        )
        case = self.env["kim.case"].create(
            {"partner_id": client.id, "user_id": user.id, "employer_id": employer.id}
        )
        self.start_tour(
            f"/odoo/kim-cases/{case.id}",
            "kim_case_help_plan_tour",
            login="kim_tour_cm_plan",
        )
        self.assertEqual(case.goal_ids.name, "Deutschkurs B1 abschließen")
        measure = case.measure_ids
        self.assertEqual(measure.name, "Anmeldung Integrationskurs begleiten")
        self.assertEqual(measure.project_id.kim_employer_id, employer)
