# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.kim_legal_text import BINDING_LANG, CLIENT_DOCUMENTS

# document -> report printing it on the case
REPORTS = {
    "info_art13": "kim_case.kim_case_report_client_info_art13",
    "dp_agreement": "kim_case.kim_case_report_client_dp_agreement",
    "release": "kim_case.kim_case_report_client_release",
    "goal_agreement": "kim_case.kim_case_report_goal_agreement",
    "withdrawal": "kim_case.kim_case_report_client_withdrawal",
    "sharing_log": "kim_case.kim_case_report_client_sharing_log",
}


class KimClientDocumentPrint(models.TransientModel):
    """C-10 / X-4: print a client document of a case in German and the
    client's language (the language the text is translated into); a release
    from confidentiality names recipient, purpose, data and validity. The
    print is logged in the audit trail like every report of a case."""

    _name = "kim.client.document.print"
    _description = "Print a Client Document"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        domain="[('id', 'in', member_partner_ids)]",
    )
    member_partner_ids = fields.Many2many(
        "res.partner", compute="_compute_member_partner_ids"
    )
    document = fields.Selection(
        [d for d in CLIENT_DOCUMENTS if d[0] in REPORTS],
        required=True,
        default="info_art13",
    )
    legal_text_id = fields.Many2one(
        "kim.legal.text",
        string="Text Version",
        compute="_compute_legal_text_id",
    )
    lang = fields.Selection(
        "_selection_lang",
        string="Second Language",
        compute="_compute_lang",
        store=True,
        readonly=False,
        help="Printed below the binding German text. Offered when the text is "
        "translated into the language.",
    )
    mediation_language_id = fields.Many2one(
        "kim.language", compute="_compute_lang", store=True
    )
    consent_id = fields.Many2one(
        "kim.consent",
        string="Release",
        domain="[('partner_id', '=', partner_id), ('consent_type', '=', 'release')]",
        help="Print an existing release again (a copy for the client).",
    )
    recipient_id = fields.Many2one("res.partner", domain=[("is_company", "=", True)])
    data_category_ids = fields.Many2many("kim.data.category", string="Data")
    purpose = fields.Text()
    valid_until = fields.Date()

    @api.model_create_multi
    def create(self, vals_list):
        # a print dialog only for a case the user may read (never a probe)
        self.env["kim.case"].browse(
            [vals["case_id"] for vals in vals_list if vals.get("case_id")]
        ).check_access("read")
        return super().create(vals_list)

    @api.model
    def _selection_lang(self):
        return self.env["res.lang"].get_installed()

    @api.depends("case_id")
    def _compute_member_partner_ids(self):
        for wizard in self:
            wizard.member_partner_ids = wizard.case_id.member_ids.partner_id

    @api.depends("document")
    def _compute_legal_text_id(self):
        for wizard in self:
            wizard.legal_text_id = self.env["kim.legal.text"]._kim_current(
                wizard.document
            )

    @api.depends("partner_id", "document")
    def _compute_lang(self):
        for wizard in self:
            lang, mediation = (False, False)
            if wizard.partner_id and wizard.legal_text_id:
                lang, mediation = wizard.partner_id._kim_client_document_lang(
                    wizard.legal_text_id
                )
            wizard.lang = lang or BINDING_LANG
            wizard.mediation_language_id = mediation

    def action_print(self):
        self.ensure_one()
        self.case_id.check_access("read")
        if self.partner_id not in self.case_id.member_ids.partner_id:
            raise UserError(self.env._("The person is not a member of the case."))
        data = {
            "partner_id": self.partner_id.id,
            "lang": self.lang,
            "legal_text_id": self.legal_text_id.id,
        }
        if self.document == "release":
            if self.consent_id:
                data["release"] = {"consent_id": self.consent_id.id}
            elif not (
                self.recipient_id
                and self.data_category_ids
                and (self.purpose or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "A release from confidentiality names the recipient, the "
                        "data and the purpose."
                    )
                )
            else:
                data["release"] = {
                    "recipient_id": self.recipient_id.id,
                    "category_ids": self.data_category_ids.ids,
                    "purpose": self.purpose,
                    "valid_until": fields.Date.to_string(self.valid_until),
                }
        return self.env.ref(REPORTS[self.document]).report_action(
            self.case_id, data=data
        )
