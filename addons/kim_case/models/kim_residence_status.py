# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimResidenceStatus(models.Model):
    """Residence status with its legal basis (e.g. § 25 Abs. 2 AufenthG)."""

    _name = "kim.residence.status"
    _inherit = "kim.catalogue.mixin"
    _description = "Residence Status"

    legal_basis = fields.Char()
    is_tolerated = fields.Boolean(help="Duldung / Gestattung rather than a title.")
