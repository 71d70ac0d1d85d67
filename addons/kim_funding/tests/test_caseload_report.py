# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import zipfile
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import YEAR, KimFundingCommon

REF = date(YEAR, 6, 30)
# a day before any demo case: the reach table holds the test's cases only
REACH_DAY = date(1999, 6, 30)


@tagged("post_install", "-at_install")
class TestCaseloadReport(KimFundingCommon):
    """G-7 (issue #19): caseload per organisation and case manager against
    the position ledger, and reach per 1,000 of the AZR count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        position = cls.env["kim.position"].create(
            {
                "name": "Fallmanagement Testkreis",
                "grant_id": cls.grant_b2.id,
                "role": "case_management",
                "fte": 2.0,
                "employer_type": "ki",
                "is_additional": True,
            }
        )
        employee_a, employee_b = cls.env["hr.employee"].create(
            [
                {"name": "Fallmanagerin A", "user_id": cls.user_cm_a.id},
                {"name": "Fallmanager B", "user_id": cls.user_cm_b.id},
            ]
        )
        cls.env["kim.position.occupant"].create(
            [
                {
                    "position_id": position.id,
                    "employee_id": employee_a.id,
                    "fte_share": 1.0,
                    "date_start": date(YEAR, 1, 1),
                },
                {
                    "position_id": position.id,
                    "employee_id": employee_b.id,
                    "fte_share": 0.5,
                    "date_start": date(YEAR, 1, 1),
                },
            ]
        )
        first = date(YEAR, 2, 1)
        for index in range(6):
            cls._case(client=cls._client(f"Last A {index}"), first_contact_date=first)
        for index in range(3):
            cls._case(
                user=cls.user_cm_b,
                client=cls._client(f"Last B {index}"),
                first_contact_date=first,
            )
        # not active on the day: closed before, begun after
        cls._case(
            client=cls._client("Last zu"),
            first_contact_date=first,
            closed_date=date(YEAR, 5, 31),
        )
        cls._case(client=cls._client("Last neu"), first_contact_date=date(YEAR, 7, 1))

    def _report(self, day=REF, user=None):
        return (
            self.env["kim.caseload.report"]
            .with_user(user or self.user_lead)
            .create({"reference_date": day})
        )

    def _active(self, **domain):
        """The active cases on REF, counted here with a search."""
        return self.env["kim.case"].search_count(
            [
                ("first_contact_date", "<=", REF),
                "|",
                ("closed_date", "=", False),
                ("closed_date", ">=", REF),
            ]
            + [(name, "=", value.id) for name, value in domain.items()]
        )

    def test_caseload_against_the_position_ledger(self):
        """G-7: active cases per organisation and per case manager on the day,
        against the case-management FTE filled on that day."""
        tables = self._report()._kim_tables()
        organisations = {row[0]: row[1:] for row in tables[0]["rows"]}
        self.assertEqual(self._active(employer_id=self.org_ki), 6)
        self.assertEqual(
            organisations[self.org_ki.name],
            [self._active(employer_id=self.org_ki), 1.0, "6.0"],
        )
        self.assertEqual(
            organisations[self.org_welfare.name],
            [self._active(employer_id=self.org_welfare), 0.5, "6.0"],
        )
        managers = {row[0]: row[1:] for row in tables[1]["rows"]}
        self.assertEqual(
            managers[self.user_cm_a.name],
            [self.org_ki.name, self._active(user_id=self.user_cm_a), 1.0, "6.0"],
        )
        self.assertEqual(managers[self.user_cm_b.name][1:], [3, 0.5, "6.0"])
        # a case manager without an occupancy shows cases but no ratio
        self.user_coordination.write(
            {"groups_id": [(4, self.env.ref("kim_case.group_kim_case_manager").id)]}
        )
        self._case(user=self.user_coordination, first_contact_date=date(YEAR, 2, 1))
        managers = {row[0]: row[1:] for row in self._report()._kim_tables()[1]["rows"]}
        self.assertEqual(managers[self.user_coordination.name][1:], [1, 0.0, "–"])

    def test_reach_per_thousand_suppressed(self):
        """G-7/X-2: persons in active cases per 1,000 foreign residents of the
        distribution key in force; a count below the minimum cell size is
        "< 5" without a rate, and no total gives it back."""
        Partner = self.env["res.partner"]
        other = Partner.create(
            {
                "name": "Gemeinde Kleinort",
                "is_company": True,
                "kim_is_municipality": True,
            }
        )
        day = date(1999, 2, 1)
        for index in range(6):
            self._case(
                client=self._client(f"Reichweite {index}"),
                first_contact_date=day,
                municipality_id=self.municipality.id,
            )
        for index in range(3):
            self._case(
                client=self._client(f"Reichweite Klein {index}"),
                first_contact_date=day,
                municipality_id=other.id,
            )
        self.env["kim.distribution.key"].create(
            {
                "year": 1999,
                "reference_date": date(1999, 3, 31),
                "total_fte": 1.0,
                "line_ids": [
                    Command.create(
                        {
                            "municipality_id": self.municipality.id,
                            "foreign_residents": 2000,
                        }
                    ),
                    Command.create(
                        {"municipality_id": other.id, "foreign_residents": 500}
                    ),
                ],
            }
        )
        report = self._report(REACH_DAY)
        reach = report._kim_tables()[2]
        rows = {row[0]: row[1:] for row in reach["rows"]}
        self.assertEqual(rows[other.name], ["< 5", 500, "–"])
        # the total of 9 persons would give the 3 back: the 6 is hidden too
        self.assertEqual(rows[self.municipality.name], ["x", 2000, "–"])
        self.assertEqual(rows["Total"][0], "9")
        self.assertEqual(rows["Total"][2], "3.6")
        for row in reach["rows"]:
            self.assertNotIn("3", row[1:2])
            self.assertNotIn("6", row[1:2])
        # with a third municipality of 5, the 6 and its rate are shown
        third = Partner.create(
            {"name": "Gemeinde Dritt", "is_company": True, "kim_is_municipality": True}
        )
        for index in range(5):
            self._case(
                client=self._client(f"Reichweite Dritt {index}"),
                first_contact_date=day,
                municipality_id=third.id,
            )
        rows = {
            row[0]: row[1:] for row in self._report(REACH_DAY)._kim_tables()[2]["rows"]
        }
        self.assertEqual(rows[other.name][0], "< 5")
        suppressed = [name for name, row in rows.items() if row[0] in ("x", "< 5")]
        self.assertGreaterEqual(len(suppressed), 2)
        if rows[self.municipality.name][0] == "6":
            self.assertEqual(rows[self.municipality.name][2], "3.0")

    def test_only_the_lead(self):
        """G-7: staff figures are the lead's; case managers, coordination,
        finance and the steering group are refused."""
        for user in (
            self.user_cm_a,
            self.user_coordination,
            self.user_finance,
            self.user_steering,
        ):
            with self.assertRaises(AccessError):
                self._report(user=user)
        report = self._report()
        report.action_export_xlsx()
        content = base64.b64decode(report.export_file)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn(self.user_cm_a.name, strings)
        self.assertNotIn("Last A", strings)
        self.assertIn(self.user_cm_a.name, report.result_html)
