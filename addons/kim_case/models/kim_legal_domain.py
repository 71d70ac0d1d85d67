# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimLegalDomain(models.Model):
    """Legal domain (Rechtskreis): SGB II, III, VIII, XII, AsylbLG, AufenthG …"""

    _name = "kim.legal.domain"
    _inherit = "kim.catalogue.mixin"
    _description = "Legal Domain"

    has_own_case_management = fields.Boolean(
        help="Services of this legal domain run their own case management: KIM "
        "refers clients there (Verweisberatung, C-7)."
    )
