# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .kim_erp_export_format import COLUMN_SOURCES


class KimErpExportColumn(models.Model):
    _name = "kim.erp.export.column"
    _description = "KIM ERP Export Column"
    _order = "format_id, sequence, id"

    format_id = fields.Many2one(
        "kim.erp.export.format", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    header = fields.Char("Column title", required=True)
    source = fields.Selection(COLUMN_SOURCES, required=True)
    constant = fields.Char("Fixed value")
