# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools import kim_today

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

    _sql_constraints = [
        (
            "event_unique",
            "unique(event_id)",
            "This appointment is already recorded as a contact.",
        ),
    ]
