# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimCaseImportProgress(models.TransientModel):
    """X-5: how far a workbook import running in the background has come.

    Rows are only ever added, each on a cursor of its own that commits at
    once, so the lead sees the progress while the import itself stays one
    transaction (all or nothing); the import never writes a row the
    progress cursor writes, so neither waits for the other."""

    _name = "kim.case.import.progress"
    _description = "KIM Workbook Import Progress"
    _order = "id"

    import_id = fields.Many2one(
        "kim.case.import",
        string="Workbook Import",
        required=True,
        ondelete="cascade",
        index=True,
    )
    done = fields.Integer()
    total = fields.Integer()
