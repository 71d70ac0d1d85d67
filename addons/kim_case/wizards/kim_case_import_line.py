# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimCaseImportLine(models.TransientModel):
    """X-5: one row the workbook import refuses, and why (German)."""

    _name = "kim.case.import.line"
    _description = "KIM Workbook Import Problem"
    _order = "id"

    import_id = fields.Many2one("kim.case.import", required=True, ondelete="cascade")
    sheet = fields.Char()
    row = fields.Integer()
    column = fields.Char()
    message = fields.Char()
