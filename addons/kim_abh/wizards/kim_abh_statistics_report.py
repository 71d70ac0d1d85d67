# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

import xlsxwriter
from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.kim_case.tools import kim_form_action, kim_today


class KimAbhStatisticsReport(models.TransientModel):
    """A-1, A-2: the Baustein-3 figures of a year for the steering group and
    coordination (aggregated, cells below the minimum cell size shown as
    "< 5")."""

    _name = "kim.abh.statistics.report"
    _description = "Authority Cooperation Statistics"

    year = fields.Integer(required=True, default=lambda self: kim_today(self).year)
    result_html = fields.Html(
        string="Figures", compute="_compute_result_html", sanitize=False
    )
    export_file = fields.Binary(readonly=True, attachment=False)
    export_name = fields.Char()

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
                        report._kim_cell(value, stats),
                    )
                html += Markup("</table>")
            html += Markup("<p>%s: %s</p>") % (
                self.env._("Median response time (days)"),
                report._kim_cell(stats["median_response_days"], stats),
            )
            html += Markup("<p>%s: %s</p>") % (
                self.env._("Clients naturalised"),
                report._kim_cell(stats["clients_naturalised"], stats),
            )
            html += Markup("<p>%s: %s</p>") % (
                self.env._("Clients who received a residence title"),
                report._kim_cell(stats["clients_with_title"], stats),
            )
            report.result_html = html

    def _kim_cell(self, value, stats):
        return f"< {stats['min_cell']}" if value is None else value

    # ---------------------------------------------------------------- export
    def _kim_export_rows(self):
        """A-1/A-2/X-2: the figures of the year for the state as rows
        ``(section, item, value)``. A count of 1 to 4 is shown as "<5", a real
        zero as "0": every topic, month and outcome is listed, also without
        requests, and no totals are given from which a suppressed cell could be
        worked out. Format: readme/DESCRIPTION.md."""
        self.ensure_one()
        Request = self.env["kim.abh.request"]
        stats = Request._kim_abh_statistics(self.year)
        suppressed = f"<{stats['min_cell']}"

        def value(count):
            return suppressed if count is None else str(count)

        def listed(names, counts):
            names = list(names) + [n for n in counts if n not in names]
            return [(name, value(counts.get(name, 0))) for name in names]

        topics = self.env["kim.abh.topic"].with_context(active_test=False).search([])
        authorities = self.env["res.partner"].search(
            [("is_company", "=", True), ("kim_partner_type_id.is_authority", "=", True)]
        )
        decisions = Request._fields["decision"]._description_selection(self.env)
        sections = [
            (
                self.env._("Requests by topic"),
                listed(topics.mapped("name"), stats["by_topic"]),
            ),
            (
                self.env._("Requests by authority"),
                listed(authorities.mapped("name"), stats["by_authority"]),
            ),
            (
                self.env._("Requests by month"),
                listed(
                    [f"{self.year}-{month:02d}" for month in range(1, 13)],
                    stats["by_month"],
                ),
            ),
            (
                self.env._("Decisions by outcome"),
                [
                    (label, value(stats["by_decision"].get(code, 0)))
                    for code, label in decisions
                ],
            ),
        ]
        median = stats["median_response_days"]
        sections += [
            (
                self.env._("Median response time (days)"),
                [("", suppressed if median is None else f"{median:g}")],
            ),
            (
                self.env._("Clients naturalised"),
                [("", value(stats["clients_naturalised"]))],
            ),
            (
                self.env._("Clients who received a residence title"),
                [("", value(stats["clients_with_title"]))],
            ),
        ]
        return [
            (section, item, cell) for section, items in sections for item, cell in items
        ]

    def _kim_export_header(self):
        return [
            self.env._("Year"),
            self.env._("Figure"),
            self.env._("Item"),
            self.env._("Value"),
        ]

    def _kim_offer_file(self, content, name):
        """Offer the export for download and store it once in the log of
        report runs (X-2)."""
        self.env["kim.report.run"]._kim_store(
            f"kim_abh.statistics_{name.rsplit('.', 1)[-1]}",
            self.env._("Authority cooperation statistics for the state"),
            self.year,
            name,
            content,
        )
        self.write({"export_file": base64.b64encode(content), "export_name": name})
        return kim_form_action(self)

    def action_export_csv(self):
        """A-1/X-2: the statistics for the state as CSV (';', UTF-8 with BOM)."""
        self.ensure_one()
        rows = self._kim_export_rows()
        output = io.StringIO()
        writer = csv.writer(output, delimiter=";", lineterminator="\n")
        writer.writerow(self._kim_export_header())
        writer.writerows([self.year, *row] for row in rows)
        return self._kim_offer_file(
            output.getvalue().encode("utf-8-sig"),
            f"kim_abh_statistik_{self.year}.csv",
        )

    def action_export_xlsx(self):
        """A-1/X-2: the statistics for the state as XLSX (same rows as CSV)."""
        self.ensure_one()
        rows = self._kim_export_rows()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(str(self.year))
        bold = workbook.add_format({"bold": True})
        for col, head in enumerate(self._kim_export_header()):
            sheet.write_string(0, col, head, bold)
        for line, row in enumerate(rows, 1):
            sheet.write_number(line, 0, self.year)
            for col, cell in enumerate(row, 1):
                sheet.write_string(line, col, cell)
        workbook.close()
        return self._kim_offer_file(
            output.getvalue(), f"kim_abh_statistik_{self.year}.xlsx"
        )
