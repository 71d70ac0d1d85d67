# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import kim_today, kim_workbook_templates

CONTACT_CHANNELS = [
    ("in_person", "In Person"),
    ("phone", "Phone"),
    ("outreach", "Outreach"),
    ("online", "Online"),
]


class KimCaseContact(models.Model):
    """Counselling contact (Beratungskontakt) of a case; feeds C-8."""

    _name = "kim.case.contact"
    _description = "Case Contact"
    _order = "date desc, id desc"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True, default=kim_today, index=True)
    duration = fields.Float(string="Duration (Hours)")
    channel = fields.Selection(
        CONTACT_CHANNELS,
        required=True,
        default="in_person",
    )
    interpreter_used = fields.Boolean()
    # X-4 (issue #21): who mediated, in which language
    interpreter_id = fields.Many2one(
        "res.partner",
        domain=[("kim_is_interpreter", "=", True)],
        index="btree_not_null",
    )
    mediation_language_id = fields.Many2one("kim.language", index="btree_not_null")
    life_domain_ids = fields.Many2many(
        "kim.life.domain",
        "kim_case_contact_life_domain_rel",
        "contact_id",
        "domain_id",
        string="Life Domains Addressed",
    )
    note = fields.Text(string="Confidential Note")
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user
    )
    # issue #21: an appointment of the case marked as held or missed
    outcome = fields.Selection(
        [("held", "Held"), ("no_show", "Client Did Not Come")],
        required=True,
        default="held",
        help="C-8: only a held contact starts a fresh inactivity period; a "
        "missed appointment is recorded, but does not keep the case open.",
    )
    event_id = fields.Many2one(
        "calendar.event",
        string="Appointment",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    participant_ids = fields.Many2many(
        "res.partner",
        "kim_case_contact_partner_rel",
        "contact_id",
        "partner_id",
        string="Participants",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kim_mediation_defaults(vals)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("interpreter_id"):
            vals = dict(vals, interpreter_used=True)
        res = super().write(vals)
        if vals.get("interpreter_used") and "mediation_language_id" not in vals:
            for contact in self.filtered(lambda c: not c.mediation_language_id):
                language = self._kim_client_mediation_language(contact.case_id.id)
                if language:
                    super(KimCaseContact, contact).write(
                        {"mediation_language_id": language.id}
                    )
        return res

    @api.onchange("interpreter_id", "interpreter_used")
    def _onchange_kim_mediation(self):
        if self.interpreter_id:
            self.interpreter_used = True
        if self.interpreter_used and not self.mediation_language_id:
            self.mediation_language_id = self._kim_client_mediation_language(
                self.case_id.id
            )

    def _kim_mediation_defaults(self, vals):
        """X-4: an interpreter means mediation; without a language given, the
        client's mediation language is recorded."""
        if vals.get("interpreter_id"):
            vals["interpreter_used"] = True
        if vals.get("interpreter_used") and not vals.get("mediation_language_id"):
            language = self._kim_client_mediation_language(
                vals.get("case_id") or self.env.context.get("default_case_id")
            )
            if language:
                vals["mediation_language_id"] = language.id
        return vals

    @api.model
    def _kim_client_mediation_language(self, case_id):
        case = self.env["kim.case"].browse(case_id).exists() if case_id else None
        if not case:
            return self.env["kim.language"]
        # sudo: the mediation language of the case's own client only
        return case.partner_id.sudo().kim_interpreter_language_id

    _sql_constraints = [
        (
            "event_unique",
            "unique(event_id)",
            "This appointment is already recorded as a contact.",
        ),
    ]

    @api.model
    def get_import_templates(self):
        """X-5: the KIM workbook template in the import dialog."""
        return kim_workbook_templates(self.env)
