# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""C-10 / C-6 / X-4: the documents a client receives or signs, bilingual.

Every document prints its German text (binding) and, below it, the same
document in the client's language when its text version is translated into
it; a client whose language is missing gets German and a line on the language
mediation. The templates are translatable terms rendered with ``t-lang``, the
legal texts are ``kim.legal.text`` records (data the Kreis edits). One
abstract model per report; they share ``KimClientDocumentReport``.
"""

import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date

from ..models.kim_legal_text import BINDING_LANG
from ..tools import kim_today

# characters of a line of right-to-left text on the document's text width
RTL_LINE_CHARS = 95
BLOCK_TAG = re.compile(r"</?(p|div|li|br|h[1-6]|tr|td|th|ul|ol|table)\b", re.I)


def kim_wrap_rtl(html, width=RTL_LINE_CHARS):
    """Break right-to-left paragraphs into lines of about ``width``
    characters at spaces outside tags. The wkhtmltopdf of Debian (unpatched
    Qt) does not wrap Arabic script: a paragraph would run past the page in
    one line. Markup is kept as it is; only ``<br/>`` is inserted."""
    out, line, tag = [], 0, None
    for char in str(html):
        if char == "<":
            tag = []
        if tag is not None:
            tag.append(char)
            out.append(char)
            if char == ">":
                if BLOCK_TAG.match("".join(tag)):
                    line = 0  # a new block starts a new line
                tag = None
            continue
        if char == " " and line >= width:
            out.append("<br/>")
            line = 0
            continue
        out.append(char)
        line = 0 if char == "\n" else line + 1
    return "".join(out)


class KimClientDocumentReport(models.AbstractModel):
    _name = "report.kim_case.client_document"
    _description = "Client Document (bilingual)"

    # the document (kim.legal.text.document) and the model printed from
    _kim_document = None
    _kim_doc_model = "kim.case"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        docs = self.env[self._kim_doc_model].browse(docids).exists()
        # a clear refusal before anything renders; rules decide, not the data
        docs.check_access("read")
        documents = {doc.id: self._kim_document_values(doc, data) for doc in docs}
        return {
            "doc_ids": docs.ids,
            "doc_model": self._kim_doc_model,
            "docs": docs,
            "documents": documents,
            "kim_date": self._kim_format_date,
            "kim_amount": self._kim_format_amount,
            "kim_body": self._kim_body,
        }

    # --------------------------------------------------------------- values
    def _kim_client_of(self, doc, data):
        """The client the document is for: the case's client, or a member of
        the case named in ``data`` (never a person outside the case)."""
        if doc._name == "res.partner":
            return doc
        client = doc.partner_id
        if data.get("partner_id"):
            client = doc.member_ids.partner_id.filtered(
                lambda p: p.id == data["partner_id"]
            )
            if not client:
                raise AccessError(
                    self.env._("The person is not a member of case %s.", doc.name)
                )
        return client

    def _kim_document_values(self, doc, data):
        client = self._kim_client_of(doc, data)
        LegalText = self.env["kim.legal.text"]
        text = LegalText
        if data.get("legal_text_id"):
            text = LegalText.browse(data["legal_text_id"]).exists()
            if text.document != self._kim_document:
                raise UserError(
                    self.env._("The text version belongs to another document.")
                )
        text = text or LegalText._kim_current(self._kim_document)
        if not text:
            raise UserError(
                self.env._(
                    "No text of this document is valid today. Add a version under "
                    "KIM > Configuration > Texts of the Client Documents."
                )
            )
        lang, mediation = client._kim_client_document_lang(text, data.get("lang"))
        company = (doc.company_id if "company_id" in doc else False) or self.env.company
        layout = company.sudo().external_report_layout_id  # sudo: the layout's key
        parts = [self._kim_part(BINDING_LANG, binding=True)]
        if lang and lang != BINDING_LANG:
            parts.append(self._kim_part(lang, binding=False))
        return {
            "client": client,
            "address": client._kim_letter_address(),
            "text": text,
            "parts": parts,
            "mediation": mediation,
            "company": company,
            # Odoo's DIN 5008 layout (l10n_din5008) has its own slots; the
            # layout record is readable by administrators only
            "din5008": "din5008" in (layout.key or ""),
            "today": self._kim_today(),
            "reference": doc.name if doc._name == "kim.case" else "",
            "sender": self._kim_sender(doc),
            "extra": self._kim_extra_values(doc, client, data),
        }

    def _kim_part(self, lang, binding):
        record = self.env["res.lang"]._lang_get(lang)
        return {
            "lang": lang,
            "binding": binding,
            "iso": (record.iso_code or lang).replace("_", "-"),
            "dir": record.direction or "ltr",
        }

    def _kim_sender(self, doc):
        """The case manager and their employer (the sender of the letter)."""
        if doc._name != "kim.case":
            return {"user": self.env.user, "employer": self.env.user.kim_employer_id}
        return {"user": doc.user_id, "employer": doc.employer_id}

    def _kim_extra_values(self, doc, client, data):
        """Document-specific values (overridden per document)."""
        return {}

    def _kim_today(self):
        return kim_today(self)

    # ------------------------------------------------------------- helpers
    @api.model
    def _kim_format_date(self, value, lang):
        return format_date(self.env, value, lang_code=lang) if value else ""

    @api.model
    def _kim_format_amount(self, amount, currency, lang):
        return format_amount(self.with_context(lang=lang).env, amount, currency)

    @api.model
    def _kim_body(self, text, lang):
        body = text.with_context(lang=lang).body or ""
        if self.env["res.lang"]._lang_get(lang).direction == "rtl":
            body = kim_wrap_rtl(body)
        return Markup(body)


class ReportKimClientInfoArt13(models.AbstractModel):
    _name = "report.kim_case.report_client_info_art13"
    _inherit = "report.kim_case.client_document"
    _description = "Art. 13/14 GDPR Information"
    _kim_document = "info_art13"

    def _kim_extra_values(self, doc, client, data):
        company = self.env.company
        params = self.env["ir.config_parameter"].sudo()  # justified: a setting
        return {
            "role": company.kim_employer_dp_role or "processor",
            "dpo": company.kim_dpo_contact or "",
            "retention_years": int(params.get_param("kim_case.retention_years", 10)),
        }


class ReportKimClientDpAgreement(models.AbstractModel):
    _name = "report.kim_case.report_client_dp_agreement"
    _inherit = "report.kim_case.client_document"
    _description = "Data-Protection Agreement"
    _kim_document = "dp_agreement"


class ReportKimClientRelease(models.AbstractModel):
    _name = "report.kim_case.report_client_release"
    _inherit = "report.kim_case.client_document"
    _description = "Release from Confidentiality"
    _kim_document = "release"

    def _kim_extra_values(self, doc, client, data):
        """Recipient, purpose, data categories and validity: from the release
        the print names (it must belong to the client) or from the print
        dialog."""
        release = data.get("release") or {}
        Consent = self.env["kim.consent"]
        consent = Consent.browse(release.get("consent_id")).exists()
        if consent:
            consent.check_access("read")
            if consent.partner_id != client or consent.consent_type != "release":
                raise AccessError(self.env._("This release is not the client's."))
            return {
                "recipient": consent.recipient_id,
                "purpose": consent.purpose,
                "categories": consent.data_category_ids,
                "valid_from": consent.valid_from,
                "valid_until": consent.valid_until,
            }
        recipient = self.env["res.partner"].browse(release.get("recipient_id")).exists()
        # the recipient is an organisation the user may read (never a person
        # whose name the print would disclose)
        recipient.check_access("read")
        if recipient and not recipient.is_company:
            raise AccessError(self.env._("The recipient must be an organisation."))
        return {
            "recipient": recipient,
            "purpose": release.get("purpose") or "",
            "categories": self.env["kim.data.category"]
            .browse(release.get("category_ids") or [])
            .exists(),
            "valid_from": release.get("valid_from"),
            "valid_until": release.get("valid_until"),
        }


class ReportKimClientGoalAgreement(models.AbstractModel):
    _name = "report.kim_case.report_client_goal_agreement"
    _inherit = "report.kim_case.client_document"
    _description = "Goal Agreement and Help Plan (bilingual)"
    _kim_document = "goal_agreement"

    def _kim_extra_values(self, doc, client, data):
        appointment = self.env["calendar.event"].search(
            [("kim_case_id", "=", doc.id), ("start", ">=", fields.Datetime.now())],
            order="start",
            limit=1,
        )
        return {"appointment": appointment}


class ReportKimClientWithdrawal(models.AbstractModel):
    _name = "report.kim_case.report_client_withdrawal"
    _inherit = "report.kim_case.client_document"
    _description = "Withdrawal Form"
    _kim_document = "withdrawal"

    def _kim_extra_values(self, doc, client, data):
        Consent = self.env["kim.consent"]
        consents = Consent.search(
            Consent._kim_in_force_domain(partner=client)
            + [("consent_type", "in", ("dp_agreement", "release"))]
        )
        return {"consents": consents}


class ReportKimClientSharingLog(models.AbstractModel):
    _name = "report.kim_case.report_client_sharing_log"
    _inherit = "report.kim_case.client_document"
    _description = "Record of Disclosures"
    _kim_document = "sharing_log"

    def _kim_extra_values(self, doc, client, data):
        return {
            "rows": lambda lang: (
                client.with_context(lang=lang)._kim_sharing_log_rows()
                if hasattr(client, "_kim_sharing_log_rows")
                else []
            )
        }


class ReportKimArt15(models.AbstractModel):
    _name = "report.kim_case.report_kim_art15"
    _inherit = "report.kim_case.client_document"
    _description = "Art. 15 GDPR Access Letter"
    _kim_document = "art15"
    _kim_doc_model = "res.partner"

    def _kim_extra_values(self, doc, client, data):
        return {
            "sections": lambda lang: client.with_context(
                lang=lang
            )._kim_art15_printable()
        }
