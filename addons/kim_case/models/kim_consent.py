# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date
from odoo.tools.sql import create_index

from ..tools import (
    kim_lang_env,
    kim_today,
    kim_workbook_templates,
    kim_working_days_between,
)


class KimConsent(models.Model):
    """C-10: Art. 13 information, data-protection agreement and release from
    confidentiality (Schweigepflichtentbindung) of a client.

    ``_kim_in_force`` / ``_kim_in_force_domain`` are the one answer to "is
    this consent in force on this day?"; ``_kim_check_transfer`` the one
    answer to "may data of this client go to this organisation for this
    purpose now?" — every sharing path calls it.
    """

    _name = "kim.consent"
    _description = "Consent"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "valid_from desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", False)],
    )
    case_id = fields.Many2one("kim.case", index="btree_not_null", ondelete="set null")
    consent_type = fields.Selection(
        [
            ("info_art13", "Art. 13 GDPR Information Handed Over"),
            ("dp_agreement", "Data-Protection Agreement"),
            ("release", "Release from Confidentiality"),
        ],
        string="Type",
        required=True,
        tracking=True,
    )
    recipient_id = fields.Many2one(
        "res.partner",
        string="Recipient Organisation",
        domain=[("is_company", "=", True)],
        tracking=True,
        index="btree_not_null",
    )
    data_category_ids = fields.Many2many(
        "kim.data.category",
        "kim_consent_data_category_rel",
        "consent_id",
        "category_id",
        string="Data Categories",
    )
    purpose = fields.Text()
    language_id = fields.Many2one(
        "kim.language",
        help="Language in which the document was explained and signed (X-4).",
    )
    legal_text_id = fields.Many2one(
        "kim.legal.text",
        string="Text Version",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        help="Version of the document text the client received or signed (C-10). "
        "Set to the version valid on the day of signing unless chosen.",
    )
    explained_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        help="Who explained the document to the client.",
    )
    mediator_id = fields.Many2one(
        "res.partner",
        string="Language Mediator",
        help="Interpreter or language mediator who explained the document in the "
        "client's language (X-4), when it is not printed in that language.",
    )
    mediation_language_id = fields.Many2one("kim.language")
    mediation_date = fields.Date()
    date_signed = fields.Date(string="Signed On", default=kim_today)
    valid_from = fields.Date(required=True, default=kim_today)
    valid_until = fields.Date(tracking=True)
    withdrawn_date = fields.Date(string="Withdrawn On", tracking=True, copy=False)
    document_ids = fields.Many2many(
        "ir.attachment",
        "kim_consent_attachment_rel",
        "consent_id",
        "attachment_id",
        string="Signed Document",
    )
    state = fields.Selection(
        [
            ("pending", "Not Yet Valid"),
            ("valid", "Valid"),
            ("expired", "Expired"),
            ("withdrawn", "Withdrawn"),
        ],
        compute="_compute_state",
        search="_search_state",
    )
    renewal_days_left = fields.Integer(
        string="Working Days Left",
        compute="_compute_renewal",
        help="Working days (company calendar, public holidays excluded) from "
        "today until the consent ends.",
    )
    renewal_due = fields.Boolean(
        compute="_compute_renewal",
        search="_search_renewal_due",
        help="C-10: a release in force that ends within the renewal lead time "
        "(deadline rule, in working days).",
    )
    expiry_alert_date = fields.Date(
        string="Expiry Alert Sent For",
        readonly=True,
        copy=False,
        help="End of validity for which the case managers were already alerted.",
    )

    def init(self):
        # releases from confidentiality by date: the few among many consents
        # an authority's access rule joins (kim_abh, issue #8 R10)
        create_index(
            self.env.cr,
            "kim_consent_release_valid_from_index",
            self._table,
            ["valid_from"],
            where="consent_type = 'release'",
        )

    @api.depends("valid_from", "valid_until", "withdrawn_date")
    def _compute_state(self):
        today = kim_today(self)
        for consent in self:
            consent.state = consent._state_at(today)

    def _state_at(self, day):
        """``valid`` when in force on ``day`` (``_kim_in_force``), else why not."""
        self.ensure_one()
        if self._kim_in_force(day):
            return "valid"
        if self.withdrawn_date and self.withdrawn_date <= day:
            return "withdrawn"
        if self.valid_from > day:
            return "pending"
        return "expired"

    @api.depends("valid_from", "valid_until", "withdrawn_date", "consent_type")
    def _compute_renewal(self):
        today = kim_today(self)
        horizon = self._kim_renewal_horizon(today)
        days_left = {}
        for consent in self:
            running = bool(consent.valid_until and consent._kim_in_force(today))
            if running and consent.valid_until not in days_left:
                days_left[consent.valid_until] = kim_working_days_between(
                    self, today, consent.valid_until
                )
            consent.renewal_days_left = days_left[consent.valid_until] if running else 0
            consent.renewal_due = bool(
                running
                and consent.consent_type == "release"
                and horizon
                and consent.valid_until <= horizon
            )

    def _search_renewal_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on renewal due."))
        domain = self._kim_renewal_due_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    def _search_state(self, operator, value):
        if operator not in ("=", "!=") or value != "valid":
            raise UserError(
                self.env._("Only searching for valid consents is supported.")
            )
        domain = self._kim_in_force_domain()
        return domain if operator == "=" else ["!", *domain]

    @api.constrains(
        "consent_type", "recipient_id", "data_category_ids", "purpose", "document_ids"
    )
    def _check_complete(self):
        for consent in self:
            if consent.consent_type == "release" and not (
                consent.recipient_id
                and consent.data_category_ids
                and (consent.purpose or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "A release from confidentiality needs a recipient "
                        "organisation, the data categories and the purpose."
                    )
                )
            if consent.consent_type in ("release", "dp_agreement") and not (
                consent.document_ids
            ):
                raise ValidationError(
                    self.env._(
                        "Attach the signed document: a data-protection agreement or "
                        "release from confidentiality is only valid in writing."
                    )
                )

    @api.constrains(
        "consent_type",
        "date_signed",
        "legal_text_id",
        "language_id",
        "explained_by_id",
        "mediator_id",
        "mediation_language_id",
        "mediation_date",
    )
    def _check_signed_record(self):
        """C-10 / X-4: a data-protection agreement is recorded as signed with
        date, text version, language and who explained it; a document that was
        not printed in the language it was explained in names the language
        mediation (who, which language, when)."""
        for consent in self:
            text = consent.legal_text_id
            if text and text.document != consent.consent_type:
                raise ValidationError(
                    self.env._(
                        "The text version %(text)s belongs to another document.",
                        text=text.display_name,
                    )
                )
            if consent.consent_type == "dp_agreement" and not (
                consent.date_signed
                and text
                and consent.language_id
                and consent.explained_by_id
            ):
                raise ValidationError(
                    self.env._(
                        "Record the data-protection agreement as signed: date of "
                        "signing, text version, language and who explained it."
                    )
                )
            if consent._kim_needs_mediation() and not (
                consent.mediator_id
                and consent.mediation_language_id
                and consent.mediation_date
            ):
                raise ValidationError(
                    self.env._(
                        "The text is not available in %(language)s: record the "
                        "language mediation (mediator, language and date).",
                        language=consent.language_id.name,
                    )
                )

    @api.model
    def _kim_default_language(self, partner, text):
        """X-4: the language the document was explained in, by default: the
        client's language it is printed in, else the client's language that
        needed mediation, else German."""
        # justified: the client's spoken languages, a default only
        lang, mediation = partner.sudo()._kim_client_document_lang(text)
        if mediation:
            return mediation
        Language = self.env["kim.language"]
        if lang:
            iso = self.env["res.lang"]._lang_get(lang).iso_code or lang
            language = Language.search([("code", "=", iso.split("_")[0])], limit=1)
            if language:
                return language
        return self.env.ref("kim_case.lang_de")

    def _kim_needs_mediation(self):
        """True when the document was explained in a language other than
        German that its text version is not translated into (X-4)."""
        self.ensure_one()
        language = self.language_id
        if not (self.legal_text_id and language) or language.code == "de":
            return False
        code = self.env["res.lang"]._kim_code_of(language)
        return not code or code not in self.legal_text_id._kim_translated_langs()

    @api.constrains("valid_from", "valid_until")
    def _check_dates(self):
        for consent in self:
            if consent.valid_until and consent.valid_until < consent.valid_from:
                raise ValidationError(
                    self.env._("A consent cannot end before it starts.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        LegalText = self.env["kim.legal.text"]
        Partner = self.env["res.partner"]
        versions = {}  # (document, day) -> version: one search per batch and day
        for vals in vals_list:
            self._kim_check_documents(vals.get("document_ids"))
            if "legal_text_id" not in vals and vals.get("consent_type"):
                day = fields.Date.to_date(vals.get("date_signed")) or kim_today(self)
                key = (vals["consent_type"], day)
                if key not in versions:
                    versions[key] = LegalText._kim_current(*key).id
                vals["legal_text_id"] = versions[key]
            if "language_id" not in vals and vals.get("partner_id"):
                vals["language_id"] = self._kim_default_language(
                    Partner.browse(vals["partner_id"]),
                    LegalText.browse(vals.get("legal_text_id")),
                ).id
        consents = super().create(vals_list)
        consents._kim_bind_documents()
        return consents

    def write(self, vals):
        self._kim_check_documents(vals.get("document_ids"))
        if "withdrawn_date" in vals and not vals["withdrawn_date"]:
            if self.filtered("withdrawn_date"):
                raise UserError(
                    self.env._(
                        "A withdrawal cannot be undone; record a new consent instead."
                    )
                )
        res = super().write(vals)
        if "document_ids" in vals:
            self._kim_bind_documents()
        return res

    @api.model
    def _kim_check_documents(self, commands):
        """X-1 / C-10: a user links only files they may read to a consent
        (linking one makes it readable with the consent)."""
        if not commands or self.env.su:
            return
        ids = set()
        for command in commands:
            if isinstance(command, int):
                ids.add(command)
            elif command[0] == Command.LINK:
                ids.add(command[1])
            elif command[0] == Command.SET:
                ids.update(command[2])
        attachments = self.env["ir.attachment"].browse(ids).exists()
        attachments.check_access("read")

    def _kim_bind_documents(self):
        """C-10: every signed document belongs to its consent, so it is
        readable exactly as the consent is, on every channel (Odoo shows a
        file of no record to its uploader only). A file of no record is bound
        to the first consent that links it; a file another consent already
        holds is copied for this one (the content is stored once). Files of
        other records (e.g. a case) stay where they are. Safe to re-run."""
        # sudo: binds or copies the files, checked readable before linking
        for consent in self.sudo().sorted("id"):
            for doc in consent.document_ids.filtered(lambda a: not a.res_field):
                if doc.res_model == self._name and doc.res_id == consent.id:
                    continue
                if not doc.res_id and doc.res_model in (False, self._name):
                    doc.write({"res_model": self._name, "res_id": consent.id})
                elif doc.res_model == self._name:
                    own = doc.copy({"res_model": self._name, "res_id": consent.id})
                    consent.document_ids = [
                        Command.unlink(doc.id),
                        Command.link(own.id),
                    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_disclosed(self):
        """C-10: a release that disclosures rest on is their evidence: users
        withdraw it or let it end, they do not delete it."""
        if self.env.su:
            return
        Disclosure = self.env["kim.disclosure"].sudo()  # sudo: existence check only
        if Disclosure.search_count([("consent_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._(
                    "Data of the client was passed on under this release: it is "
                    "the evidence of these disclosures and cannot be deleted. "
                    "Withdraw it or set its end date instead."
                )
            )

    def action_kim_print(self):
        """C-10: print this consent's document again (German and the client's
        language) through the print dialog of its case."""
        self.ensure_one()
        case = self.case_id or self.env["kim.case"].search(
            [("member_ids.partner_id", "=", self.partner_id.id)],
            order="is_closed, id desc",
            limit=1,
        )
        if not case:
            raise UserError(
                self.env._("Client documents are printed from a case of the client.")
            )
        return case.action_kim_print_client_document(
            partner=self.partner_id,
            document=self.consent_type,
            consent=self if self.consent_type == "release" else None,
        )

    def action_withdraw(self):
        """DSGVO Art. 7(3): withdrawal acts immediately and from then on."""
        today = kim_today(self)
        for consent in self.filtered(lambda c: not c.withdrawn_date):
            consent.withdrawn_date = today
            consent.message_post(body=self.env._("Consent withdrawn."))
        return True

    # ----------------------------------------------------------- in force
    # C-10: the one answer to "is this consent in force for this recipient,
    # type and data categories on this day?" — every gate, compute, alert,
    # record rule and cron of the KIM addons asks these methods and compares
    # no date of a consent itself (tests/test_consent_validity.py). A consent
    # is in force from ``valid_from`` through ``valid_until``, both days
    # included (no end: open-ended), and no longer from the day of its
    # withdrawal: DSGVO Art. 7(3) acts at once and a withdrawal is recorded by
    # the day, so that whole day is outside, the day before inside. The day is
    # the KIM day (``kim_today``: Europe/Berlin) unless one is given.

    def _kim_in_force_period(self):
        """``(first, last)`` day this consent is in force (``last`` None:
        open-ended), or None when it never is (withdrawn before its start).
        The same rule as ``_kim_in_force``, for callers that need the span
        (the authority's access window in kim_abh)."""
        self.ensure_one()
        ends = [self.valid_until] if self.valid_until else []
        if self.withdrawn_date:
            ends.append(self.withdrawn_date - timedelta(days=1))
        last = min(ends) if ends else None
        if not self.valid_from or (last is not None and last < self.valid_from):
            return None
        return self.valid_from, last

    def _kim_in_force(
        self, day=None, *, consent_type=None, recipient=None, categories=None
    ):
        """The consents of ``self`` in force on ``day`` (default: the KIM
        day), narrowed as ``_kim_covering`` narrows. In memory; the same as a
        search with ``_kim_in_force_domain``."""
        day = day or kim_today(self)

        def in_force(consent):
            period = consent._kim_in_force_period()
            if not period:
                return False
            first, last = period
            return first <= day and (last is None or day <= last)

        return self._kim_covering(
            consent_type=consent_type, recipient=recipient, categories=categories
        ).filtered(in_force)

    @api.model
    def _kim_in_force_domain(
        self,
        day=None,
        *,
        partner=None,
        consent_type=None,
        recipient=None,
        categories=None,
    ):
        """Domain of the consents in force on ``day`` (default: the KIM day)
        of ``partner`` (any number of persons), narrowed as
        ``_kim_covering_domain`` narrows: for searches, counts and
        ``_read_group`` (crons and statistics do not loop over consents)."""
        day = day or kim_today(self)
        return [
            *self._kim_covering_domain(
                partner=partner,
                consent_type=consent_type,
                recipient=recipient,
                categories=categories,
            ),
            ("valid_from", "<=", day),
            "|",
            ("valid_until", "=", False),
            ("valid_until", ">=", day),
            "|",
            ("withdrawn_date", "=", False),
            ("withdrawn_date", ">", day),
        ]

    def _kim_covering(self, *, consent_type=None, recipient=None, categories=None):
        """The consents of ``self`` of ``consent_type``, for the organisation
        of ``recipient`` (a contact person counts as their organisation; a
        recordset: any of them), naming every one of ``categories`` —
        whatever their dates. Arguments left out do not narrow."""
        organisations = (
            recipient.commercial_partner_id if recipient is not None else None
        )
        return self.filtered(
            lambda consent: (
                (not consent_type or consent.consent_type == consent_type)
                and (organisations is None or consent.recipient_id in organisations)
                and (not categories or categories <= consent.data_category_ids)
            )
        )

    @api.model
    def _kim_covering_domain(
        self, *, partner=None, consent_type=None, recipient=None, categories=None
    ):
        """``_kim_covering`` as a domain, also by ``partner``."""
        domain = []
        if partner is not None:
            domain.append(("partner_id", "in", partner.ids))
        if consent_type:
            domain.append(("consent_type", "=", consent_type))
        if recipient is not None:
            domain.append(("recipient_id", "in", recipient.commercial_partner_id.ids))
        # ``any`` searches the categories as reading the field shows them
        # (archived ones left out), as ``_kim_covering`` compares them
        domain += [
            ("data_category_ids", "any", [("id", "=", category.id)])
            for category in categories or ()
        ]
        return domain

    # ------------------------------------------------------------- service
    @api.model
    def _kim_valid_dp_agreement(self, partner, day=None):
        return self.sudo().search(  # justified: existence check, returns no data
            self._kim_in_force_domain(
                day, partner=partner, consent_type="dp_agreement"
            ),
            limit=1,
        )

    @api.model
    def _kim_art13_handed_out(self, partner, day=None):
        """C-10: has ``partner`` received the Art. 13 information by ``day``
        (default: the KIM day)?"""
        day = day or kim_today(self)
        return bool(
            self.sudo().search_count(  # justified: existence check, returns no data
                [
                    ("partner_id", "=", partner.id),
                    ("consent_type", "=", "info_art13"),
                    "|",
                    ("date_signed", "<=", day),
                    "&",
                    ("date_signed", "=", False),
                    ("valid_from", "<=", day),
                ],
                limit=1,
            )
        )

    @api.model
    def _kim_find_release(self, partner, recipient, categories=None, day=None):
        """Releases of ``partner`` in force for ``recipient`` covering
        ``categories``."""
        # justified: the caller decides what to share
        return self.sudo().search(
            self._kim_in_force_domain(
                day,
                partner=partner,
                consent_type="release",
                recipient=recipient,
                categories=categories,
            )
        )

    @api.model
    def _kim_may_transfer(self, partner, recipient, categories=None, day=None):
        """True when data of ``partner`` in ``categories`` may go to ``recipient``."""
        return bool(self._kim_find_release(partner, recipient, categories, day))

    @api.model
    def _kim_check_transfer(self, partner, recipient, categories=None, day=None):
        """Raise a clear error unless a valid release covers the transfer."""
        if not self._kim_may_transfer(partner, recipient, categories, day):
            names = ", ".join(
                (categories or self.env["kim.data.category"]).mapped("name")
            )
            raise UserError(
                self.env._(
                    "No valid release from confidentiality of the client covers "
                    "%(recipient)s%(categories)s. Data of the client must not be "
                    "passed on.",
                    recipient=recipient.commercial_partner_id.name,
                    categories=self.env._(" for: %s", names) if names else "",
                )
            )
        return True

    @api.model
    def _kim_renewal_horizon(self, today=None):
        """C-10: the last end date of a release that is due for renewal today:
        today plus the lead time of the dated deadline rule (False: none)."""
        today = today or kim_today(self)
        rule = self.env["kim.deadline.rule"]._kim_rule("consent_renewal_alert", today)
        return rule._kim_add(today, shift=False) if rule else False

    @api.model
    def _kim_renewal_due_domain(self, today=None):
        """C-10: releases in force on ``today`` that end within the renewal
        lead time — the filter, the field and the alert job use it."""
        today = today or kim_today(self)
        horizon = self._kim_renewal_horizon(today)
        if not horizon:
            return expression.FALSE_DOMAIN
        return expression.AND(
            [
                self._kim_in_force_domain(today, consent_type="release"),
                [("valid_until", "<=", horizon)],
            ]
        )

    @api.model
    def _kim_ending_domain(self, today, horizon):
        """Consents and releases in force on ``today`` that end by
        ``horizon`` (My day, issue #21)."""
        return expression.AND(
            [self._kim_in_force_domain(today), [("valid_until", "<=", horizon)]]
        )

    @api.model
    def _kim_alert_release_expiry(self):
        """C-10: a release from confidentiality in force today and ending
        within the renewal lead time (dated deadline rule
        ``consent_renewal_alert``, working days) creates one To-Do per case
        manager of the client's open cases, once per end date, in the case
        manager's language. A release that has not started yet is alerted on
        its first day."""
        today = kim_today(self)
        # justified: system job over all consents, no user session
        releases = self.sudo().search(self._kim_renewal_due_domain(today))
        releases = releases.filtered(lambda r: r.expiry_alert_date != r.valid_until)
        # justified: see above
        cases = self.env["kim.case"].sudo()._kim_open_cases_of(releases.partner_id)
        for release in releases:
            users = (
                release.case_id.user_id
                if release.case_id and not release.case_id.is_closed
                else cases.filtered(
                    lambda c, r=release: r.partner_id in c.member_ids.partner_id
                ).user_id
            )
            for user in users:
                # in the case manager's language (the job runs as OdooBot)
                env = kim_lang_env(release, user)
                release.activity_schedule(
                    "kim_case.mail_activity_type_release_expiring",
                    date_deadline=today,
                    summary=env._("Release from confidentiality expires"),
                    note=env._(
                        "The release for %(recipient)s ends on %(date)s: renew it "
                        "or stop passing data on.",
                        recipient=release.recipient_id.display_name,
                        date=format_date(env, release.valid_until),
                    ),
                    user_id=user.id,
                )
            if users:
                release.expiry_alert_date = release.valid_until
        return releases

    @api.model
    def get_import_templates(self):
        """X-5: the KIM workbook template in the import dialog."""
        return kim_workbook_templates(self.env)
