# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimTraining(models.Model):
    """C-14: a training a KIM staff member attended (qualification record)."""

    _name = "kim.training"
    _description = "KIM Training"
    _order = "date desc, id desc"

    user_id = fields.Many2one(
        "res.users", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Training", required=True)
    date = fields.Date()
    hours = fields.Float(string="Teaching Hours")

    _sql_constraints = [
        ("hours_positive", "CHECK(hours >= 0)", "Hours cannot be negative."),
    ]
