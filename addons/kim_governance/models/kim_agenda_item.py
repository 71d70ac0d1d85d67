# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimAgendaItem(models.Model):
    _name = "kim.agenda.item"
    _description = "KIM Agenda Item"
    _order = "event_id, sequence, id"

    event_id = fields.Many2one(
        "calendar.event", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Topic", required=True)
    presenter_id = fields.Many2one("res.partner")
    theme_id = fields.Many2one("kim.generative.theme", string="Generative Theme")
    notes = fields.Text()
