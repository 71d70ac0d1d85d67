# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimDistributionKeyLine(models.Model):
    _name = "kim.distribution.key.line"
    _description = "KIM Distribution Key Line"
    _order = "key_id, municipality_id"

    key_id = fields.Many2one("kim.distribution.key", required=True, ondelete="cascade")
    municipality_id = fields.Many2one("res.partner", required=True)
    ags = fields.Char(related="municipality_id.kim_ags")
    foreign_residents = fields.Integer(required=True)
    share_fte = fields.Float("FTE share", digits=(6, 2))
