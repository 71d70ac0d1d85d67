# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimPartnerType(models.Model):
    """Type of a network partner organisation (Jobcenter, ABH, MBE, JMD …)."""

    _name = "kim.partner.type"
    _inherit = "kim.catalogue.mixin"
    _description = "Network Partner Type"

    is_authority = fields.Boolean(
        help="Foreigners' or naturalisation authority (Baustein 3 addressee)."
    )
