# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models


class KimAbhStatisticsReport(models.TransientModel):
    """A-1, A-2: the Baustein-3 figures of a year for the steering group and
    coordination (aggregated, cells below 5 shown as "< 5")."""

    _name = "kim.abh.statistics.report"
    _description = "Authority Cooperation Statistics"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    result_html = fields.Html(
        string="Figures", compute="_compute_result_html", sanitize=False
    )

    @api.depends("year")
    def _compute_result_html(self):
        Request = self.env["kim.abh.request"]
        decisions = dict(Request._fields["decision"]._description_selection(self.env))
        for report in self:
            if not report.year:
                report.result_html = ""
                continue
            stats = Request._kim_abh_statistics(report.year)
            html = Markup("")
            for title, values in (
                (self.env._("Requests by topic"), stats["by_topic"]),
                (self.env._("Requests by authority"), stats["by_authority"]),
                (self.env._("Requests by month"), stats["by_month"]),
                (
                    self.env._("Decisions by outcome"),
                    {decisions[k]: v for k, v in stats["by_decision"].items()},
                ),
            ):
                html += Markup("<h5>%s</h5><table class='table table-sm'>") % title
                for key, value in values.items():
                    html += Markup("<tr><td>%s</td><td>%s</td></tr>") % (
                        key,
                        report._kim_cell(value),
                    )
                html += Markup("</table>")
            html += Markup("<p>%s: %s</p>") % (
                self.env._("Median response time (days)"),
                report._kim_cell(stats["median_response_days"]),
            )
            html += Markup("<p>%s: %s</p>") % (
                self.env._("Clients naturalised"),
                report._kim_cell(stats["clients_naturalised"]),
            )
            html += Markup("<p>%s: %s</p>") % (
                self.env._("Clients who received a residence title"),
                report._kim_cell(stats["clients_with_title"]),
            )
            report.result_html = html

    def _kim_cell(self, value):
        return "< 5" if value is None else value
