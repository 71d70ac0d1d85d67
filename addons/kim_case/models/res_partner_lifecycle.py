# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Data-subject rights of a client (Art. 15 export, anonymisation) and the
alerts on a client's residence permit and benefits (C-11)."""

import json

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import html2plaintext

from ..tools import kim_today
from .res_partner import CLIENT_FIELDS_GROUPS

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


# one file per concern, as the project brief asks for parallel work
class ResPartner(models.Model):
    _inherit = "res.partner"

    kim_residence_alert_date = fields.Date(
        string="Residence Alert Sent For",
        readonly=True,
        copy=False,
        groups=CLIENT_FIELDS_GROUPS,
        help="Expiry date of the residence permit for which the case managers "
        "were already alerted (one alert per expiry date).",
    )

    # --------------------------------------------------------------- CRUD
    def write(self, vals):
        switching = self.env["res.partner"]
        if "kim_benefit_domain_ids" in vals:
            asylblg = self.env.ref("kim_case.legal_asylblg")
            sgb2 = self.env.ref("kim_case.legal_sgb2")
            # justified: compares the benefits before/after, returns nothing
            before = {p.id: p.kim_benefit_domain_ids for p in self.sudo()}
            res = super().write(vals)
            for partner in self.sudo():  # justified: see above
                old, new = before[partner.id], partner.kim_benefit_domain_ids
                if asylblg in old and asylblg not in new and sgb2 in new - old:
                    switching |= partner
            if switching:
                switching._kim_on_switch_to_sgb2()
            return res
        return super().write(vals)

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

    def _kim_art15_printable(self):
        """The Art. 15 sections with every value as text, for the PDF."""

        def text(value):
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
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=self.env._("Residence permit expires"),
                    note=self.env._(
                        "The residence permit of %(name)s expires on %(date)s.",
                        name=partner.name,
                        date=partner.kim_residence_valid_until,
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
            case.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=kim_today(self),
                summary=self.env._("Review: benefits changed from AsylbLG to SGB II"),
                user_id=case.user_id.id or self.env.uid,
            )
