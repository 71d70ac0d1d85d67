# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CalendarEvent(models.Model):
    """G-1/G-9: meetings of a body with agenda, attendance and minutes."""

    _inherit = "calendar.event"

    kim_committee_id = fields.Many2one(
        "kim.committee", string="Body", index="btree_not_null", ondelete="set null"
    )
    kim_committee_type = fields.Selection(
        related="kim_committee_id.committee_type", store=True, string="Body Type"
    )
    kim_agenda_item_ids = fields.One2many(
        "kim.agenda.item", "event_id", string="Agenda", copy=True
    )
    kim_present_partner_ids = fields.Many2many(
        "res.partner",
        "kim_event_present_partner_rel",
        "event_id",
        "partner_id",
        string="Present",
        help="Attendance: who of the invited took part.",
    )
    kim_minutes = fields.Html(string="Minutes of the Body Meeting")
    kim_decision_ids = fields.One2many("kim.decision", "event_id", string="Decisions")
