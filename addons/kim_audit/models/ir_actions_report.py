# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """Audit trail: printing records whose access is logged (HTML or PDF,
        both render the HTML first) is logged once the report values were
        read."""
        values = super()._get_rendering_context(report, docids, data)
        self.env["auditlog.log"]._kim_log_report(report, docids)
        return values
