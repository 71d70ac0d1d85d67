# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from collections import defaultdict

import xlsxwriter
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_date, formatLang

from odoo.addons.kim_case.tools import kim_form_action, kim_today

from ..models.kim_funding_rule import CATEGORIES


class KimFundingOverview(models.TransientModel):
    """F-2/F-4 (issue #19): finance's overview at a reference date: per
    Baustein and cost category the cap against what is spent (posted journal
    items dated up to the reference date), and per position the FTE filled on
    that day and the months of the year so far in which it was not fully
    filled. Read under the user's own rights."""

    _name = "kim.funding.overview"
    _description = "KIM Funding Overview"

    reference_date = fields.Date(required=True, default=kim_today)
    result_html = fields.Html(
        string="Overview", compute="_compute_result_html", sanitize=False
    )
    export_file = fields.Binary(readonly=True, attachment=False)
    export_name = fields.Char()

    def _kim_overview(self):
        """The overview's figures: ``budgets`` rows (baustein, category, cap,
        spent, remaining, spent share) and ``positions`` rows (position,
        fte, filled, filled share, vacancy months)."""
        self.ensure_one()
        ref = self.reference_date
        grants = self.env["kim.grant"].search(
            [("year", "=", ref.year)], order="baustein, name"
        )
        spent = grants._kim_spent_by_category(until=ref)
        totals = defaultdict(lambda: [0.0, 0.0])
        for budget in grants.budget_ids:
            key = (budget.grant_id.baustein, budget.category)
            totals[key][0] += budget.amount_cap
            totals[key][1] += spent[(budget.grant_id.id, budget.category)]
        order = [code for code, _label in CATEGORIES]
        budgets = [
            {
                "baustein": baustein,
                "category": category,
                "cap": cap,
                "spent": used,
                "remaining": cap - used,
                "share": used / cap if cap else None,
            }
            for (baustein, category), (cap, used) in sorted(
                totals.items(), key=lambda item: (item[0][0], order.index(item[0][1]))
            )
        ]
        positions = grants.position_ids.sorted(lambda p: (p.baustein, p.name))
        filled = positions._kim_occupied_fte(ref)
        vacancy = positions._kim_vacancy_months(ref.year, until=ref)
        rows = [
            {
                "position": position,
                "fte": position.fte,
                "filled": min(filled[position.id], position.fte),
                "share": min(filled[position.id], position.fte) / position.fte,
                "vacancy_months": vacancy[position.id],
            }
            for position in positions
        ]
        return {"grants": grants, "budgets": budgets, "positions": rows}

    @api.depends("reference_date")
    def _compute_result_html(self):
        for overview in self:
            overview.result_html = (
                overview._kim_render_html() if overview.reference_date else ""
            )

    def _kim_budget_header(self):
        return [
            self.env._("Baustein"),
            self.env._("Cost Category"),
            self.env._("Cap"),
            self.env._("Spent"),
            self.env._("Remaining"),
            self.env._("Spent %"),
        ]

    def _kim_position_header(self):
        return [
            self.env._("Position"),
            self.env._("Baustein"),
            self.env._("FTE"),
            self.env._("Filled FTE"),
            self.env._("Filled %"),
            self.env._("Vacancy Months"),
        ]

    def _kim_labels(self):
        Grant = self.env["kim.grant"]
        Budget = self.env["kim.grant.budget"]
        return (
            dict(Grant._fields["baustein"]._description_selection(self.env)),
            dict(Budget._fields["category"]._description_selection(self.env)),
        )

    def _kim_render_html(self):
        data = self._kim_overview()
        bausteine, categories = self._kim_labels()
        currency = self.env.company.currency_id

        def money(amount):
            return formatLang(self.env, amount, currency_obj=currency)

        def share(value):
            return (
                "–"
                if value is None
                else f"{formatLang(self.env, value * 100, digits=1)} %"
            )

        html = Markup("<h5>%s</h5>") % self.env._(
            "Spent against cap on %(day)s",
            day=format_date(self.env, self.reference_date),
        )
        html += Markup("<table class='table table-sm'><thead><tr>")
        for head in self._kim_budget_header():
            html += Markup("<th>%s</th>") % head
        html += Markup("</tr></thead><tbody>")
        for row in data["budgets"]:
            html += Markup(
                "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                "<td class='%s'>%s</td><td>%s</td></tr>"
            ) % (
                bausteine.get(row["baustein"], row["baustein"]),
                categories.get(row["category"], row["category"]),
                money(row["cap"]),
                money(row["spent"]),
                "text-danger" if row["remaining"] < 0 else "",
                money(row["remaining"]),
                share(row["share"]),
            )
        html += Markup("</tbody></table>")
        html += Markup("<h5>%s</h5>") % self.env._(
            "Positions filled on %(day)s",
            day=format_date(self.env, self.reference_date),
        )
        html += Markup("<table class='table table-sm'><thead><tr>")
        for head in self._kim_position_header():
            html += Markup("<th>%s</th>") % head
        html += Markup("</tr></thead><tbody>")
        fte = filled = 0.0
        for row in data["positions"]:
            fte += row["fte"]
            filled += row["filled"]
            html += Markup(
                "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                "<td>%s</td></tr>"
            ) % (
                row["position"].name,
                bausteine.get(row["position"].baustein, ""),
                formatLang(self.env, row["fte"]),
                formatLang(self.env, row["filled"]),
                share(row["share"]),
                row["vacancy_months"],
            )
        html += Markup(
            "<tr class='fw-bold'><td>%s</td><td></td><td>%s</td><td>%s</td>"
            "<td>%s</td><td></td></tr></tbody></table>"
        ) % (
            self.env._("Total"),
            formatLang(self.env, fte),
            formatLang(self.env, filled),
            share(filled / fte if fte else None),
        )
        return html

    def action_export_xlsx(self):
        """The overview as XLSX (numbers as numbers, for finance's own sums)."""
        self.ensure_one()
        data = self._kim_overview()
        bausteine, categories = self._kim_labels()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        percent = workbook.add_format({"num_format": "0.0%"})
        sheet = workbook.add_worksheet(self.env._("Budget"))
        sheet.write_row(0, 0, self._kim_budget_header(), bold)
        for index, row in enumerate(data["budgets"], start=1):
            sheet.write(index, 0, bausteine.get(row["baustein"], row["baustein"]))
            sheet.write(index, 1, categories.get(row["category"], row["category"]))
            sheet.write_number(index, 2, row["cap"], money)
            sheet.write_number(index, 3, row["spent"], money)
            sheet.write_number(index, 4, row["remaining"], money)
            if row["share"] is not None:
                sheet.write_number(index, 5, row["share"], percent)
        sheet = workbook.add_worksheet(self.env._("Positions"))
        sheet.write_row(0, 0, self._kim_position_header(), bold)
        for index, row in enumerate(data["positions"], start=1):
            sheet.write(index, 0, row["position"].name)
            sheet.write(index, 1, bausteine.get(row["position"].baustein, ""))
            sheet.write_number(index, 2, row["fte"])
            sheet.write_number(index, 3, row["filled"])
            sheet.write_number(index, 4, row["share"], percent)
            sheet.write_number(index, 5, row["vacancy_months"])
        workbook.close()
        self.env["kim.report.run"]._kim_store(
            "kim_funding.funding_overview_xlsx",
            self.env._("Funding overview (XLSX)"),
            format_date(self.env, self.reference_date),
            f"kim_foerderuebersicht_{self.reference_date}.xlsx",
            output.getvalue(),
        )
        self.write(
            {
                "export_file": base64.b64encode(output.getvalue()),
                "export_name": f"kim_foerderuebersicht_{self.reference_date}.xlsx",
            }
        )
        return kim_form_action(self)
