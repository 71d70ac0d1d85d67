# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class KimLanguage(models.Model):
    """X-4: languages clients speak (incl. those Odoo's UI languages lack)."""

    _name = "kim.language"
    _inherit = "kim.catalogue.mixin"
    _description = "Language (KIM)"
