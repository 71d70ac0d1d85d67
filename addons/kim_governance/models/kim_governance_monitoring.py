# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
import logging
from datetime import date

import xlsxwriter

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.kim_case.suppression import CellSuppression

_logger = logging.getLogger(__name__)

# G-7: age bands of the yearly report (age on 31 December of the report year)
AGE_BANDS = [(0, 17), (18, 26), (27, 44), (45, 64), (65, None)]


class _Cell:
    """A count of the report, shown by the disclosure control."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key


class _Total(_Cell):
    """A total, shown as far as it can be told from the shown cells."""

    __slots__ = ()


def _render(table, control):
    """The table with every count as the text the report may show."""

    def text(value):
        if isinstance(value, _Total):
            return control.total_text(value.key)
        if isinstance(value, _Cell):
            return control.text(value.key)
        return value

    return dict(
        table,
        rows=[[text(value) for value in row] for row in table["rows"]],
        total=[text(value) for value in table["total"]],
    )


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
        min_cell = self.env["kim.statistics.limit"]._kim_min_cell()
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
        clients = {
            "gender": by(active_domain, "kim_gov_client_gender"),
            "residence": by(active_domain, "kim_gov_client_residence_id"),
            "nationality": by(active_domain, "kim_gov_client_nationality_id"),
        }
        case_sub = [("case_id", "any", active_domain)]
        # justified: counts of goals, contacts, referrals; no record leaves
        goals = dict(
            self.env["kim.case.goal"]
            .sudo()  # sudo: goal counts per outcome; report access checked above
            ._read_group(
                [("outcome_date", ">=", start), ("outcome_date", "<=", end)],
                ["outcome"],
                ["__count"],
            )
        )
        contacts = dict(
            self.env["kim.case.contact"]
            .sudo()  # sudo: contact counts; report access checked above
            ._read_group(
                [("date", ">=", start), ("date", "<=", end), ("outcome", "=", "held")]
                + case_sub,
                ["interpreter_used"],
                ["__count"],
            )
        )
        # X-4 (issue #21): mediated contacts per mediation language
        mediated = dict(
            self.env["kim.case.contact"]
            .sudo()  # sudo: contact counts; report access checked above
            ._read_group(
                [
                    ("date", ">=", start),
                    ("date", "<=", end),
                    ("outcome", "=", "held"),
                    ("interpreter_used", "=", True),
                ]
                + case_sub,
                ["mediation_language_id"],
                ["__count"],
            )
        )
        referrals = dict(
            self.env["project.task"]
            .sudo()  # sudo: referral counts; report access checked above
            ._read_group(
                [
                    ("kim_case_id", "!=", False),
                    ("kim_partner_org_id", "!=", False),
                    ("create_date", ">=", start),
                    ("create_date", "<=", f"{end} 23:59:59"),
                ],
                ["kim_legal_domain_id"],
                ["__count"],
            )
        )
        needs = dict(
            self.env["kim.case.assessment.line"]
            .sudo()  # sudo: need counts; report access checked above
            ._read_group(
                [
                    ("assessment_date", ">=", start),
                    ("assessment_date", "<=", end),
                    ("needs", "!=", False),
                ],
                ["life_domain_id"],
                ["__count"],
            )
        )
        # median duration (days) of the cases closed this year; one figure
        self.env["kim.case"].flush_model(["first_contact_date", "closed_date"])
        self.env.cr.execute(
            SQL(
                """SELECT count(*),
                          percentile_cont(0.5) WITHIN GROUP (
                              ORDER BY closed_date - first_contact_date)
                     FROM kim_case
                    WHERE closed_date BETWEEN %s AND %s
                      AND first_contact_date IS NOT NULL""",
                start,
                end,
            )
        )
        closed_count, median_days = self.env.cr.fetchone()
        persons, persons_total = self._kim_persons(start, end)
        # justified: counts per birth year, band and target group; no record leaves
        birth_years = by(active_domain, "kim_gov_client_birthdate:year")
        target_groups = by(active_domain, "target_group_ids")
        closures = {
            (reason, case_type): count
            for reason, case_type, count in Case._read_group(
                closed_domain, ["close_reason_id", "type_id"], ["__count"]
            )
        }
        # justified: theme counts per stage, no case data
        themes = dict(
            self.env["kim.generative.theme"]
            .sudo()  # sudo: theme counts; report access checked above
            ._read_group([], ["stage"], ["__count"])
        )
        return {
            "year": year,
            "districts": district_rows,
            "municipalities": municipality_rows,
            "close_reasons": close_reasons,
            "constellations": constellations,
            "themes": themes,
            "clients": clients,
            "goals": goals,
            "contacts": contacts,
            "mediated": mediated,
            "referrals": referrals,
            "needs": needs,
            "median_days": median_days if closed_count >= min_cell else None,
            "min_cell": min_cell,
            "age_bands": self._kim_age_bands(year, birth_years),
            "target_groups": target_groups,
            "closures": closures,
            "waiting": self._kim_waiting_times(start, end, min_cell),
            "persons": persons,
            "persons_total": persons_total,
        }

    @api.model
    def _kim_period_counts(self, start, end):
        """G-7 (issue #19): the cases of a period (month, quarter, year) for
        the committee status report: new, active and closed per district,
        active per municipality and per employing organisation, their
        totals, and the persons of the active cases. Counts only; the caller
        suppresses."""
        self._kim_check_report_access()
        # justified: aggregated counts only, never a case record leaves this method
        Case = self.env["kim.case"].sudo().with_context(active_test=False)
        domains = {
            "new": [
                ("first_contact_date", ">=", start),
                ("first_contact_date", "<=", end),
            ],
            "active": [
                ("first_contact_date", "<=", end),
                "|",
                ("closed_date", "=", False),
                ("closed_date", ">=", start),
            ],
            "closed": [("closed_date", ">=", start), ("closed_date", "<=", end)],
        }
        result = {"districts": {}, "employers": {}, "totals": {}}
        for measure, domain in domains.items():
            result["districts"][measure] = dict(
                Case._read_group(domain, ["district_id"], ["__count"])
            )
            result["totals"][measure] = sum(result["districts"][measure].values())
        result["employers"]["active"] = dict(
            Case._read_group(domains["active"], ["employer_id"], ["__count"])
        )
        result["municipalities"] = {
            "active": dict(
                Case._read_group(domains["active"], ["municipality_id"], ["__count"])
            )
        }
        _per_district, result["persons"] = self._kim_persons(start, end)
        return result

    @api.model
    def _kim_persons(self, start, end):
        """G-7 (issue #19): the persons of the cases active in the period —
        every family member, the client included, counted once — per district
        of the case and in all (a person in cases of two districts counts in
        both rows and once in the total). One query."""
        per_district, total = self.env["kim.case"]._kim_persons_per(
            "district_id", start, end
        )
        District = self.env["kim.district"].with_context(active_test=False)
        return {
            District.browse(district_id or []): count
            for district_id, count in per_district.items()
        }, total

    @api.model
    def _kim_age_bands(self, year, birth_years):
        """G-7: counts per birth year (``date_trunc`` of the birth date) summed
        into age bands; the age on 31 December of ``year`` is exact from the
        birth year alone."""
        bands = {}
        for birth_year, count in birth_years.items():
            if not birth_year:
                key = False
            else:
                age = year - birth_year.year
                low, high = next(
                    (low, high)
                    for low, high in reversed(AGE_BANDS)
                    if age >= low or low == 0
                )
                key = f"{low}–{high}" if high is not None else f"{low}+"
            bands[key] = bands.get(key, 0) + count
        return bands

    @api.model
    def _kim_waiting_times(self, start, end, min_cell):
        """G-7: median waiting days from the first contact (intake) to the first
        meeting, the first assessment and the first help-plan goal, for the
        cases whose step falls into the period. One query; a median is only
        given from ``min_cell`` cases on (``None`` otherwise)."""
        for model, fnames in (
            ("kim.case", ["first_contact_date", "first_meeting_date"]),
            ("kim.case.assessment", ["case_id", "date"]),
            ("kim.case.goal", ["case_id"]),
        ):
            self.env[model].flush_model(fnames)
        self.env.cr.execute(
            SQL(
                """WITH steps AS (
                       SELECT c.first_contact_date AS intake, v.step, v.day
                         FROM kim_case c
                        CROSS JOIN LATERAL (VALUES
                              ('meeting', c.first_meeting_date),
                              ('assessment', (SELECT min(a.date)
                                                FROM kim_case_assessment a
                                               WHERE a.case_id = c.id)),
                              ('help_plan', (SELECT min(g.create_date)::date
                                               FROM kim_case_goal g
                                              WHERE g.case_id = c.id))
                              ) AS v(step, day)
                        WHERE c.first_contact_date IS NOT NULL)
                   SELECT step, count(*),
                          percentile_cont(0.5) WITHIN GROUP (ORDER BY day - intake)
                     FROM steps
                    WHERE day BETWEEN %(start)s AND %(end)s AND day >= intake
                    GROUP BY step""",
                start=start,
                end=end,
            )
        )
        rows = {step: (count, median) for step, count, median in self.env.cr.fetchall()}
        result = {}
        for step in ("meeting", "assessment", "help_plan"):
            count, median = rows.get(step, (0, None))
            result[step] = (count, median if count >= min_cell else None)
        return result

    @api.model
    def _kim_report_tables(self, year):
        """The key figures as display tables. X-2 (issue #19): every count is
        a cell of one ``CellSuppression``, with the sums that link the
        tables (every breakdown of the active cases adds up to the same
        total, a reason's closed cases to its row of the cross table …);
        cells below the minimum cell size (dated data, ``kim.statistics.limit``)
        are shown as "< 5", and so many more as "x" that no suppressed value
        can be worked out from what the report shows."""
        figures = self._kim_key_figures(year)
        control = CellSuppression(limit=figures["min_cell"])
        none_label = self.env._("not assigned")
        total_label = self.env._("Total")

        def label_of(key):
            if isinstance(key, models.BaseModel):
                return key.display_name or none_label
            return key if key not in (False, None) else none_label

        def whole(name, value):
            return control.add(("total", name), value, hidden=True)

        def breakdown(prefix, mapping, total_key):
            keys = {k: control.add((prefix, k), v) for k, v in mapping.items()}
            if keys and not control.relate(total_key, keys.values()):
                _logger.warning("X-2: %s does not add up to %s", prefix, total_key)
            return keys

        rows = sorted(
            figures["districts"].items(), key=lambda item: item[0].name or "~"
        )
        columns = ("new", "active", "closed")
        totals = {
            column: whole(column, sum(values[column] for _d, values in rows))
            for column in columns
        }
        cells = {
            column: breakdown(
                f"district/{column}",
                {district: values[column] for district, values in rows},
                totals[column],
            )
            for column in columns
        }
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
                + [_Cell(cells[column][district]) for column in columns]
                for district, _values in rows
            ],
            "total": [total_label] + [_Total(totals[column]) for column in columns],
        }

        persons_total = whole("persons", figures["persons_total"])
        persons = {
            district: control.add(("persons", district), count)
            for district, count in figures["persons"].items()
        }
        # a person in cases of two districts: the rows add up to more than
        # the total, which is then a count of its own (no sum to work from)
        if not control.relate(persons_total, persons.values()):
            control.add(persons_total, figures["persons_total"])
        persons_table = {
            "title": self.env._(
                "Persons in active cases per district (family members counted once)"
            ),
            "header": [
                self.env._("District"),
                self.env._("Active Cases"),
                self.env._("Persons"),
            ],
            "rows": [
                [
                    district.name or none_label,
                    _Cell(cells["active"][district]),
                    _Cell(persons[district]),
                ]
                for district, _values in rows
                if district in persons
            ],
            "total": [total_label, _Total(totals["active"]), _Total(persons_total)],
        }

        def simple(title, label, mapping, total_key=None, ordered=False):
            if total_key is None:
                total_key = whole(title, sum(mapping.values()))
            keys = breakdown(title, mapping, total_key)
            items = [(str(label_of(key)), keys[key]) for key in mapping]
            if not ordered:
                items.sort(key=lambda item: item[0])
            return {
                "title": title,
                "header": [label, self.env._("Count")],
                "rows": [[name, _Cell(key)] for name, key in items],
                "total": [total_label, _Total(total_key)],
            }

        def selection_labels(model, field):
            return dict(self.env[model]._fields[field]._description_selection(self.env))

        genders = selection_labels("res.partner", "kim_gender")
        outcomes = selection_labels("kim.case.goal", "outcome")
        nationalities = sorted(
            figures["clients"]["nationality"].items(), key=lambda item: -item[1]
        )
        top = dict(nationalities[:5])
        rest = sum(count for _country, count in nationalities[5:])
        if rest:
            top[self.env._("Other nationalities")] = rest
        yes_no = {True: self.env._("with interpreter"), False: self.env._("without")}
        age_bands = figures["age_bands"]
        age_order = [
            f"{low}–{high}" if high is not None else f"{low}+"
            for low, high in AGE_BANDS
        ]
        age_keys = [band for band in age_order if band in age_bands] + (
            [False] if False in age_bands else []
        )
        age_cells = breakdown("age", age_bands, totals["active"])
        stages = dict(
            self.env["kim.generative.theme"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        close_reasons = simple(
            self.env._("Closed cases by reason"),
            self.env._("Reason"),
            figures["close_reasons"],
            totals["closed"],
        )
        contacts_title = self.env._("Contacts and interpreter use")
        contacts = simple(
            contacts_title,
            self.env._("Contacts"),
            {yes_no[bool(k)]: v for k, v in figures["contacts"].items()},
        )
        with_interpreter = control.add(
            (contacts_title, yes_no[True]), figures["contacts"].get(True, 0)
        )
        waiting = {
            step: control.add(("waiting", step), figures["waiting"][step][0])
            for step in ("meeting", "assessment", "help_plan")
        }
        tables = [
            district_table,
            persons_table,
            simple(
                self.env._("Active cases per municipality"),
                self.env._("Municipality"),
                figures["municipalities"],
                totals["active"],
            ),
            close_reasons,
            self._kim_cross_table(
                control,
                self.env._("Closed cases by reason and constellation"),
                self.env._("Reason"),
                figures["closures"],
                label_of,
                row_keys={
                    k: (close_reasons["title"], k) for k in figures["close_reasons"]
                },
                total_key=totals["closed"],
            ),
            simple(
                self.env._("Active cases by constellation"),
                self.env._("Constellation"),
                figures["constellations"],
                totals["active"],
            ),
            simple(
                self.env._("Clients by gender"),
                self.env._("Gender"),
                {
                    genders.get(k, k) if k else none_label: v
                    for k, v in figures["clients"]["gender"].items()
                },
                totals["active"],
            ),
            {
                "title": self.env._("Clients by age band (age on 31 December)"),
                "header": [self.env._("Age Band"), self.env._("Count")],
                "rows": [[label_of(band), _Cell(age_cells[band])] for band in age_keys],
                "total": [total_label, _Total(totals["active"])],
            },
            simple(
                self.env._("Cases by target group (several per case possible)"),
                self.env._("Target Group"),
                figures["target_groups"],
            ),
            simple(
                self.env._("Clients by residence status"),
                self.env._("Residence Status"),
                figures["clients"]["residence"],
                totals["active"],
            ),
            simple(
                self.env._("Clients by nationality (top 5)"),
                self.env._("Nationality"),
                top,
                totals["active"],
            ),
            simple(
                self.env._("Goal outcomes"),
                self.env._("Outcome"),
                {
                    outcomes.get(k, k) if k else none_label: v
                    for k, v in figures["goals"].items()
                },
            ),
            simple(
                self.env._("Referrals per legal domain"),
                self.env._("Legal Domain"),
                figures["referrals"],
            ),
            contacts,
            simple(
                self.env._("Mediated contacts per language"),
                self.env._("Mediation Language"),
                figures["mediated"],
                with_interpreter,
            ),
            simple(
                self.env._("Needs per life domain (assessments)"),
                self.env._("Life Domain"),
                figures["needs"],
            ),
            {
                "title": self.env._("Median duration of closed cases"),
                "header": [self.env._("Figure"), self.env._("Days")],
                "rows": [],
                "total": [
                    self.env._("Median"),
                    str(round(figures["median_days"]))
                    if figures["median_days"] is not None
                    else f"< {figures['min_cell']} " + self.env._("cases"),
                ],
            },
            {
                "title": self.env._("Waiting time from first contact (median)"),
                "header": [
                    self.env._("Step"),
                    self.env._("Cases"),
                    self.env._("Days"),
                ],
                "rows": [
                    [
                        label,
                        _Cell(waiting[step]),
                        str(round(figures["waiting"][step][1]))
                        if figures["waiting"][step][1] is not None
                        else "–",
                    ]
                    for step, label in (
                        ("meeting", self.env._("First meeting")),
                        ("assessment", self.env._("First assessment")),
                        ("help_plan", self.env._("First help-plan goal")),
                    )
                ],
                "total": [],
            },
            simple(
                self.env._("Generative themes by stage"),
                self.env._("Stage"),
                {stages.get(k, k): v for k, v in figures["themes"].items()},
            ),
            *self._kim_survey_tables(year, simple),
            self._kim_milestone_table(year),
        ]
        control.protect()
        return {
            "year": year,
            "min_cell": figures["min_cell"],
            "tables": [_render(table, control) for table in tables],
            "suppressed": len(control.suppressed),
            "secondary": len(control.secondary),
        }

    @api.model
    def _kim_survey_tables(self, year, simple):
        """C-6: the client survey per question, answers counted per option;
        suppressed like every other table (no count of questionnaires beside
        it, which would undo the suppression)."""
        counts, _done = self.env["survey.user_input"]._kim_evaluation_counts(year)
        tables = []
        for question, options in counts.items():
            tables.append(
                simple(
                    self.env._("Client survey: %(question)s", question=question.title),
                    self.env._("Answer"),
                    {option.value: count for option, count in options.items()},
                    ordered=True,
                )
            )
        return tables

    @api.model
    def _kim_milestone_table(self, year):
        """G-8: the action plan's milestones of ``year`` and how many are
        reached; read under the reader's own rights."""
        rows, reached, total = self.env["project.milestone"]._kim_report_rows(year)
        return {
            "title": self.env._("Milestones of the action plan %(year)s", year=year),
            "header": [
                self.env._("Milestone"),
                self.env._("Deadline"),
                self.env._("Status"),
            ],
            "rows": rows,
            "total": [
                self.env._("Reached"),
                self.env._("%(reached)s of %(count)s", reached=reached, count=total),
                "",
            ],
        }

    @api.model
    def _kim_cross_table(
        self, control, title, label, mapping, label_of, row_keys, total_key
    ):
        """X-2: a two-dimensional table (rows × columns) of counts. A row adds
        up to its cell in ``row_keys`` (the same figure in a simple table), a
        column to a hidden total, all rows to ``total_key``; every cell and
        total suppressed like the simple tables."""
        rows = sorted({row for row, _col in mapping}, key=lambda r: str(label_of(r)))
        cols = sorted({col for _row, col in mapping}, key=lambda c: str(label_of(c)))
        cells = {
            (row, col): control.add((title, row, col), mapping.get((row, col), 0))
            for row in rows
            for col in cols
        }
        for row in rows:
            key = row_keys.get(row) or control.add(
                (title, row), sum(mapping.get((row, col), 0) for col in cols), True
            )
            row_keys[row] = key
            control.relate(key, [cells[row, col] for col in cols])
        col_keys = {}
        for col in cols:
            col_keys[col] = control.add(
                (title, "column", col),
                sum(mapping.get((row, col), 0) for row in rows),
                hidden=True,
            )
            control.relate(col_keys[col], [cells[row, col] for row in rows])
        if rows:
            control.relate(total_key, [col_keys[col] for col in cols])
        total_label = self.env._("Total")
        return {
            "title": title,
            "header": [label] + [str(label_of(col)) for col in cols] + [total_label],
            "rows": [
                [str(label_of(row))]
                + [_Cell(cells[row, col]) for col in cols]
                + [_Total(row_keys[row])]
                for row in rows
            ],
            "total": [total_label]
            + [_Total(col_keys[col]) for col in cols]
            + [_Total(total_key)],
        }

    @api.model
    def _kim_state_json(self, year):
        """G-7/X-2: the suppressed tables as JSON for the state database."""
        data = self._kim_report_tables(year)
        payload = {
            "format": "kim-nrw-kennzahlen/1",
            "year": year,
            "county": self.env.company.name,
            "small_cell_limit": data["min_cell"],
            "tables": [
                {
                    "title": table["title"],
                    "header": table["header"],
                    "rows": table["rows"],
                    "total": table["total"],
                }
                for table in data["tables"]
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2).encode()

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
