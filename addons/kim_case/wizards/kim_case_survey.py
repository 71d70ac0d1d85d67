# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..models.survey_user_input import KIM_OCCASIONS
from ..tools import kim_check_cases_writable, kim_serialise, kim_today

OCCASION_FIELDS = {
    "closure": "kim_survey_closure_date",
    "goal_agreement": "kim_survey_goal_date",
}


class KimCaseSurvey(models.TransientModel):
    """C-6 (issue #21): the client's voice. Offers the short KIM
    questionnaire for a case, in the client's language, as a link the client
    answers on their own phone or as a form staff fill in from the paper
    questionnaire. The answer is created without name, e-mail or case; the
    case only keeps the date the questionnaire was offered."""

    _name = "kim.case.survey"
    _description = "Client Survey"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade")
    occasion = fields.Selection(KIM_OCCASIONS, required=True, default="closure")
    lang = fields.Selection(
        selection="_kim_lang_selection",
        string="Language",
        required=True,
        default=lambda self: self._kim_default_lang(),
    )
    mode = fields.Selection(
        [
            ("link", "Link for the client"),
            ("paper", "Enter the paper questionnaire now"),
        ],
        required=True,
        default="link",
    )
    url = fields.Char(string="Link", readonly=True)

    @api.model
    def _kim_lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _kim_default_lang(self):
        case = self.env["kim.case"].browse(self.env.context.get("default_case_id"))
        Lang = self.env["res.lang"]
        for language in case.exists().partner_id.kim_language_ids:
            code = Lang._kim_code_of(language)
            if code:
                return code
        installed = dict(Lang.get_installed())
        return "de_DE" if "de_DE" in installed else self.env.lang

    @api.model_create_multi
    def create(self, vals_list):
        kim_check_cases_writable(self.env, vals_list)
        return super().create(vals_list)

    def action_confirm(self):
        """Creates the anonymous answer and shows its link (or opens it)."""
        self.ensure_one()
        case = self.case_id
        case.check_access("write")
        survey = self.env.ref("kim_case.survey_client_evaluation", False)
        # sudo: reads whether the KIM survey is active (restricted survey)
        if not survey or not survey.sudo().active:
            raise UserError(self.env._("The KIM client survey is not available."))
        field = OCCASION_FIELDS[self.occasion]
        # two clicks at once: the second waits and then sees the first date
        kim_serialise(case)
        offered = case[field]
        if offered:
            raise UserError(
                self.env._(
                    "The questionnaire for this occasion was already offered "
                    "for case %(case)s on %(date)s.",
                    case=case.name,
                    date=format_date(self.env, offered),
                )
            )
        # KIM staff cannot read survey answers; the answer is created without
        # partner, e-mail or case, so nobody can tie it to the client
        Answer = self.env["survey.user_input"].sudo()  # sudo: anonymous answer
        answer = Answer.create(
            {
                "survey_id": survey.id,
                "kim_occasion": self.occasion,
                "kim_case_type_id": case.type_id.id,
                "kim_district_id": case.district_id.id,
            }
        )
        case.write({field: kim_today(case)})
        case.message_post(
            body=self.env._(
                "Client questionnaire offered (%(occasion)s).",
                occasion=dict(
                    self._fields["occasion"]._description_selection(self.env)
                )[self.occasion],
            )
        )
        if self.mode == "paper":
            # staff enter the paper answers in their own language
            return {
                "type": "ir.actions.act_url",
                "url": answer.get_start_url(),
                "target": "new",
            }
        # the client's language as the URL's language prefix (Odoo's routing)
        lang = self.env["res.lang"]._get_data(code=self.lang)
        self.url = f"{case.get_base_url()}/{lang.url_code}{answer.get_start_url()}"
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Client Survey"),
        }
