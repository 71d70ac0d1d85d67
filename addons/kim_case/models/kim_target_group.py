# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimTargetGroup(models.Model):
    """C-11: locally defined target groups, changing over time."""

    _name = "kim.target.group"
    _inherit = "kim.catalogue.mixin"
    _description = "Target Group"

    color = fields.Integer()
