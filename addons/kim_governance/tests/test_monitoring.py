# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import io
import json
import zipfile
from datetime import date, timedelta

from odoo.exceptions import AccessError

from odoo.addons.kim_case.tools import kim_today

from .common import KimGovernanceCommon
from .report_attack import attack_yearly_report


class TestMonitoring(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 3 cases in the north (small), 7 in the south
        for index in range(10):
            cls._case(
                client=cls._client(f"Person Monitoring {index}"),
                first_contact_date=date(2015, 3, 1),
                district_id=(
                    cls.district_north if index < 3 else cls.district_south
                ).id,
            )

    def _tables(self, user):
        return (
            self.env["kim.governance.monitoring"]
            .with_user(user)
            ._kim_report_tables(2015)
        )

    def test_small_cells_suppressed(self):
        """G-7/X-2: a district with 3 cases never shows "3"; totals hide it."""
        table = self._tables(self.user_coordination)["tables"][0]
        rows = {row[0]: row for row in table["rows"]}
        self.assertEqual(rows["Testbezirk Nord"][1:3], ["< 5", "< 5"])
        # X-2 (issue #19): the 10 active cases are in the report anyway (10
        # clients without a gender), so the 7 active in the south would give
        # the 3 back: hidden as "x"; the new cases have no second breakdown
        self.assertEqual(rows["Testbezirk Süd"][1:3], ["7", "x"])
        self.assertEqual(table["total"][1:3], ["≥ 7", "10"])
        for row in table["rows"] + [table["total"]]:
            self.assertNotIn("3", row[1:])
        tables = self._tables(self.user_coordination)["tables"]
        self.assertEqual(attack_yearly_report(tables).derived, {})
        # every table of the report: no cell below 5 shows its number
        tables = self._tables(self.user_coordination)["tables"]
        self.assertIn("Clients by gender", [t["title"] for t in tables])
        for other in tables:
            for row in other["rows"] + [other["total"]]:
                for cell in row[1:]:
                    self.assertNotIn(cell, ("1", "2", "3", "4"), other["title"])

    def test_minimum_cell_size_is_dated_data(self):
        """X-2 (issue #19): the report takes the minimum cell size valid on the
        day it is made from the dated data the lead maintains: with 8, the
        south's 7 cases are suppressed too, and the state export names 8."""
        today = kim_today(self.env["kim.statistics.limit"])
        self.env.ref("kim_case.statistics_limit_2024").valid_to = today - timedelta(
            days=1
        )
        self.env["kim.statistics.limit"].with_user(self.user_lead).create(
            {"value": 8, "valid_from": today}
        )
        data = self._tables(self.user_coordination)
        self.assertEqual(data["min_cell"], 8)
        rows = {row[0]: row for row in data["tables"][0]["rows"]}
        self.assertEqual(rows["Testbezirk Süd"][2], "< 8")
        self.assertEqual(rows["Testbezirk Nord"][2], "< 8")
        for table in data["tables"]:
            for row in table["rows"] + [table["total"]]:
                for cell in row[1:]:
                    self.assertNotIn(cell, [str(n) for n in range(1, 8)])
        state = json.loads(
            self.env["kim.governance.monitoring"]
            .with_user(self.user_coordination)
            ._kim_state_json(2015)
        )
        self.assertEqual(state["small_cell_limit"], 8)

    def test_every_export_is_logged_once(self):
        """X-2 (issue #19): each export of the yearly figures is stored once as
        a report run with period, file, SHA-256 and its author; a user sees
        their own runs, the lead all; nobody makes, changes or deletes a run
        by hand."""
        Run = self.env["kim.report.run"]
        before = Run.search([]).ids
        wizard = (
            self.env["kim.monitoring.wizard"]
            .with_user(self.user_steering)
            .create({"year": 2015})
        )
        wizard.action_export_xlsx()
        wizard.action_export_state_json()
        runs = Run.search([("id", "not in", before)])
        self.assertEqual(len(runs), 2)
        self.assertEqual(set(runs.mapped("period")), {"2015"})
        self.assertEqual(runs.create_uid, self.user_steering)
        json_run = runs.filtered(lambda run: run.report_key.endswith("state_json"))
        content = base64.b64decode(wizard.export_file)
        self.assertEqual(base64.b64decode(json_run.file), content)
        self.assertEqual(json_run.checksum, hashlib.sha256(content).hexdigest())
        self.assertEqual(
            Run.with_user(self.user_steering).search([("id", "in", runs.ids)]), runs
        )
        self.assertFalse(
            Run.with_user(self.user_coordination).search([("id", "in", runs.ids)])
        )
        self.assertEqual(
            Run.with_user(self.user_lead).search([("id", "in", runs.ids)]), runs
        )
        for user in (self.user_steering, self.user_lead):
            with self.assertRaises(AccessError):
                Run.with_user(user).create(
                    {"name": "Fälschung", "report_key": "x", "period": "2015"}
                )
            with self.assertRaises(AccessError):
                runs.with_user(user).write({"period": "2016"})
            with self.assertRaises(AccessError):
                runs.with_user(user).unlink()

    def test_steering_sees_reports_not_cases(self):
        """G-7/X-2: the steering viewer gets the German report and the XLSX,
        but no single case."""
        Wizard = self.env["kim.monitoring.wizard"].with_user(self.user_steering)
        wizard = Wizard.create({"year": 2015})
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_steering)
            ._render_qweb_html("kim_governance.action_report_monitoring", wizard.ids)[0]
            .decode()
        )
        self.assertIn("Testbezirk Nord", html)
        self.assertIn("&lt; 5", html)
        self.assertNotIn("Person Monitoring", html)
        wizard.action_export_xlsx()
        content = base64.b64decode(wizard.export_file)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn("&lt; 5", strings)
        self.assertNotIn(">3<", strings)
        wizard.action_export_state_json()
        state = json.loads(base64.b64decode(wizard.export_file))
        self.assertEqual(state["year"], 2015)
        self.assertNotIn("Person Monitoring", json.dumps(state))
        self.assertIn(
            "< 5", state["tables"][0]["rows"][0] + state["tables"][0]["rows"][1]
        )
        with self.assertRaises(AccessError):
            self.env["kim.case"].with_user(self.user_steering).search([])
        with self.assertRaises(AccessError):
            self.env["kim.governance.monitoring"].with_user(
                self.user_cm_a
            )._kim_key_figures(2015)
        with self.assertRaises(AccessError):
            self.env["kim.monitoring.wizard"].with_user(self.user_finance).create(
                {"year": 2015}
            )

    def test_integreat_directory(self):
        """G-5/X-2: the Integreat directory lists network partners with
        languages, offers, opening hours and contact, never clients."""
        self.org_jobcenter.write(
            {
                "kim_opening_hours": "Mo–Fr 8–12 Uhr",
                "kim_offer_description": "Beratung zu Bürgergeld",
                "city": "Testhausen",
            }
        )
        Wizard = self.env["kim.monitoring.wizard"].with_user(self.user_coordination)
        wizard = Wizard.create({"year": 2015})
        wizard.action_export_integreat_json()
        rows = json.loads(base64.b64decode(wizard.export_file))
        names = [row["name"] for row in rows]
        self.assertIn("Jobcenter Testkreis", names)
        self.assertNotIn("Person Monitoring 1", names)
        jobcenter = rows[names.index("Jobcenter Testkreis")]
        self.assertEqual(jobcenter["opening_hours"], "Mo–Fr 8–12 Uhr")
        wizard.action_export_integreat_csv()
        csv_text = base64.b64decode(wizard.export_file).decode("utf-8-sig")
        self.assertTrue(csv_text.startswith("name;type;street"))
        self.assertIn("Beratung zu Bürgergeld", csv_text)


class TestMonitoringBreakdowns(KimGovernanceCommon):
    """Age bands, target groups, waiting times and closures by reason ×
    constellation in a year of their own (2016)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        TargetGroup = cls.env["kim.target.group"]
        cls.group_youth = TargetGroup.create({"name": "Junge Erwachsene Test"})
        cls.group_families = TargetGroup.create({"name": "Familien Test"})
        cls.reason = cls.env.ref("kim_case.close_reason_goals_reached")
        cls.cases = cls.env["kim.case"]
        for index in range(8):
            young = index < 6
            cls.cases |= cls._case(
                client=cls._client(
                    f"Person Breakdown {index}",
                    kim_birthdate=date(1990, 7, 1) if young else date(1950, 2, 1),
                ),
                first_contact_date=date(2016, 2, 1),
                type_id=(cls.type_cm if index < 5 else cls.type_short).id,
                target_group_ids=[
                    (cls.group_youth if index < 5 else cls.group_families).id
                ],
            )
        # 7 closed with the same reason: 5 case management, 2 short interventions
        cls.cases[:7].write(
            {"close_reason_id": cls.reason.id, "closed_date": date(2016, 11, 30)}
        )
        # first assessment 10 days after the first contact for 5 cases
        cls.env["kim.case.assessment"].create(
            [{"case_id": case.id, "date": date(2016, 2, 11)} for case in cls.cases[:5]]
        )
        # first meeting for only 2 cases: too few for a median
        cls.cases[:2].write({"first_meeting_date": date(2016, 2, 3)})

    def _tables(self, user=None):
        tables = (
            self.env["kim.governance.monitoring"]
            .with_user(user or self.user_coordination)
            ._kim_report_tables(2016)["tables"]
        )
        return {table["title"]: table for table in tables}

    def test_age_bands_and_target_groups(self):
        """G-7/X-2: clients per age band (age on 31 December) and cases per
        target group; cells below 5 never show their number."""
        tables = self._tables()
        ages = tables["Clients by age band (age on 31 December)"]
        # X-2 (issue #19): 8 active cases are known from the other tables
        # (8 clients without a gender), 8 − 6 would give the "< 5" back
        self.assertEqual(dict(ages["rows"]), {"18–26": "x", "65+": "< 5"})
        self.assertEqual(ages["total"], ["Total", "8"])
        groups = tables["Cases by target group (several per case possible)"]
        self.assertEqual(
            dict(groups["rows"]),
            {"Familien Test": "< 5", "Junge Erwachsene Test": "5"},
        )
        self.assertEqual(groups["total"][1], "≥ 5")

    def test_closures_by_reason_and_constellation(self):
        """G-7/X-2: closed cases as a reason × constellation table; the cell of
        2 short interventions and every total that would reveal it are
        suppressed."""
        table = self._tables()["Closed cases by reason and constellation"]
        header = table["header"]
        self.assertEqual(header[0], "Reason")
        self.assertEqual(header[-1], "Total")
        row = dict(zip(header, table["rows"][0], strict=True))
        self.assertEqual(row["Reason"], self.reason.name)
        # X-2 (issue #19): the reason's 7 is shown in "Closed cases by
        # reason" (and is its row total here): 7 − 5 would give the 2 back, so
        # the 5 is hidden as "x"
        self.assertEqual(row[self.type_cm.name], "x")
        self.assertEqual(row[self.type_short.name], "< 5")
        self.assertEqual(row["Total"], "7")
        total = dict(zip(header, table["total"], strict=True))
        self.assertEqual(total[self.type_short.name], "< 5")
        for line in table["rows"] + [table["total"]]:
            self.assertNotIn("2", line)
            self.assertNotIn("5", line)
        tables = list(self._tables().values())
        self.assertEqual(attack_yearly_report(tables).derived, {})

    def test_waiting_time_median(self):
        """G-7/X-2: median days from the first contact to the first assessment
        (5 cases: shown) and to the first meeting (2 cases: suppressed)."""
        table = self._tables()["Waiting time from first contact (median)"]
        rows = {row[0]: row[1:] for row in table["rows"]}
        self.assertEqual(rows["First assessment"], ["5", "10"])
        self.assertEqual(rows["First meeting"], ["< 5", "–"])
        # the steering group gets the same aggregated table, never a case
        steering = self._tables(self.user_steering)
        self.assertEqual(
            steering["Waiting time from first contact (median)"]["rows"],
            table["rows"],
        )
        # the PDF renders the new tables (title and a suppressed cell)
        wizard = (
            self.env["kim.monitoring.wizard"]
            .with_user(self.user_steering)
            .create({"year": 2016})
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_steering)
            ._render_qweb_html("kim_governance.action_report_monitoring", wizard.ids)[0]
            .decode()
        )
        self.assertIn("Closed cases by reason and constellation", html)
        self.assertIn("65+", html)
        self.assertNotIn("Person Breakdown", html)

    def test_query_count_flat(self):
        """G-7: the report costs the same number of queries whatever the
        number of cases, districts, target groups and reasons (no N+1)."""
        Monitoring = self.env["kim.governance.monitoring"].with_user(
            self.user_coordination
        )

        def queries():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Monitoring._kim_report_tables(2016)
            return self.cr.sql_log_count - before

        queries()  # warm caches of ir.rule, translations, ...
        baseline = queries()
        district = self.env["kim.district"].create({"name": "Testbezirk Ost"})
        other_group = self.env["kim.target.group"].create({"name": "Senioren Test"})
        other_reason = self.env.ref("kim_case.close_reason_moved")
        for index in range(6):
            case = self._case(
                client=self._client(
                    f"Person Extra {index}", kim_birthdate=date(1960 + index, 1, 1)
                ),
                first_contact_date=date(2016, 5, 1),
                district_id=district.id,
                target_group_ids=[other_group.id],
            )
            case.write(
                {"close_reason_id": other_reason.id, "closed_date": date(2016, 12, 1)}
            )
            self.env["kim.case.assessment"].create(
                {"case_id": case.id, "date": date(2016, 6, 1)}
            )
        self.assertEqual(queries(), baseline)

    def test_client_survey_in_the_yearly_report(self):
        """C-6 (issue #21): the client survey per question in the yearly
        report, small cells suppressed and the total a lower bound then; the
        number of questionnaires is not shown beside it."""
        survey = self.env.ref("kim_case.survey_client_evaluation")
        very = self.env.ref("kim_case.survey_a_satisfaction_1")
        partly = self.env.ref("kim_case.survey_a_satisfaction_3")
        for option in [very] * 6 + [partly] * 2:
            answer = self.env["survey.user_input"].create(
                {"survey_id": survey.id, "state": "done"}
            )
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": answer.id,
                    "question_id": option.question_id.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": option.id,
                }
            )
        year = answer.create_date.year
        tables = (
            self.env["kim.governance.monitoring"]
            .with_user(self.user_steering)
            ._kim_report_tables(year)["tables"]
        )
        table = next(t for t in tables if t["title"].endswith(very.question_id.title))
        self.assertEqual(
            table["rows"],
            [
                ["Very satisfied", "6"],
                ["Satisfied", "< 5"],
                ["Partly", "< 5"],
                ["Not satisfied", "< 5"],
            ],
        )
        self.assertEqual(table["total"], ["Total", "≥ 6"])
        survey_tables = [t for t in tables if t["title"].startswith("Client survey")]
        self.assertNotIn("8", str(survey_tables))
