# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.kim_case.tools import kim_lang_env

AGREEMENT_TYPES = [
    ("cooperation", "Cooperation Agreement"),
    ("interface", "Interface Concept"),
    ("rules", "Rules of Procedure"),
]
AGREEMENT_STATES = [
    ("draft", "Draft"),
    ("coordination", "In Coordination"),
    ("signed", "Signed"),
    ("terminated", "Terminated"),
]


class KimAgreement(models.Model):
    """G-5: cooperation agreement or interface concept with one or more partners."""

    _name = "kim.agreement"
    _description = "KIM Cooperation Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    agreement_type = fields.Selection(
        AGREEMENT_TYPES, string="Type", required=True, default="cooperation"
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "kim_agreement_partner_rel",
        "agreement_id",
        "partner_id",
        string="Partners",
        domain=[("is_company", "=", True)],
    )
    scope_ids = fields.Many2many("kim.agreement.scope")
    state = fields.Selection(
        AGREEMENT_STATES, default="draft", required=True, tracking=True
    )
    date_start = fields.Date(string="Valid From")
    date_end = fields.Date(string="Valid Until")
    date_signed = fields.Date(string="Signed On")
    review_date = fields.Date(tracking=True)
    signed_document = fields.Binary(attachment=True)
    signed_document_name = fields.Char()
    theme_ids = fields.One2many("kim.generative.theme", "agreement_id", "Themes")
    notes = fields.Html()

    @api.constrains("state", "signed_document", "date_signed", "partner_ids")
    def _check_signed(self):
        for agreement in self:
            if agreement.state == "signed" and not (
                agreement.signed_document and agreement.date_signed
            ):
                raise ValidationError(
                    self.env._(
                        "A signed agreement needs the signed document and the "
                        "signing date."
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if (
                agreement.date_start
                and agreement.date_end
                and agreement.date_end < agreement.date_start
            ):
                raise ValidationError(
                    self.env._("The agreement ends before it starts.")
                )

    def _kim_schedule_review(self):
        """G-5: a review activity for each agreement with a review date."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for agreement in self.filtered("review_date"):
            user = agreement.create_uid or self.env.user
            agreement.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=agreement.review_date,
                summary=kim_lang_env(agreement, user)._("Review agreement"),
                user_id=user.id,
            )

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        agreements._kim_schedule_review()
        return agreements

    def write(self, vals):
        res = super().write(vals)
        if vals.get("review_date"):
            self.activity_unlink(["mail.mail_activity_data_todo"])
            self._kim_schedule_review()
        return res
