# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import KimCaseCommon


@tagged("post_install", "-at_install")
class TestIntakeTours(KimCaseCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_action = cls.env.ref("kim_case.kim_case_action")

    def test_intake_tour(self):
        """C-1 / C-10: a German case manager turns an inquiry into a case and
        takes it from the initial meeting to help planning; the move to the
        assessment is refused until the data-protection agreement is recorded."""
        self.env["res.lang"]._activate_lang("de_DE")
        # The stage names the tour clicks, in German (independent of the
        # central translation of the stage data).
        for stage, name in (
            (self.stage_intake, "Erstgespräch"),
            (self.stage_assessment, "Assessment"),
            (self.stage_help_plan, "Hilfeplanung"),
        ):
            stage.with_context(lang="de_DE").name = name
        user = self._kim_user(
            "tour_intake", "kim_case.group_kim_case_manager", self.org_ki, lang="de_DE"
        )
        self.start_tour("/odoo", "kim_case_intake_tour", login=user.login)
        lead = self.env["crm.lead"].search([("contact_name", "=", "Samira Tourfeld")])
        case = lead.kim_case_id
        self.assertTrue(case)
        self.assertEqual(case.user_id, user)
        self.assertEqual(case.partner_id.name, "Samira Tourfeld")
        self.assertEqual(case.stage_id, self.stage_intake)
        self.assertTrue(lead.stage_id.is_won)
        # the signed agreement is recorded (file upload is not part of the tour)
        self._consent(case.partner_id, case_id=case.id)
        self.start_tour(
            f"/odoo/action-{self.case_action.id}/{case.id}",
            "kim_case_intake_planning_tour",
            login=user.login,
        )
        self.assertEqual(case.stage_id, self.stage_help_plan)

    def test_foreign_case_tour(self):
        """C-12 / X-1: a case manager of a welfare association cannot open a
        case of the KI, and the case list shows none of the KI's cases."""
        case_ki = self._case(self.user_cm_a, name="KIM-TOUR-KI")
        self._case(
            self.user_cm_b,
            self._client("Klient Wohlfahrt"),
            name="KIM-TOUR-WV",
            district_id=self.district_south.id,
        )
        self.start_tour(
            f"/odoo/action-{self.case_action.id}/{case_ki.id}",
            "kim_case_foreign_case_tour",
            login=self.user_cm_b.login,
        )
        with self.assertRaises(AccessError):
            case_ki.with_user(self.user_cm_b).read(["partner_id"])
