# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    kim_authority_id = fields.Many2one(
        "res.partner",
        string="KIM Authority (ABH/EBH)",
        domain=[("kim_partner_type_id.is_authority", "=", True)],
        index="btree_not_null",
        help="Foreigners' or naturalisation authority this user works for (A-1): "
        "the user sees the requests addressed to it while the client's release "
        "covers them. An authority is no KIM employer and files no cases.",
    )
