# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportKimCaseGoalAgreement(models.AbstractModel):
    """Goal agreement and help plan for signature (C-6, C-7)."""

    _name = "report.kim_case.report_kim_case_goal_agreement"
    _description = "Goal Agreement and Help Plan"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["kim.case"].browse(docids)
        docs.check_access("read")  # a clear refusal before anything renders
        return {"doc_ids": docids, "doc_model": "kim.case", "docs": docs}
