# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportKimCasePseudonymisedSummary(models.AbstractModel):
    """Pseudonymised case summary for anonymised collegial consultation and
    planning conferences (C-9).

    The template receives only the summaries (plain dicts of
    ``kim.case._kim_pseudonymised_summary``), never the case records: nothing
    identifying can slip into the document through the template.
    """

    _name = "report.kim_case.report_kim_case_pseudonymised_summary"
    _description = "Pseudonymised Case Summary"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["kim.case"].browse(docids)
        cases.check_access("read")  # a clear refusal before anything renders
        return {
            "doc_ids": docids,
            "doc_model": "kim.case",
            "summaries": [case._kim_pseudonymised_summary() for case in cases],
        }
