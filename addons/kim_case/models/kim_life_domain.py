# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class KimLifeDomain(models.Model):
    """C-5: life domains (Lebensbereiche) of the assessment."""

    _name = "kim.life.domain"
    _inherit = "kim.catalogue.mixin"
    _description = "Life Domain"
