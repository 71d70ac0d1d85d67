# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kim_case.suppression import CellSuppression
from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.kim_case.tests.suppression_attack import SuppressionAttacker

from .common import KimGovernanceCommon

# the Q2 2013 report: the period, the previous quarter, Q2 2012
PERIODS = [
    (date(2013, 4, 1), date(2013, 6, 30)),
    (date(2013, 1, 1), date(2013, 3, 31)),
    (date(2012, 4, 1), date(2012, 6, 30)),
]
COUNT_COLUMNS = (1, 2, 4)


class TestCommitteeReport(KimGovernanceCommon):
    """G-7/C-15 (issue #19): the committee status report of a quarter with
    the trend against the previous quarter and the same quarter a year
    before; a year of its own, before every demo case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # north: 6 cases since January 2013 and 5 of 2012 closed at its end
        for index in range(6):
            cls._case(
                client=cls._client(f"Ausschuss Nord {index}"),
                first_contact_date=date(2013, 1, 15),
            )
        for index in range(5):
            cls._case(
                client=cls._client(f"Ausschuss Vorjahr {index}"),
                first_contact_date=date(2012, 5, 1),
                closed_date=date(2012, 12, 31),
            )
        # south: 7 new in the quarter, 2 of them closed in it
        south = [
            cls._case(
                user=cls.user_cm_b,
                client=cls._client(f"Ausschuss Süd {index}"),
                first_contact_date=date(2013, 4, 10),
                district_id=cls.district_south.id,
            )
            for index in range(7)
        ]
        for case in south[:2]:
            case.write({"closed_date": date(2013, 6, 20)})

    def _report(self, user=None, **values):
        return (
            self.env["kim.committee.report"]
            .with_user(user or self.user_lead)
            .create({"period_type": "quarter", "year": 2013, "period": 2} | values)
        )

    def _count(self, measure, period, **domain):
        """The figure counted here, with a search over the cases."""
        start, end = PERIODS[period]
        domains = {
            "active": [
                ("first_contact_date", "<=", end),
                "|",
                ("closed_date", "=", False),
                ("closed_date", ">=", start),
            ],
            "new": [
                ("first_contact_date", ">=", start),
                ("first_contact_date", "<=", end),
            ],
            "closed": [("closed_date", ">=", start), ("closed_date", "<=", end)],
        }
        return self.env["kim.case"].search_count(
            domains[measure] + [(name, "=", value.id) for name, value in domain.items()]
        )

    def test_periods_and_name(self):
        """G-7: a quarter's report compares with the previous quarter and the
        same quarter a year before; a month's and a year's likewise."""
        report = self._report()
        self.assertEqual((report.date_start, report.date_end), PERIODS[0])
        self.assertEqual(
            [(start, end) for _label, start, end in report._kim_periods()], PERIODS
        )
        self.assertEqual(report.name, "Sachstandsbericht 2. Quartal 2013")
        january = self._report(period_type="month", period=1)
        self.assertEqual(
            [start for _label, start, _end in january._kim_periods()],
            [date(2013, 1, 1), date(2012, 12, 1), date(2012, 1, 1)],
        )
        year = self._report(period_type="year")
        self.assertEqual(year.date_end, date(2013, 12, 31))
        for period_type, period in (("quarter", 5), ("month", 13), ("month", 0)):
            with self.assertRaises(ValidationError):
                self._report(period_type=period_type, period=period)

    def test_figures_against_counts_and_trend(self):
        """G-7/X-2: every shown count equals the count made here; a change is
        shown only between two shown counts; the 2 cases closed in the
        south never show."""
        data = self._report()._kim_report_data()
        tables = {table["title"]: table for table in data["tables"]}
        districts = {
            self.district_north.name: self.district_north,
            self.district_south.name: self.district_south,
        }
        checked = 0
        for title, measure in (
            ("Active cases per district", "active"),
            ("New cases per district", "new"),
            ("Closed cases per district", "closed"),
        ):
            table = tables[title]
            for row in table["rows"] + [table["total"]]:
                domain = {}
                if row[0] in districts:
                    domain = {"district_id": districts[row[0]]}
                elif row[0] != "Total":
                    continue  # a district of other data: nothing to count here
                for column, period in zip(COUNT_COLUMNS, range(3), strict=True):
                    if row[column].isdigit():
                        self.assertEqual(
                            int(row[column]), self._count(measure, period, **domain)
                        )
                        checked += 1
                for column, (now, before) in ((3, (1, 2)), (5, (1, 4))):
                    if row[1].isdigit() and row[before].isdigit():
                        expected = int(row[now]) - int(row[before])
                        self.assertEqual(
                            row[column].replace("−", "-").replace("±", ""),
                            f"{expected:+d}" if expected else "0",
                        )
                    else:
                        self.assertEqual(row[column], "–")
        self.assertGreaterEqual(checked, 5)
        north = {row[0]: row for row in tables["Active cases per district"]["rows"]}
        # Q2: 6 in the north, 7 in the south, nothing small
        self.assertEqual(north[self.district_north.name][1], "6")
        self.assertEqual(tables["Active cases per district"]["total"][1], "13")
        closed = tables["Closed cases per district"]
        for row in closed["rows"] + [closed["total"]]:
            self.assertNotIn("2", row[1:])
        self.assertEqual(data["min_cell"], 5)

    def _attack(self, data):
        """The attacker on one report: every table's rows add up to its
        total, the districts and the organisations break down the same
        active cases, and per district and in all the cases carried over
        link the periods (active now − new now = active before − closed
        before)."""
        attacker = SuppressionAttacker(limit=data["min_cell"])
        by_title = {table["title"]: table for table in data["tables"]}
        for table in data["tables"]:
            title = table["title"]
            for column in COUNT_COLUMNS:
                cells = [
                    (title, row[0], column)
                    for row in table["rows"]
                    if attacker.shown((title, row[0], column), row[column])
                ]
                total = (title, "total", column)
                if not attacker.shown(total, table["total"][column]):
                    attacker.unknown(total)
                attacker.add_sum(total, cells, (title, column))
        for column in COUNT_COLUMNS:
            for other in (
                "Active cases per municipality",
                "Active cases per employing organisation",
            ):
                attacker.add_sum(
                    ("Active cases per district", "total", column),
                    [(other, "total", column)],
                    ("active", other, column),
                )
        labels = [row[0] for row in by_title["Active cases per district"]["rows"]]
        for label in labels + ["total"]:
            carried = attacker.unknown(("carried", label))
            attacker.add_sum(
                ("Active cases per district", label, 1),
                [carried, ("New cases per district", label, 1)],
                ("carried now", label),
            )
            attacker.add_sum(
                ("Active cases per district", label, 2),
                [carried, ("Closed cases per district", label, 2)],
                ("carried before", label),
            )
        return attacker

    def test_carried_over_cases_give_nothing_back(self):
        """X-2: 10 cases in the north since 2010, 6 of them closed in the first
        quarter of 2011, 3 new in the second: the 3 new ones would be
        7 − 10 + 6; they and whatever would give them back stay hidden."""
        for index in range(10):
            case = self._case(
                client=self._client(f"Übertrag {index}"),
                first_contact_date=date(2010, 10, 1),
            )
            if index < 6:
                case.closed_date = date(2011, 2, 15)
        for index in range(3):
            self._case(
                client=self._client(f"Übertrag neu {index}"),
                first_contact_date=date(2011, 5, 2),
            )
        data = self._report(year=2011)._kim_report_data()
        tables = {table["title"]: table for table in data["tables"]}
        north = self.district_north.name
        new = {row[0]: row for row in tables["New cases per district"]["rows"]}
        self.assertEqual(new[north][1], "< 5")
        attacker = self._attack(data)
        self.assertEqual(attacker.attack(), {})
        report_figure("suppression_attacks", len(attacker.attempts))
        report_figure("suppression_derived", 0)
        # without the secondary suppression the attacker gets the 3 back
        protect = CellSuppression.protect

        def primary_only(control, secondary=True):
            return protect(control, secondary=False)

        with patch.object(CellSuppression, "protect", primary_only):
            weak = self._attack(self._report(year=2011)._kim_report_data())
        self.assertIn(
            ("New cases per district", self.district_north.name, 1), weak.attack()
        )
        shown = [
            cell
            for title in ("Active cases per district", "Closed cases per district")
            for row in tables[title]["rows"]
            if row[0] == north
            for cell in (row[1], row[2])
        ]
        self.assertNotEqual(shown, ["7", "10", "< 5", "6"])

    def test_year_report_compares_with_the_year_before(self):
        """G-7: a year's report has the year and the year before, once."""
        data = self._report(period_type="year")._kim_report_data()
        self.assertEqual([label for label, _s, _e in data["periods"]], ["2013", "2012"])
        self.assertEqual(data["tables"][0]["header"], ["", "2013", "2012", "Change"])

    def test_no_suppressed_value_derived(self):
        """X-2: an attacker who knows that every table's rows add up to its
        total, and that the districts and the organisations break down the
        same active cases, derives no suppressed count."""
        data = self._report()._kim_report_data()
        attacker = self._attack(data)
        self.assertTrue(attacker.suppressed)
        self.assertEqual(attacker.attack(), {})
        report_figure("suppression_attacks", len(attacker.attempts))
        report_figure("suppression_derived", 0)

    def test_finalise_stores_the_file_once(self):
        """G-7: finalising stores the report's file with who and when; a final
        report is neither changed nor deleted nor finalised again; the
        state cannot be forged."""
        report = self._report(user=self.user_coordination)
        report.with_user(self.user_coordination).write(
            {"intro": "<p>Das Quartal im Überblick</p>"}
        )
        with self.assertRaises(AccessError):
            report.with_user(self.user_coordination).action_finalise()
        with self.assertRaises(UserError):
            report.with_user(self.user_coordination).write({"state": "final"})
        # a context flag an RPC caller could pass opens nothing
        with self.assertRaises(UserError):
            report.with_user(self.user_coordination).with_context(
                kim_committee_report_finalising=True
            ).write({"state": "final", "report_file": base64.b64encode(b"x")})
        with self.assertRaises(UserError):
            self.env["kim.committee.report"].with_user(self.user_lead).create(
                {"year": 2013, "period": 1, "state": "final"}
            )
        # defaults in the context set no workflow field either
        forged = (
            self.env["kim.committee.report"]
            .with_user(self.user_coordination)
            .with_context(
                default_state="final",
                default_report_file=base64.b64encode(b"%PDF forged"),
                default_final_uid=self.user_lead.id,
            )
            .create({"year": 2013, "period": 3})
        )
        self.assertEqual(forged.state, "draft")
        self.assertFalse(forged.report_file or forged.final_uid)
        with self.assertRaises(UserError):
            report.with_user(self.user_coordination).write(
                {"date_start": date(2020, 1, 1)}
            )
        report.with_user(self.user_lead).action_finalise()
        self.assertEqual(report.state, "final")
        self.assertTrue(report.figures_snapshot)
        self.assertEqual(report.figures_html, report.figures_snapshot)
        self.assertEqual(report.final_uid, self.user_lead)
        self.assertTrue(report.final_date)
        stored = base64.b64decode(report.report_file)
        self.assertIn(b"Das Quartal im", stored)
        self.assertEqual(
            report.report_filename, "Sachstandsbericht 2. Quartal 2013.pdf"
        )
        for values in ({"intro": "<p>später</p>"}, {"period": 3}):
            with self.assertRaises(UserError):
                report.with_user(self.user_lead).write(values)
        with self.assertRaises(UserError):
            report.with_user(self.user_lead).action_finalise()
        with self.assertRaises(UserError):
            report.with_user(self.user_lead).unlink()
        self.assertEqual(base64.b64decode(report.report_file), stored)
        action = report.with_user(self.user_lead).action_print()
        self.assertEqual(action["type"], "ir.actions.act_url")

    def test_who_sees_what(self):
        """G-7: coordination writes drafts, the steering group reads final
        reports only, case managers and finance see none."""
        draft = self._report(user=self.user_coordination)
        final = self._report(period=1)
        final.action_finalise()
        Report = self.env["kim.committee.report"]
        self.assertEqual(
            Report.with_user(self.user_steering).search(
                [("id", "in", (draft | final).ids)]
            ),
            final,
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.user_steering).read(["name"])
        with self.assertRaises(AccessError):
            final.with_user(self.user_steering).write({"outlook": "<p>x</p>"})
        # the figures the committee got, in the Kreis' language
        self.assertIn(
            "Aktive Fälle je Bezirk",
            final.with_user(self.user_steering).figures_html,
        )
        for user in (self.user_cm_a, self.user_finance, self.user_authority):
            with self.assertRaises(AccessError):
                Report.with_user(user).search([])
            with self.assertRaises(AccessError):
                self._report(user=user)
