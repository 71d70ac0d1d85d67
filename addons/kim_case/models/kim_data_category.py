# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class KimDataCategory(models.Model):
    """C-10: categories of personal data a release from confidentiality covers."""

    _name = "kim.data.category"
    _inherit = "kim.catalogue.mixin"
    _description = "Data Category"
