# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import KimCaseCommon


@freeze_time("2026-11-20 10:00:00")
class TestClientSurvey(KimCaseCommon):
    """C-6 (issue #21): the client's voice with Odoo's survey app: offered at
    closure or after the goal agreement, as a link in the client's language
    or entered from paper; answers anonymous, never readable per client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.client = cls._client(
            "Rania Testperson",
            kim_language_ids=[Command.set(cls.env.ref("kim_case.lang_ar").ids)],
        )
        cls.case = cls._case(cls.user_cm_a, cls.client)
        cls.survey = cls.env.ref("kim_case.survey_client_evaluation")

    def _offer(self, user=None, case=None, **values):
        user = user or self.user_cm_a
        case = case or self.case
        action = case.with_user(user).action_kim_survey()
        wizard = (
            self.env["kim.case.survey"]
            .with_user(user)
            .with_context(**action["context"])
            .create(values)
        )
        return wizard, wizard.action_confirm()

    def _answer(self, satisfaction, goals, **kim):
        """A completed answer, as the survey form stores it."""
        answer = self.env["survey.user_input"].create(
            {"survey_id": self.survey.id, "state": "done", **kim}
        )
        for xmlid in (satisfaction, goals):
            option = self.env.ref(f"kim_case.{xmlid}")
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": answer.id,
                    "question_id": option.question_id.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": option.id,
                }
            )
        return answer

    def test_link_in_the_clients_language_anonymous(self):
        """C-6/X-4: the link opens the questionnaire in the client's language
        (Arabic here); the answer has no name, e-mail or case, only the
        occasion, constellation and district; the case keeps the date."""
        inputs = self.env["survey.user_input"].search([])
        wizard, _action = self._offer(occasion="goal_agreement")
        self.assertEqual(wizard.lang, "ar_001")
        answer = self.env["survey.user_input"].search([]) - inputs
        self.assertEqual(len(answer), 1)
        self.assertFalse(answer.partner_id)
        self.assertFalse(answer.email)
        self.assertEqual(answer.kim_occasion, "goal_agreement")
        self.assertEqual(answer.kim_case_type_id, self.case.type_id)
        self.assertEqual(answer.kim_district_id, self.case.district_id)
        url_code = self.env["res.lang"]._get_data(code="ar_001").url_code
        self.assertIn(
            f"/{url_code}/survey/start/{self.survey.access_token}", wizard.url
        )
        self.assertIn(answer.access_token, wizard.url)
        self.assertEqual(str(self.case.kim_survey_goal_date), "2026-11-20")
        self.assertFalse(self.case.kim_survey_closure_date)
        # nothing on the case leads to the answer
        case_values = str(self.case.read()[0])
        self.assertNotIn(answer.access_token, case_values)

    def test_paper_entry_and_once_per_occasion(self):
        """C-6: staff open the form for the paper questionnaire; a second
        questionnaire for the same occasion is refused in German."""
        _wizard, action = self._offer(occasion="closure", mode="paper")
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].startswith("/survey/start/"))
        inputs = self.env["survey.user_input"].search_count([])
        with self.assertRaisesRegex(UserError, "already offered"):
            self._offer(occasion="closure", mode="paper")
        self.assertEqual(self.env["survey.user_input"].search_count([]), inputs)

    def test_only_the_case_manager_offers(self):
        """C-6: another organisation's case manager, the steering group and
        finance cannot offer the questionnaire for the case."""
        for user in (self.user_cm_b, self.user_steering, self.user_finance):
            with self.assertRaises(AccessError, msg=user.login):
                self._offer(user=user)
        self.assertFalse(self.case.kim_survey_closure_date)

    def test_answers_never_readable_per_client(self):
        """C-6 / data protection: no KIM role reads an answer record, not the
        steering group, not the case manager who offered it, not even an
        Odoo survey officer; the report sees counts only."""
        self._offer(occasion="closure")
        answer = self._answer("survey_a_satisfaction_1", "survey_a_goals_yes")
        officer_group = self.env.ref("survey.group_survey_user")
        self.user_cm_a.groups_id = [Command.link(officer_group.id)]
        for user in (
            self.user_steering,
            self.user_lead,
            self.user_coordination,
            self.user_cm_a,
        ):
            with self.assertRaises(AccessError, msg=user.login):
                answer.with_user(user).read(["kim_district_id"])
            with self.assertRaises(AccessError, msg=user.login):
                answer.user_input_line_ids.with_user(user).read(["suggested_answer_id"])
        # the survey officer's search finds no KIM answer either
        officer_inputs = self.env["survey.user_input"].with_user(self.user_cm_a)
        self.assertFalse(officer_inputs.search([("survey_id", "=", self.survey.id)]))

    def test_evaluation_counts(self):
        """C-6 KPI: completed answers of the year counted per answer option
        (the report then suppresses cells below five)."""
        for _i in range(3):
            self._answer("survey_a_satisfaction_1", "survey_a_goals_yes")
        self._answer("survey_a_satisfaction_3", "survey_a_goals_partly")
        self.env["survey.user_input"].create({"survey_id": self.survey.id})
        counts, done = (
            self.env["survey.user_input"]
            .with_user(self.user_steering)
            ._kim_evaluation_counts(2026)
        )
        self.assertEqual(done, 4)
        satisfaction = self.env.ref("kim_case.survey_q_satisfaction")
        goals = self.env.ref("kim_case.survey_q_goals")
        self.assertEqual(
            counts[satisfaction][self.env.ref("kim_case.survey_a_satisfaction_1")], 3
        )
        self.assertEqual(
            counts[satisfaction][self.env.ref("kim_case.survey_a_satisfaction_4")], 0
        )
        self.assertEqual(
            counts[goals][self.env.ref("kim_case.survey_a_goals_partly")], 1
        )
        self.assertEqual(
            self.env["survey.user_input"]._kim_evaluation_counts(2025)[1], 0
        )

    def test_survey_app_hidden_for_kim_roles(self):
        """Issue #21: the Surveys app is not among a KIM role's apps (the
        questionnaire is offered from the case)."""
        menu = self.env.ref("survey.menu_surveys")
        officer_group = self.env.ref("survey.group_survey_user")
        self.user_cm_a.groups_id = [Command.link(officer_group.id)]
        roots = self.env["ir.ui.menu"].with_user(self.user_cm_a).get_user_roots()
        self.assertNotIn(menu, roots)
