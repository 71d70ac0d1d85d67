# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""res.partner in KIM: clients, network partners, employers and
municipalities; the data-subject rights of a client (Art. 15 export,
anonymisation), the alerts on a client's residence permit and benefits (C-11)
and the X-5 import of clients (matching instead of duplicates)."""

import json
import re

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date, html2plaintext

from ..tools import (
    kim_import_clean,
    kim_import_messages,
    kim_lang_env,
    kim_today,
    kim_workbook_templates,
)
from .kim_legal_text import BINDING_LANG

MEDIATION_GROUPS = (
    "kim_case.group_kim_case_manager,kim_case.group_kim_coordination,"
    "kim_case.group_kim_finance"
)
CLIENT_FIELDS_GROUPS = (
    "kim_case.group_kim_case_manager,kim_case.group_kim_coordination,"
    "kim_case.group_kim_authority"
)
HEALTH_GROUPS = "kim_case.group_kim_case_manager"
# person fields of res.partner emptied by the anonymisation (besides kim_*)
PERSON_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "comment",
    "function",
    "title",
    "vat",
    "ref",
    "image_1920",
    "parent_id",
    "category_id",
)
# kim_* fields that are no person data and stay
KEEP_KIM_FIELDS = {"kim_is_client", "kim_legal_hold", "kim_case_member_ids"}
# technical fields left out of the Art. 15 export
EXPORT_SKIP_FIELDS = {"message_main_attachment_id", "activity_ids", "message_ids"}
# models not followed when collecting what is linked to a client: chatter,
# activities, files and the audit log are erased on their own, the persons
# and users are the data subjects' own records, the rest is technical
LINK_SKIP_MODELS = {
    "res.partner",
    "res.users",
    "res.company",
    "res.partner.bank",
    "mail.message",
    "mail.activity",
    "mail.tracking.value",
    "mail.notification",
    "mail.mail",
    "mail.followers",
}
LINK_SKIP_PREFIXES = ("ir.", "bus.", "base.", "auditlog.", "account.", "payment.")
FALSY_VALUES = {"", "0", "false", "no", "nein", "falsch", "f", "n"}


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # --- employing organisation (X-1, C-12)
    kim_is_employer = fields.Boolean(
        string="KIM Employing Organisation",
        help="Employs KIM staff (Anstellungsträger): the Kreis' KI, a municipality "
        "or a welfare association.",
    )
    kim_share_cases_in_team = fields.Boolean(
        string="Share Cases Within the Organisation",
        help="Set by the KIM lead: every case manager of this organisation may open "
        "all of its cases (team access, C-12).",
        groups="kim_case.group_kim_lead",
        copy=False,
    )
    kim_employee_user_ids = fields.One2many(
        "res.users",
        "kim_employer_id",
        string="KIM Staff",
        groups="kim_case.group_kim_lead",
    )

    # --- clients (persons)
    kim_is_client = fields.Boolean(
        string="KIM Client",
        index=True,
        help="Person supported by KIM case management. Only users entitled to one "
        "of the person's cases can see the contact.",
    )
    kim_birthdate = fields.Date(
        string="Birth Date", groups=CLIENT_FIELDS_GROUPS, copy=False
    )
    kim_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("diverse", "Diverse")],
        string="Client Gender",
        groups=CLIENT_FIELDS_GROUPS,
        copy=False,
    )
    kim_nationality_id = fields.Many2one(
        "res.country", string="Nationality", groups=CLIENT_FIELDS_GROUPS, copy=False
    )
    kim_language_ids = fields.Many2many(
        "kim.language",
        "kim_partner_language_rel",
        "partner_id",
        "language_id",
        string="Languages Spoken",
        groups=CLIENT_FIELDS_GROUPS,
        copy=False,
    )
    kim_needs_interpreter = fields.Boolean(
        string="Needs Language Mediation", groups=CLIENT_FIELDS_GROUPS, copy=False
    )
    kim_interpreter_language_id = fields.Many2one(
        "kim.language",
        string="Mediation Language",
        groups=CLIENT_FIELDS_GROUPS,
        copy=False,
    )
    kim_residence_status_id = fields.Many2one(
        "kim.residence.status",
        string="Residence Status",
        groups=CLIENT_FIELDS_GROUPS,
        copy=False,
    )
    kim_residence_valid_until = fields.Date(
        string="Residence Valid Until", groups=CLIENT_FIELDS_GROUPS, copy=False
    )
    kim_entry_date = fields.Date(
        string="Date of Entry", groups=CLIENT_FIELDS_GROUPS, copy=False
    )
    kim_benefit_domain_ids = fields.Many2many(
        "kim.legal.domain",
        "kim_partner_benefit_domain_rel",
        "partner_id",
        "domain_id",
        string="Current Benefits",
        help="Legal domains the person currently receives benefits from.",
        groups=CLIENT_FIELDS_GROUPS,
        copy=False,
    )
    kim_case_member_ids = fields.One2many(
        "kim.case.member", "partner_id", string="KIM Case Memberships"
    )
    kim_health_note = fields.Text(
        string="Health Notes", groups=HEALTH_GROUPS, copy=False
    )
    kim_legal_hold = fields.Boolean(
        string="Restriction of Processing",
        help="§ 84 SGB X: the data must be kept (legal hold); retention does not "
        "anonymise this person.",
        groups="kim_case.group_kim_lead",
        copy=False,
    )

    # --- sharing log (C-10)
    kim_disclosure_ids = fields.One2many(
        "kim.disclosure",
        "partner_id",
        string="Disclosures",
        groups="kim_case.group_kim_case_manager,kim_case.group_kim_coordination",
        copy=False,
    )

    # --- network partners (organisations)
    kim_partner_type_id = fields.Many2one("kim.partner.type", string="Partner Type")
    kim_legal_domain_ids = fields.Many2many(
        "kim.legal.domain",
        "kim_partner_legal_domain_rel",
        "partner_id",
        "domain_id",
        string="Legal Domains Served",
    )
    kim_life_domain_ids = fields.Many2many(
        "kim.life.domain",
        "kim_partner_life_domain_rel",
        "partner_id",
        "domain_id",
        string="Life Domains Served",
    )
    kim_has_own_case_management = fields.Boolean(
        string="Own Case Management",
        help="The partner runs its own case management: KIM refers (C-7).",
    )

    # --- language mediation (X-4, issue #21): interpreters and services,
    # for KIM staff (finance for the rates); not copied, like every
    # role-restricted field of contacts (a copy by a user without the role)
    kim_is_interpreter = fields.Boolean(
        string="Language Mediation",
        index=True,
        groups=MEDIATION_GROUPS,
        copy=False,
        help="Interpreter or language-mediation service the case managers book "
        "for appointments (X-4).",
    )
    kim_mediation_language_ids = fields.Many2many(
        "kim.language",
        "kim_partner_mediation_language_rel",
        "partner_id",
        "language_id",
        string="Mediation Languages",
        groups=MEDIATION_GROUPS,
        copy=False,
    )
    kim_mediation_qualification = fields.Char(
        string="Qualification",
        groups=MEDIATION_GROUPS,
        copy=False,
        help="e.g. sworn interpreter, certified community interpreter, trained "
        "volunteer.",
    )
    kim_mediation_availability = fields.Text(
        string="Availability", groups=MEDIATION_GROUPS, copy=False
    )
    kim_mediation_hourly_rate = fields.Float(
        string="Hourly Rate (EUR)", digits=(12, 2), groups=MEDIATION_GROUPS, copy=False
    )

    # --- municipalities (kreisangehörige Kommunen)
    kim_is_municipality = fields.Boolean(string="Municipality", index=True)
    kim_ags = fields.Char(
        string="Municipality Key (AGS)",
        size=8,
        help="8-digit official municipality key (Amtlicher Gemeindeschlüssel).",
    )
    kim_district_id = fields.Many2one("kim.district", string="District", index=True)
    kim_has_abh = fields.Boolean(string="Own Foreigners' Authority")
    kim_has_youth_office = fields.Boolean(string="Own Youth Office")
    kim_has_integration_council = fields.Boolean(string="Integration Council")

    kim_residence_alert_date = fields.Date(
        string="Residence Alert Sent For",
        readonly=True,
        copy=False,
        groups=CLIENT_FIELDS_GROUPS,
        help="Expiry date of the residence permit for which the case managers "
        "were already alerted (one alert per expiry date).",
    )

    _sql_constraints = [
        (
            "kim_ags_unique",
            "unique(kim_ags)",
            "This municipality key (AGS) is already used by another municipality.",
        ),
    ]

    def write(self, vals):
        before = None
        if "kim_benefit_domain_ids" in vals:
            # C-11: compares the benefits before/after (justified sudo: returns
            # nothing, see _kim_on_switch_to_sgb2)
            before = {p.id: p.kim_benefit_domain_ids for p in self.sudo()}
        res = super().write(vals)
        if before is not None:
            asylblg = self.env.ref("kim_case.legal_asylblg")
            sgb2 = self.env.ref("kim_case.legal_sgb2")
            switching = self.env["res.partner"]
            for partner in self.sudo():  # justified: see above
                old, new = before[partner.id], partner.kim_benefit_domain_ids
                if asylblg in old and asylblg not in new and sgb2 in new - old:
                    switching |= partner
            if switching:
                switching._kim_on_switch_to_sgb2()
        return res

    @api.constrains("kim_ags")
    def _check_kim_ags(self):
        for partner in self.filtered("kim_ags"):
            ags = partner.kim_ags
            # Land digits 01–16, then Regierungsbezirk, Kreis, Gemeinde
            if not (ags.isdigit() and len(ags) == 8 and 1 <= int(ags[:2]) <= 16):
                raise ValidationError(
                    self.env._(
                        "The municipality key (AGS) %(ags)s of %(name)s is invalid: "
                        "it has 8 digits and starts with the number of a German "
                        "state (01–16).",
                        ags=ags,
                        name=partner.name,
                    )
                )

    # ------------------------------------------------------------ linking
    @api.model
    def _kim_link_fields(self):
        """``{model: [field names]}``: every stored many2one to kim.case or
        res.partner of every model in the registry (not only KIM models, a
        new model with such a field is included automatically), except the
        technical models whose traces are erased separately (chatter,
        activities, files, audit log) and the persons themselves."""
        result = {}
        for name in sorted(self.env.registry.models):
            if name in LINK_SKIP_MODELS or name.startswith(LINK_SKIP_PREFIXES):
                continue
            Model = self.env[name]
            if Model._abstract or Model._transient or not Model._auto:
                continue
            fnames = [
                fname
                for fname, field in Model._fields.items()
                if field.type == "many2one"
                and field.comodel_name in ("kim.case", "res.partner")
                and field.store
                and field.column_type
            ]
            if fnames:
                result[name] = fnames
        return result

    @api.model
    def _kim_linked_records(self, partners, cases=None):
        """Every record linked to the persons or their cases, as
        ``{model: records}``: the cases in which they are family members and
        every record of any model with a many2one to one of those cases or
        persons (see ``_kim_link_fields``)."""
        # justified: callers are the lead (checked) or the retention job
        Case = self.env["kim.case"].sudo().with_context(active_test=False)
        if cases is None:
            cases = Case.search(
                [
                    "|",
                    ("member_ids.partner_id", "in", partners.ids),
                    ("partner_id", "in", partners.ids),
                ]
            )
        result = {"kim.case": cases.sudo()}  # justified: see above
        targets = {"kim.case": cases.ids, "res.partner": partners.ids}
        for name, fnames in self._kim_link_fields().items():
            if name == "kim.case":
                continue
            Model = self.env[name]
            domains = [
                [(fname, "in", targets[Model._fields[fname].comodel_name])]
                for fname in fnames
                if targets[Model._fields[fname].comodel_name]
            ]
            if domains:
                # justified: see above
                records = Model.sudo().with_context(active_test=False)
                records = records.search(expression.OR(domains))
                if records:
                    result[name] = records
        return result

    # ------------------------------------------------------- anonymisation
    def _kim_anonymise_person(self):
        """X-2 / Art. 17 GDPR: replace the name, empty every person field."""
        vals = {
            name: [Command.clear()] if self._fields[name].type == "many2many" else False
            for name in PERSON_FIELDS
            if name in self._fields
        }
        for name, field in self._fields.items():
            if (
                name.startswith("kim_")
                and name not in KEEP_KIM_FIELDS
                and field.store
                and not field.compute
                and field.type != "one2many"
            ):
                vals[name] = [Command.clear()] if field.type == "many2many" else False
        partners = self.with_context(tracking_disable=True)
        partners.bank_ids.unlink()
        for partner in partners:
            partner.write(vals | {"name": self.env._("Anonymised %s", partner.id)})

    # ------------------------------------------------------ Art. 15 export
    def _kim_check_lead(self):
        if not self.env.user.has_group("kim_case.group_kim_lead"):
            raise AccessError(
                self.env._(
                    "Only the KIM lead may export the personal data of a client."
                )
            )

    @api.model
    def _kim_export_values(self, records):
        """Stored field values of ``records`` as JSON-ready dicts."""
        rows = []
        names = [
            name
            for name, field in records._fields.items()
            if field.store
            and field.type
            not in ("binary", "one2many", "properties", "properties_definition")
            and name not in EXPORT_SKIP_FIELDS
        ]
        for record in records:
            row = {}
            for name in names:
                field = records._fields[name]
                value = record[name]
                if field.type == "many2one":
                    value = (
                        {"id": value.id, "name": value.display_name} if value else None
                    )
                elif field.type == "many2many":
                    value = value.mapped("display_name")
                elif field.type == "reference":
                    value = f"{value._name},{value.id}" if value else None
                elif field.type == "date":
                    value = value.isoformat() if value else None
                elif field.type == "datetime":
                    value = fields.Datetime.to_string(value) if value else None
                elif field.type == "selection":
                    value = (
                        dict(field._description_selection(self.env)).get(value)
                        if value
                        else None
                    )
                row[field.get_description(self.env)["string"]] = value
            row["id"] = record.id
            rows.append(row)
        return rows

    def _kim_art15_data(self):
        """Art. 15 GDPR: every record linked to this client, as sections of
        ``{"model", "title", "records"}``. KIM lead only."""
        self.ensure_one()
        self._kim_check_lead()
        # justified: the lead may see every case; person fields restricted to
        # other groups (health notes) belong to the data subject's copy
        partner = self.sudo()
        sections = [
            {
                "model": "res.partner",
                "title": self.env._("Person"),
                "records": self._kim_export_values(partner),
            }
        ]
        linked = self._kim_linked_records(partner)
        for model, records in linked.items():
            if model == "kim.disclosure":
                continue  # the sharing log below, as the client reads it
            sections.append(
                {
                    "model": model,
                    "title": self.env["ir.model"]._get(model).name,
                    "records": self._kim_export_values(records),
                }
            )
        linked["res.partner"] = partner
        # justified: see above; chatter of the person and of every linked record
        messages = (
            self.env["mail.message"]
            .sudo()  # sudo: KIM lead checked above (_kim_check_lead)
            .search(
                expression.OR(
                    [
                        [("model", "=", model), ("res_id", "in", records.ids)]
                        for model, records in linked.items()
                    ]
                ),
                order="date, id",
            )
        )
        sections.append(
            {
                "model": "kim.disclosure",
                "title": self.env._("Disclosures of Your Data"),
                "records": [
                    {
                        self.env._("Date"): row["date"].isoformat(),
                        self.env._("Recipient"): row["recipient"],
                        self.env._("Kind"): row["kind"],
                        self.env._("Data Categories"): row["categories"],
                        self.env._("Rests On"): row["basis"],
                    }
                    for row in partner._kim_sharing_log_rows()
                ],
            }
        )
        sections.append(
            {
                "model": "mail.message",
                "title": self.env._("Messages and Notes"),
                "records": [
                    {
                        self.env._("Date"): fields.Datetime.to_string(m.date),
                        self.env._("Document"): f"{m.model},{m.res_id}",
                        self.env._("Author"): m.author_id.display_name or "",
                        self.env._("Text"): html2plaintext(m.body or ""),
                        self.env._("Attachments"): m.attachment_ids.mapped("name"),
                    }
                    for m in messages
                ],
            }
        )
        return sections

    def _kim_client_document_lang(self, text, requested=None):
        """X-4: ``(lang, mediation)`` for a client document with the legal
        text ``text``: ``lang`` the Odoo language the document is printed in
        beside German (False: German only), ``mediation`` the language spoken
        that has no translation (False: none needed). The languages the client
        speaks come first (``kim_language_ids``), then the contact's language;
        ``requested`` (the print dialog) wins when the text has it."""
        self.ensure_one()
        translated = text._kim_translated_langs() if text else set()
        if requested and (requested == BINDING_LANG or requested in translated):
            return requested, False
        Lang = self.env["res.lang"]
        foreign = self.kim_language_ids.filtered(lambda lang: lang.code != "de")
        for language in foreign:
            code = Lang._kim_code_of(language)
            if code and code in translated:
                return code, False
        if self.lang and self.lang not in (BINDING_LANG, "en_US"):
            if self.lang in translated:
                return self.lang, False
        return False, foreign[:1]

    def _kim_letter_address(self):
        """Lines of the postal address in the window of a DIN 5008 letter."""
        self.ensure_one()
        partner = self
        lines = [partner.name or ""]
        if partner.street:
            lines.append(partner.street)
        if partner.street2:
            lines.append(partner.street2)
        city = " ".join(filter(None, [partner.zip, partner.city]))
        if city:
            lines.append(city)
        if partner.country_id and partner.country_id.code != "DE":
            lines.append(partner.country_id.name)
        return lines

    def _kim_sharing_log_rows(self):
        """C-10: the sharing log of this client as they are shown it: one dict
        per disclosure, oldest first, with ``date`` (a date), ``recipient``,
        ``kind``, ``categories`` and ``basis`` (the release it rests on or "no
        consent needed: legal basis …"), texts in the env's language. Lists
        the disclosures the user may read (all of them under sudo)."""
        self.ensure_one()
        Disclosure = self.env["kim.disclosure"]
        return Disclosure._kim_log_rows(
            Disclosure.search([("partner_id", "=", self.id)])
        )

    def _kim_art15_printable(self):
        """The Art. 15 sections with every value as text, for the PDF."""

        def text(value):
            if isinstance(value, str) and ISO_DATE.fullmatch(value):
                return format_date(self.env, value)
            if isinstance(value, dict):
                return value.get("name") or ""
            if isinstance(value, list):
                return ", ".join(value)
            if value is True:
                return "✓"
            return "" if value in (None, False) else str(value)

        return [
            {
                "title": section["title"],
                "rows": [
                    [(label, text(value)) for label, value in row.items()]
                    for row in section["records"]
                ],
            }
            for section in self._kim_art15_data()
        ]

    def action_kim_export_art15(self):
        """Art. 15 GDPR: download everything stored about the client as JSON."""
        self.ensure_one()
        data = {
            "client_id": self.id,
            "generated_on": fields.Datetime.to_string(fields.Datetime.now()),
            "sections": self._kim_art15_data(),
        }
        # justified: lead checked in _kim_art15_data; the file belongs to the
        # client's record and is erased with it
        attachment = (
            self.env["ir.attachment"]
            .sudo()  # sudo: the lead's own export file, lead checked above
            .create(
                {
                    "name": f"art15_export_{self.id}.json",
                    "res_model": "res.partner",
                    "res_id": self.id,
                    "mimetype": "application/json",
                    "raw": json.dumps(data, ensure_ascii=False, indent=2).encode(),
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_kim_print_art15(self):
        """Art. 15 GDPR: the same data as a PDF."""
        self._kim_check_lead()
        return self.env.ref("kim_case.action_report_kim_art15").report_action(self)

    # ------------------------------------------------------------- alerts
    @api.model
    def _kim_alert_residence_expiry(self):
        """Residence permit expiring within the lead time: a To-Do for the case
        manager of each open case of the person, once per expiry date."""
        Case = self.env["kim.case"]
        today = kim_today(self)
        days = Case._kim_int_param("kim_case.residence_alert_days", 90)
        # justified: system job over all clients, no user session
        partners = self.sudo().search(
            [
                ("kim_is_client", "=", True),
                ("kim_residence_valid_until", ">=", today),
                ("kim_residence_valid_until", "<=", fields.Date.add(today, days=days)),
            ]
        )
        partners = partners.filtered(
            lambda p: p.kim_residence_alert_date != p.kim_residence_valid_until
        )
        cases = Case.sudo()._kim_open_cases_of(partners)  # justified: see above
        for partner in partners:
            partner_cases = cases.filtered(
                lambda c, p=partner: p in c.member_ids.partner_id
            )
            for case in partner_cases:
                # in the case manager's language (the job runs as OdooBot)
                env = kim_lang_env(case, case.user_id)
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=env._("Residence permit expires"),
                    note=env._(
                        "The residence permit of %(name)s expires on %(date)s.",
                        name=partner.name,
                        date=format_date(env, partner.kim_residence_valid_until),
                    ),
                    user_id=case.user_id.id or self.env.uid,
                )
            if partner_cases:
                partner.kim_residence_alert_date = partner.kim_residence_valid_until
        return partners

    def _kim_on_switch_to_sgb2(self):
        """C-11: benefits changed from AsylbLG to SGB II: the open cases get the
        target group and a review activity for their case manager."""
        target_group = self.env.ref("kim_case.tg_asylblg_sgb2")
        # justified: reaches the cases of other case managers, returns nothing
        cases = self.env["kim.case"].sudo()._kim_open_cases_of(self)
        if not cases:
            return
        cases.write({"target_group_ids": [Command.link(target_group.id)]})
        for case in cases:
            env = kim_lang_env(case, case.user_id)
            case.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=kim_today(self),
                summary=env._("Review: benefits changed from AsylbLG to SGB II"),
                user_id=case.user_id.id or self.env.uid,
            )

    # --------------------------------------------------- import
    # X-5: importing clients from the counties' Excel interim sheets.
    #
    # Odoo's standard import (``base_import`` → ``res.partner.load``) creates a new
    # partner for every row that carries no (known) external id. Client lists kept in
    # Excel contain the same people again and again, so a client row is matched to an
    # existing client with the same name (case-insensitive, trimmed) and date of birth
    # and becomes an update of that client instead of a duplicate.
    #
    # ``load`` is all-or-nothing: when any row fails, everything is rolled back and
    # the messages name the row and field. The matching below happens inside the
    # same savepoint, so a failed import leaves no trace either.
    @api.model
    def get_import_templates(self):
        """X-5: the KIM workbook in the import dialog of KIM's client list;
        Odoo's contact template everywhere else."""
        if self.env.context.get("default_kim_is_client"):
            return kim_workbook_templates(self.env)
        return super().get_import_templates()

    @api.model
    def load(self, fields, data):
        """X-5: match imported clients to existing ones instead of duplicating."""
        data = kim_import_clean(fields, data)
        if not self._kim_import_matches_clients(fields):
            return kim_import_messages(self.env, super().load(fields, data))
        with self.env.cr.savepoint() as savepoint:
            fields, data = self._kim_import_match_clients(fields, data)
            result = super().load(fields, data)
            if not result.get("ids"):
                # the import failed: drop the external ids bound to matches too
                savepoint.rollback()
                self.env.invalidate_all()
                # as Odoo's own ``load``: cancel this transaction's cache
                # invalidations locally, no signal to the other workers
                self.env.registry.reset_changes()
        return kim_import_messages(self.env, result)

    @api.model
    def _kim_import_matches_clients(self, import_fields):
        """Matching applies to client imports with name and date of birth and
        without database ids (``.id``: the user chose the records already)."""
        return (
            "name" in import_fields
            and "kim_birthdate" in import_fields
            and ".id" not in import_fields
            and (
                "kim_is_client" in import_fields
                or self.env.context.get("default_kim_is_client")
            )
        )

    @api.model
    def _kim_import_normalize_name(self, name):
        return " ".join((name or "").split()).casefold()

    @api.model
    def _kim_import_match_clients(self, import_fields, data):
        """Return ``(fields, data)`` where every row matching an existing client
        carries an external id bound to that client, so ``load`` updates it.

        Rows with an external id that exists already are left alone (``load``
        updates that record); rows whose date of birth cannot be read are left
        alone too (``load`` reports the invalid date).
        """
        import_fields = list(import_fields)
        data = [list(row) for row in data]
        if "id" not in import_fields:
            import_fields.append("id")
            for row in data:
                row.append("")
        i_xid = import_fields.index("id")
        i_name = import_fields.index("name")
        i_birth = import_fields.index("kim_birthdate")
        i_flag = (
            import_fields.index("kim_is_client")
            if "kim_is_client" in import_fields
            else None
        )
        for row in data:
            # a name of blanks is no name (load then reports the missing name)
            row[i_name] = row[i_name].strip()
        module = self.env.context.get("module", "__import__")

        def full_xid(xid):
            return xid if "." in xid else f"{module}.{xid}"

        IrModelData = self.env["ir.model.data"].sudo()  # justified: looks up and
        # binds external ids of clients the importing user can see (search below)
        known_xids = {
            f"{row[1]}.{row[2]}"
            for row in IrModelData._lookup_xmlids(
                {full_xid(row[i_xid].strip()) for row in data if row[i_xid].strip()},
                self,
            )
        }
        candidates = {}
        for index, row in enumerate(data):
            if i_flag is not None and row[i_flag].strip().lower() in FALSY_VALUES:
                continue
            xid = row[i_xid].strip()
            if xid and full_xid(xid) in known_xids:
                continue
            try:
                birthdate = fields.Date.to_date(row[i_birth].strip() or None)
            except ValueError:
                continue
            name = self._kim_import_normalize_name(row[i_name])
            if birthdate and name:
                candidates[index] = (name, birthdate)
        if not candidates:
            return import_fields, data

        # one query for all rows; only clients the importing user may see
        existing = self.search(
            [
                ("kim_is_client", "=", True),
                ("kim_birthdate", "in", list({b for __, b in candidates.values()})),
            ],
            order="id",
        )
        by_key = {}
        for partner in existing:
            key = (self._kim_import_normalize_name(partner.name), partner.kim_birthdate)
            by_key.setdefault(key, partner)
        for index, key in candidates.items():
            partner = by_key.get(key)
            if not partner:
                continue
            row = data[index]
            xid = row[i_xid].strip() or f"kim_client_{partner.id}"
            if full_xid(xid) not in known_xids:
                module_name, name = full_xid(xid).split(".", 1)
                IrModelData.create(
                    {
                        "module": module_name,
                        "name": name,
                        "model": self._name,
                        "res_id": partner.id,
                    }
                )
                known_xids.add(full_xid(xid))
            row[i_xid] = xid
        return import_fields, data
