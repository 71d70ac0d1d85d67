# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re
from datetime import date
from urllib.parse import quote as url_quote

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kim_case.suppression import CellSuppression
from odoo.addons.kim_case.tools import kim_lang, kim_today

PERIOD_TYPES = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
]
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
# what only finalising sets (never a form, an import, RPC or a default)
WORKFLOW_FIELDS = {
    "state",
    "report_file",
    "report_filename",
    "final_uid",
    "final_date",
    "figures_snapshot",
    "date_start",
    "date_end",
}
# the fields a final report keeps as they were when it was finalised
FROZEN_FIELDS = WORKFLOW_FIELDS | {
    "committee_id",
    "period_type",
    "year",
    "period",
    "intro",
    "assessment",
    "outlook",
    "state",
    "report_file",
    "report_filename",
    "final_uid",
    "final_date",
    "company_id",
}


def _signed(number):
    """A change as the committee reads it: "+3", "−2", "±0"."""
    if number > 0:
        return f"+{number}"
    if number < 0:
        return f"−{-number}"
    return "±0"


class KimCommitteeReport(models.Model):
    """G-7/C-15 (issue #19): the status report for the committee (Ausschuss)
    of a month, quarter or year.

    The KIM lead writes the text blocks (introduction, assessment, outlook);
    the key figures of the period come beside those of the previous period
    and of the same period a year before, with the change, per district,
    municipality and employing organisation. Counts below the minimum cell
    size and every figure they could be worked out from are suppressed
    across the whole report (the districts, municipalities and organisations
    break down the same active cases). *Finalise* stores the PDF once, with
    who finalised it and when; a final report is not changed any more, and
    its file is what the committee got."""

    _name = "kim.committee.report"
    _description = "KIM Committee Status Report"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(compute="_compute_name")
    committee_id = fields.Many2one(
        "kim.committee", string="For Committee", tracking=True
    )
    period_type = fields.Selection(
        PERIOD_TYPES, required=True, default="quarter", tracking=True
    )
    year = fields.Integer(
        required=True, default=lambda self: kim_today(self).year, tracking=True
    )
    period = fields.Integer(
        "Month or Quarter",
        default=1,
        help="The month (1–12) or quarter (1–4) of the year; ignored for a year.",
        tracking=True,
    )
    date_start = fields.Date(compute="_compute_dates", store=True)
    date_end = fields.Date(compute="_compute_dates", store=True)
    intro = fields.Html("Introduction")
    assessment = fields.Html("Appraisal")
    outlook = fields.Html()
    state = fields.Selection(
        [("draft", "Draft"), ("final", "Final")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    # in the report's own row, not an attachment: an attachment could be
    # changed through ir.attachment without this model's checks
    report_file = fields.Binary(
        "Report (PDF)", readonly=True, copy=False, attachment=False
    )
    report_filename = fields.Char(readonly=True, copy=False)
    final_uid = fields.Many2one(
        "res.users", string="Finalised by", readonly=True, copy=False
    )
    final_date = fields.Datetime("Finalised on", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    figures_html = fields.Html(
        "Key Figures", compute="_compute_figures_html", sanitize=False
    )
    # the figures as the committee got them, kept at finalising
    figures_snapshot = fields.Html(readonly=True, copy=False, sanitize=False)

    # ------------------------------------------------------------ periods
    @api.depends("period_type", "year", "period")
    def _compute_dates(self):
        for report in self:
            start = report._kim_period_start()
            report.date_start = start
            report.date_end = (
                start + relativedelta(months=PERIOD_MONTHS[report.period_type], days=-1)
                if start
                else False
            )

    def _kim_period_start(self, years_back=0, periods_back=0):
        """The first day of this report's period, ``years_back`` years and
        ``periods_back`` periods earlier (``False`` while incomplete)."""
        self.ensure_one()
        if not (self.period_type and self.year and 1900 < self.year < 3000):
            return False
        months = PERIOD_MONTHS[self.period_type]
        index = 0 if self.period_type == "year" else self.period - 1
        if not 0 <= index < 12 // months:
            return False
        start = date(self.year, 1, 1) + relativedelta(months=index * months)
        return start - relativedelta(years=years_back, months=periods_back * months)

    def _kim_period_label(self, start):
        if self.period_type == "year":
            return str(start.year)
        if self.period_type == "quarter":
            return self.env._(
                "Q%(quarter)s %(year)s",
                quarter=(start.month - 1) // 3 + 1,
                year=start.year,
            )
        return f"{start.month:02d}/{start.year}"

    @api.depends("period_type", "year", "period")
    def _compute_name(self):
        # in the Kreis' language, like the file name the committee gets
        for report in self.with_context(lang=kim_lang(self)):
            start = report._kim_period_start()
            report.name = (
                report.env._(
                    "Status report %(period)s", period=report._kim_period_label(start)
                )
                if start
                else report.env._("Status report")
            )

    @api.constrains("period_type", "year", "period")
    def _check_period(self):
        for report in self:
            if not report._kim_period_start():
                raise ValidationError(
                    self.env._(
                        "Choose a year and, for a month, 1 to 12, for a quarter, "
                        "1 to 4."
                    )
                )

    # ------------------------------------------------------------ figures
    def _kim_periods(self):
        """``[(label, start, end)]``: the period, the previous one and — for a
        month or quarter — the same period a year before (for a year, the
        previous period is the year before)."""
        self.ensure_one()
        months = PERIOD_MONTHS[self.period_type]
        steps = (
            ((0, 0), (0, 1)) if self.period_type == "year" else ((0, 0), (0, 1), (1, 0))
        )
        result = []
        for years_back, periods_back in steps:
            start = self._kim_period_start(years_back, periods_back)
            end = start + relativedelta(months=months, days=-1)
            result.append((self._kim_period_label(start), start, end))
        return result

    def _kim_report_data(self):
        """The figures as display tables; every count is a cell of one
        ``CellSuppression`` over all periods and tables of this report, with
        every sum that links them: the districts, the municipalities and the
        organisations add up to the same totals, and the cases carried over
        into the period link it to the previous one (active now = carried
        over + new now; active before = carried over + closed before)."""
        self.ensure_one()
        Monitoring = self.env["kim.governance.monitoring"]
        Monitoring._kim_check_report_access()
        min_cell = self.env["kim.statistics.limit"]._kim_min_cell()
        periods = self._kim_periods()
        counts = [
            Monitoring._kim_period_counts(start, end) for _label, start, end in periods
        ]
        control = CellSuppression(limit=min_cell)
        none_label = self.env._("not assigned")
        measures = [
            ("active", self.env._("Active cases per district"), "districts"),
            ("new", self.env._("New cases per district"), "districts"),
            ("closed", self.env._("Closed cases per district"), "districts"),
            (
                "active",
                self.env._("Active cases per municipality"),
                "municipalities",
            ),
            (
                "active",
                self.env._("Active cases per employing organisation"),
                "employers",
            ),
        ]
        indexes = range(len(periods))
        layout, cell_of = [], {}
        # every table of a breakdown lists the same rows (a missing row
        # would tell a zero the suppression does not know of)
        rows_of = {
            breakdown: sorted(
                {
                    key
                    for figures in counts
                    for values in figures[breakdown].values()
                    for key in values
                },
                key=lambda key: key.display_name or "~",
            )
            for breakdown in ("districts", "municipalities", "employers")
        }
        for measure, title, breakdown in measures:
            keys = rows_of[breakdown]
            cells, totals = {}, []
            for index, figures in enumerate(counts):
                values = figures[breakdown][measure]
                total = control.add(
                    (measure, index, "total"), figures["totals"][measure]
                )
                for key in keys:
                    cells[index, key] = control.add(
                        (breakdown, measure, index, key.id), values.get(key, 0)
                    )
                    cell_of[breakdown, measure, index, key.id] = cells[index, key]
                control.relate(total, [cells[index, key] for key in keys])
                cell_of[breakdown, measure, index, "total"] = total
                totals.append(total)
            layout.append((title, keys, cells, totals))
        # the cases carried over from the previous period into this one
        districts = {
            key for (breakdown, _m, _i, key) in cell_of if breakdown == "districts"
        }
        for key in districts:
            now, new = (
                cell_of.get(("districts", "active", 0, key)),
                cell_of.get(("districts", "new", 0, key)),
            )
            before, closed = (
                cell_of.get(("districts", "active", 1, key)),
                cell_of.get(("districts", "closed", 1, key)),
            )
            if not (now and new and before and closed):
                continue
            carried = control.add(
                ("carried", key),
                max(control.values[now] - control.values[new], 0),
                hidden=True,
            )
            control.relate(now, [carried, new])
            control.relate(before, [carried, closed])
        persons = [
            control.add(("persons", index), figures["persons"])
            for index, figures in enumerate(counts)
        ]
        control.protect()

        def change(now, before):
            now_text, before_text = control.text(now), control.text(before)
            if now_text.isdigit() and before_text.isdigit():
                return _signed(int(now_text) - int(before_text))
            return "–"

        def line(label, keys_of_periods):
            result = [label, control.text(keys_of_periods[0])]
            for key in keys_of_periods[1:]:
                result += [control.text(key), change(keys_of_periods[0], key)]
            return result

        header_tail = [periods[0][0]]
        for label, _start, _end in periods[1:]:
            header_tail += [label, self.env._("Change")]
        tables = []
        for title, keys, cells, totals in layout:
            tables.append(
                {
                    "title": title,
                    "header": [""] + header_tail,
                    "rows": [
                        line(
                            key.display_name or none_label,
                            [cells[index, key] for index in indexes],
                        )
                        for key in keys
                    ],
                    "total": line(self.env._("Total"), totals),
                }
            )
        tables.append(
            {
                "title": self.env._(
                    "Persons in active cases (family members counted once)"
                ),
                "header": [""] + header_tail,
                "rows": [],
                "total": line(self.env._("Persons"), persons),
            }
        )
        return {
            "periods": periods,
            "tables": tables,
            "min_cell": min_cell,
            "suppressed": len(control.suppressed),
        }

    @api.depends("period_type", "year", "period", "figures_snapshot")
    def _compute_figures_html(self):
        """A final report shows the figures the committee got; a draft the
        figures of today (or why there are none)."""
        for report in self:
            if report.figures_snapshot:
                report.figures_html = report.figures_snapshot
            elif not report._kim_period_start():
                report.figures_html = ""
            else:
                try:
                    report.figures_html = report._kim_figures_markup()
                except UserError as error:
                    report.figures_html = (
                        Markup("<p class='text-danger'>%s</p>") % (error.args[0])
                    )

    def _kim_figures_markup(self):
        self.ensure_one()
        html = Markup("")
        for table in self._kim_report_data()["tables"]:
            html += (
                Markup("<h5>%s</h5><table class='table table-sm'>") % (table["title"])
            )
            html += Markup("<thead><tr>%s</tr></thead><tbody>") % Markup("").join(
                Markup("<th>%s</th>") % head for head in table["header"]
            )
            for row in table["rows"]:
                html += Markup("<tr>%s</tr>") % Markup("").join(
                    Markup("<td>%s</td>") % cell for cell in row
                )
            html += Markup("<tr class='fw-bold'>%s</tr></tbody></table>") % (
                Markup("").join(Markup("<td>%s</td>") % c for c in table["total"])
            )
        return html

    # ------------------------------------------------------------ workflow
    def _kim_finalising(self):
        """Whether ``action_finalise`` is writing these reports: the context
        holds the reports themselves, which no RPC call can pass (a JSON
        context carries no records)."""
        holder = self.env.context.get("kim_committee_report_finalising")
        return (
            isinstance(holder, models.BaseModel)
            and holder._name == self._name
            and set(self.ids) <= set(holder.ids)
        )

    def write(self, vals):
        # who may not write learns nothing of the report's state
        self.check_access("write")
        finalising = self._kim_finalising()
        if not finalising and any(report.state == "final" for report in self):
            if set(vals) & FROZEN_FIELDS:
                raise UserError(
                    self.env._(
                        "A final status report is not changed any more: the "
                        "committee got it as it is. Make a new report instead."
                    )
                )
        if WORKFLOW_FIELDS & set(vals) and not finalising:
            raise UserError(
                self.env._("Only finalising a report sets its state and file.")
            )
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if WORKFLOW_FIELDS & set(vals):
                raise UserError(
                    self.env._("Only finalising a report sets its state and file.")
                )
        # defaults an RPC caller passes in the context set nothing either
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (
                key.startswith("default_")
                and key.removeprefix("default_") in WORKFLOW_FIELDS
            )
        }
        return super(
            KimCommitteeReport, self.with_env(self.env(context=context))
        ).create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_final(self):
        if any(report.state == "final" for report in self):
            raise UserError(self.env._("A final status report cannot be deleted."))

    def action_finalise(self):
        """G-7: store the PDF the committee gets, once, with who and when."""
        if not self.env.user.has_group("kim_case.group_kim_lead"):
            raise AccessError(self.env._("Only the KIM lead finalises a report."))
        for report in self:
            if report.state == "final":
                raise UserError(
                    self.env._("%(name)s is final already.", name=report.name)
                )
            # the file the committee gets: in the Kreis' language
            lang = kim_lang(self)
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_pdf(
                    "kim_governance.action_report_committee_status", report.ids
                )
            )
            snapshot = report.with_context(lang=lang)._kim_figures_markup()
            filename = re.sub(r"[^\w.() -]+", "-", report.name) + ".pdf"
            report.with_context(kim_committee_report_finalising=report).write(
                {
                    "state": "final",
                    "report_file": base64.b64encode(pdf),
                    "report_filename": filename,
                    "figures_snapshot": snapshot,
                    "final_uid": self.env.uid,
                    "final_date": fields.Datetime.now(),
                }
            )
        return True

    def action_print(self):
        """The stored file of a final report, a fresh rendering of a draft."""
        self.ensure_one()
        if self.state == "final":
            return {
                "type": "ir.actions.act_url",
                "url": f"/web/content/{self._name}/{self.id}/report_file/"
                f"{url_quote(self.report_filename)}?download=true",
                "target": "self",
            }
        return self.env.ref(
            "kim_governance.action_report_committee_status"
        ).report_action(self)
