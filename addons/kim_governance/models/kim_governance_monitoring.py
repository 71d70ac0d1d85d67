# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError

SMALL_CELL = 5


def kim_cell(value):
    """X-2: a count as shown in reports; below 5 never shows the number."""
    return f"< {SMALL_CELL}" if value < SMALL_CELL else str(value)


def kim_total(values):
    """X-2: a total that cannot reveal a suppressed cell: the sum of the shown
    cells, marked as a lower bound ("≥ n") when some cell was suppressed."""
    shown = sum(v for v in values if v >= SMALL_CELL)
    if any(v < SMALL_CELL for v in values if v):
        return f"≥ {shown}" if shown >= SMALL_CELL else f"< {SMALL_CELL}"
    return kim_cell(shown)


class KimGovernanceMonitoring(models.AbstractModel):
    """G-7/X-2: yearly key figures for the steering group and the state
    controlling; aggregated only (``_read_group``), small cells suppressed."""

    _name = "kim.governance.monitoring"
    _description = "KIM Monitoring Key Figures"

    @api.model
    def _kim_check_report_access(self):
        user = self.env.user
        if not (
            user.has_group("kim_case.group_kim_coordination")
            or user.has_group("kim_case.group_kim_steering")
        ):
            raise AccessError(
                self.env._("Only coordination and the steering group see reports.")
            )

    @api.model
    def _kim_key_figures(self, year):
        """Raw counts per district (and county-wide breakdowns) for ``year``."""
        self._kim_check_report_access()
        start, end = date(year, 1, 1), date(year, 12, 31)
        # justified: aggregated counts only, never a case record leaves this method
        Case = self.env["kim.case"].sudo().with_context(active_test=False)
        new_domain = [
            ("first_contact_date", ">=", start),
            ("first_contact_date", "<=", end),
        ]
        active_domain = [
            ("first_contact_date", "<=", end),
            "|",
            ("closed_date", "=", False),
            ("closed_date", ">=", start),
        ]
        closed_domain = [("closed_date", ">=", start), ("closed_date", "<=", end)]

        def by(domain, groupby):
            return {
                key: count
                for key, count in Case._read_group(domain, [groupby], ["__count"])
            }

        district_rows = {}
        for label, domain in (
            ("new", new_domain),
            ("active", active_domain),
            ("closed", closed_domain),
        ):
            for district, count in by(domain, "district_id").items():
                district_rows.setdefault(district, {"new": 0, "active": 0, "closed": 0})
                district_rows[district][label] = count
        municipality_rows = by(active_domain, "municipality_id")
        close_reasons = by(closed_domain, "close_reason_id")
        constellations = by(active_domain, "type_id")
        # justified: theme counts per stage, no case data
        themes = dict(
            self.env["kim.generative.theme"]
            .sudo()
            ._read_group([], ["stage"], ["__count"])
        )
        return {
            "year": year,
            "districts": district_rows,
            "municipalities": municipality_rows,
            "close_reasons": close_reasons,
            "constellations": constellations,
            "themes": themes,
        }

    @api.model
    def _kim_report_tables(self, year):
        """The key figures as display tables, every cell suppressed below 5."""
        figures = self._kim_key_figures(year)
        none_label = self.env._("not assigned")
        rows = sorted(
            figures["districts"].items(), key=lambda item: item[0].name or "~"
        )
        district_table = {
            "title": self.env._("Cases per district"),
            "header": [
                self.env._("District"),
                self.env._("New"),
                self.env._("Active"),
                self.env._("Closed"),
            ],
            "rows": [
                [district.name or none_label]
                + [kim_cell(values[key]) for key in ("new", "active", "closed")]
                for district, values in rows
            ],
            "total": [self.env._("Total")]
            + [
                kim_total([values[key] for _district, values in rows])
                for key in ("new", "active", "closed")
            ],
        }

        def simple(title, label, mapping):
            items = sorted(
                mapping.items(),
                key=lambda item: str(
                    item[0].display_name
                    if hasattr(item[0], "display_name")
                    else item[0]
                ),
            )
            return {
                "title": title,
                "header": [label, self.env._("Cases")],
                "rows": [
                    [
                        (key.display_name if hasattr(key, "display_name") else key)
                        or none_label,
                        kim_cell(count),
                    ]
                    for key, count in items
                ],
                "total": [self.env._("Total"), kim_total(list(mapping.values()))],
            }

        stages = dict(
            self.env["kim.generative.theme"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        return {
            "year": year,
            "tables": [
                district_table,
                simple(
                    self.env._("Active cases per municipality"),
                    self.env._("Municipality"),
                    figures["municipalities"],
                ),
                simple(
                    self.env._("Closed cases by reason"),
                    self.env._("Reason"),
                    figures["close_reasons"],
                ),
                simple(
                    self.env._("Active cases by constellation"),
                    self.env._("Constellation"),
                    figures["constellations"],
                ),
                simple(
                    self.env._("Generative themes by stage"),
                    self.env._("Stage"),
                    {stages.get(k, k): v for k, v in figures["themes"].items()},
                ),
            ],
        }

    @api.model
    def _kim_monitoring_xlsx(self, year):
        """G-7: the yearly key figures as XLSX for the state controlling."""
        data = self._kim_report_tables(year)
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(str(year))
        bold = workbook.add_format({"bold": True})
        row = 0
        sheet.write(row, 0, self.env._("KIM key figures %(year)s", year=year), bold)
        row += 2
        for table in data["tables"]:
            sheet.write(row, 0, table["title"], bold)
            row += 1
            for col, value in enumerate(table["header"]):
                sheet.write(row, col, value, bold)
            row += 1
            for line in table["rows"] + [table["total"]]:
                for col, value in enumerate(line):
                    sheet.write_string(row, col, str(value))
                row += 1
            row += 1
        workbook.close()
        return output.getvalue()


class KimMonitoringWizard(models.TransientModel):
    _name = "kim.monitoring.wizard"
    _description = "KIM Yearly Report"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year - 1
    )
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char()

    def _kim_tables(self):
        self.ensure_one()
        return self.env["kim.governance.monitoring"]._kim_report_tables(self.year)

    def action_print_pdf(self):
        return self.env.ref("kim_governance.action_report_monitoring").report_action(
            self
        )

    def action_export_xlsx(self):
        self.ensure_one()
        content = self.env["kim.governance.monitoring"]._kim_monitoring_xlsx(self.year)
        self.write(
            {
                "xlsx_file": base64.b64encode(content),
                "xlsx_name": f"kim_kennzahlen_{self.year}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
