# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CalendarEvent(models.Model):
    """A-3: regular exchange meetings between Baustein 1/2 and 3, with minutes."""

    _inherit = "calendar.event"

    kim_abh_exchange = fields.Boolean(
        string="Baustein 1/2–3 Exchange",
        help="Regular exchange meeting of case management with the ABH/EBH (A-3).",
    )
    kim_abh_minutes = fields.Html(string="Minutes of the Authority Exchange")
