# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from collections import defaultdict

import xlsxwriter
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date, formatLang

from odoo.addons.kim_case.suppression import CellSuppression
from odoo.addons.kim_case.tools import kim_form_action, kim_today


class KimCaseloadReport(models.TransientModel):
    """G-7 (issue #19): caseload and reach at a reference date, for the KIM
    lead.

    - *Caseload*: the cases active on the day per employing organisation
      and per case manager, against the case-management FTE the position
      ledger shows filled on that day (occupants of case-management
      positions, by the organisation of the occupant's user). Staff
      figures for the lead's steering, not for publication.
    - *Reach*: the persons of the active cases (every family member once)
      per municipality of the case, per 1,000 foreign residents of the AZR
      count of the distribution key in force on the day. These counts are
      meant for the committee: below the minimum cell size they are shown
      as "< n", together with every figure they could be worked out from,
      and a rate is only shown where its count is.
    """

    _name = "kim.caseload.report"
    _description = "KIM Caseload and Reach"

    reference_date = fields.Date(required=True, default=kim_today)
    result_html = fields.Html(
        string="Figures", compute="_compute_result_html", sanitize=False
    )
    export_file = fields.Binary(readonly=True, attachment=False)
    export_name = fields.Char()

    # ------------------------------------------------------------ figures
    def _kim_active_domain(self):
        ref = self.reference_date
        return [
            ("first_contact_date", "<=", ref),
            "|",
            ("closed_date", "=", False),
            ("closed_date", ">=", ref),
        ]

    def _kim_filled_fte(self):
        """Filled case-management FTE on the day per user of the occupant
        (``False``: an occupant without a user) and per organisation (the
        user's employer, else the position's)."""
        ref = self.reference_date
        occupants = self.env["kim.position.occupant"].search(
            [
                ("position_id.role", "=", "case_management"),
                ("position_id.company_id", "in", [self.env.company.id, False]),
                ("date_start", "<=", ref),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", ref),
            ]
        )
        per_user, per_org = defaultdict(float), defaultdict(float)
        for occupant in occupants:
            user = occupant.employee_id.user_id
            per_user[user] += occupant.fte_share
            org = user.kim_employer_id or occupant.position_id.employer_id
            per_org[org] += occupant.fte_share
        return per_user, per_org

    def _kim_caseload(self):
        """Rows ``(organisation, cases, fte)`` and ``(user, organisation,
        cases, fte)`` of the day; the lead reads every case and position."""
        self.ensure_one()
        Case = self.env["kim.case"].with_context(active_test=False)
        domain = self._kim_active_domain()
        per_org_cases = dict(Case._read_group(domain, ["employer_id"], ["__count"]))
        per_user_cases = {
            (user, org): count
            for user, org, count in Case._read_group(
                domain, ["user_id", "employer_id"], ["__count"]
            )
        }
        fte_user, fte_org = self._kim_filled_fte()
        orgs = sorted(
            set(per_org_cases) | set(fte_org), key=lambda org: org.name or "~"
        )
        organisations = [
            (org, per_org_cases.get(org, 0), fte_org.get(org, 0.0)) for org in orgs
        ]
        users = {user for user, _org in per_user_cases} | {
            user for user in fte_user if user
        }
        managers = []
        for user in sorted(users, key=lambda user: user.name or "~"):
            cases = sum(
                count for (who, _org), count in per_user_cases.items() if who == user
            )
            managers.append(
                (user, user.kim_employer_id, cases, fte_user.get(user, 0.0))
            )
        return organisations, managers

    def _kim_distribution_key(self):
        """The AZR count in force on the day: the company's distribution key
        with the latest reference date up to the day, else its earliest."""
        Key = self.env["kim.distribution.key"]
        company = [("company_id", "in", [self.env.company.id, False])]
        return Key.search(
            company + [("reference_date", "<=", self.reference_date)],
            order="reference_date desc",
            limit=1,
        ) or Key.search(company, order="reference_date", limit=1)

    def _kim_reach(self):
        """``(rows, total, key)``: rows ``(municipality, persons text, AZR
        count, rate text)`` with the persons suppressed below the minimum
        cell size and every figure they could be worked out from."""
        self.ensure_one()
        min_cell = self.env["kim.statistics.limit"]._kim_min_cell()
        ref = self.reference_date
        # one query over every case, past the record rules: the lead's only
        if not self.env.user.has_group("kim_case.group_kim_lead"):
            raise AccessError(self.env._("Only the KIM lead sees caseload and reach."))
        per_municipality, total = self.env["kim.case"]._kim_persons_per(
            "municipality_id", ref, ref
        )
        Partner = self.env["res.partner"].with_context(active_test=False)
        persons = {
            Partner.browse(municipality_id or []): count
            for municipality_id, count in per_municipality.items()
        }
        key = self._kim_distribution_key()
        azr = {line.municipality_id: line.foreign_residents for line in key.line_ids}
        control = CellSuppression(limit=min_cell)
        cells = {
            municipality: control.add(("reach", municipality.id), count)
            for municipality, count in persons.items()
        }
        total_key = control.add(("reach", "total"), total)
        # the rows add up to the total, or — with persons in cases of two
        # municipalities — to the total and those (hidden), which an
        # attacker knows to be at least zero
        rows_sum = sum(persons.values())
        if rows_sum == total:
            control.relate(total_key, cells.values())
        else:
            row_total = control.add(("reach", "rows"), rows_sum, hidden=True)
            overlap = control.add(("reach", "overlap"), rows_sum - total, hidden=True)
            control.relate(row_total, cells.values())
            control.relate(row_total, [total_key, overlap])
        control.protect()

        def rate(count_text, count, residents):
            if not residents or not count_text.isdigit():
                return "–"
            return formatLang(self.env, count * 1000 / residents, digits=1)

        municipalities = sorted(
            set(persons) | set(azr), key=lambda m: (not m, m.name or "")
        )
        rows = []
        for municipality in municipalities:
            count = persons.get(municipality, 0)
            text = control.text(cells[municipality]) if municipality in cells else "0"
            residents = azr.get(municipality, 0)
            rows.append(
                (
                    municipality.name or self.env._("not assigned"),
                    text,
                    residents or "",
                    rate(text, count, residents),
                )
            )
        total_text = control.total_text(total_key)
        total_row = (
            self.env._("Total"),
            total_text,
            sum(azr.values()) or "",
            rate(total_text, total, sum(azr.values())),
        )
        return rows, total_row, key, min_cell

    # ------------------------------------------------------------ display
    def _kim_tables(self):
        """The report as tables ``{"title", "header", "rows"}`` (text and
        numbers), for the screen and the XLSX alike."""
        self.ensure_one()
        organisations, managers = self._kim_caseload()

        def ratio(cases, fte):
            return formatLang(self.env, cases / fte, digits=1) if fte else "–"

        none = self.env._("not assigned")
        tables = [
            {
                "title": self.env._(
                    "Caseload per organisation on %(day)s",
                    day=format_date(self.env, self.reference_date),
                ),
                "header": [
                    self.env._("Organisation"),
                    self.env._("Active Cases"),
                    self.env._("Case Management FTE Filled"),
                    self.env._("Cases per FTE"),
                ],
                "rows": [
                    [org.name or none, cases, round(fte, 2), ratio(cases, fte)]
                    for org, cases, fte in organisations
                ],
            },
            {
                "title": self.env._(
                    "Caseload per case manager on %(day)s",
                    day=format_date(self.env, self.reference_date),
                ),
                "header": [
                    self.env._("Case Manager"),
                    self.env._("Organisation"),
                    self.env._("Active Cases"),
                    self.env._("FTE"),
                    self.env._("Cases per FTE"),
                ],
                "rows": [
                    [
                        user.name or none,
                        org.name or "",
                        cases,
                        round(fte, 2),
                        ratio(cases, fte),
                    ]
                    for user, org, cases, fte in managers
                ],
            },
        ]
        rows, total_row, key, min_cell = self._kim_reach()
        tables.append(
            {
                "title": self.env._(
                    "Reach per municipality on %(day)s (persons in active cases per "
                    "1,000 foreign residents, %(key)s; counts below %(limit)s "
                    "suppressed)",
                    day=format_date(self.env, self.reference_date),
                    key=key.name or self.env._("no distribution key"),
                    limit=min_cell,
                ),
                "header": [
                    self.env._("Municipality"),
                    self.env._("Persons"),
                    self.env._("Foreign Residents (AZR)"),
                    self.env._("per 1,000"),
                ],
                "rows": [list(row) for row in rows] + [list(total_row)],
            }
        )
        return tables

    @api.depends("reference_date")
    def _compute_result_html(self):
        for report in self:
            if not report.reference_date:
                report.result_html = ""
                continue
            html = Markup("")
            for table in report._kim_tables():
                html += Markup("<h5>%s</h5>") % table["title"]
                html += Markup("<table class='table table-sm'><thead><tr>")
                for head in table["header"]:
                    html += Markup("<th>%s</th>") % head
                html += Markup("</tr></thead><tbody>")
                for row in table["rows"]:
                    html += Markup("<tr>")
                    for cell in row:
                        html += Markup("<td>%s</td>") % (
                            formatLang(self.env, cell)
                            if isinstance(cell, float)
                            else cell
                        )
                    html += Markup("</tr>")
                html += Markup("</tbody></table>")
            report.result_html = html

    def action_export_xlsx(self):
        """The report as XLSX, one sheet per table."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True, "text_wrap": True})
        for index, table in enumerate(self._kim_tables(), start=1):
            sheet = workbook.add_worksheet(str(index))
            sheet.write(0, 0, table["title"], bold)
            sheet.write_row(2, 0, table["header"], bold)
            for row_index, row in enumerate(table["rows"], start=3):
                for col, cell in enumerate(row):
                    if isinstance(cell, int | float):
                        sheet.write_number(row_index, col, cell)
                    else:
                        sheet.write_string(row_index, col, str(cell))
        workbook.close()
        self.env["kim.report.run"]._kim_store(
            "kim_funding.caseload_xlsx",
            self.env._("Caseload and reach (XLSX)"),
            format_date(self.env, self.reference_date),
            f"kim_fallbelastung_{self.reference_date}.xlsx",
            output.getvalue(),
        )
        self.write(
            {
                "export_file": base64.b64encode(output.getvalue()),
                "export_name": f"kim_fallbelastung_{self.reference_date}.xlsx",
            }
        )
        return kim_form_action(self)
