# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import kim_today
from .common import KimCaseCommon


class TestStatisticsLimit(KimCaseCommon):
    """X-2 (issue #19): the minimum cell size of the statistics is dated data
    the KIM lead maintains, not a constant in code."""

    def setUp(self):
        super().setUp()
        self.Limit = self.env["kim.statistics.limit"]
        self.shipped = self.env.ref("kim_case.statistics_limit_2024")

    def test_shipped_figure_is_five(self):
        """X-2: the Kreis starts with 5, valid from 2024 on."""
        self.assertEqual(self.shipped.value, 5)
        self.assertEqual(self.Limit._kim_min_cell(date(2024, 1, 1)), 5)
        self.assertEqual(self.Limit.with_user(self.user_cm_a)._kim_min_cell(), 5)

    def test_new_figure_from_a_day(self):
        """X-2: a new figure applies from its first day; the old one stays
        for the days before."""
        today = kim_today(self.env["kim.statistics.limit"])
        Limit = self.Limit.with_user(self.user_lead)
        self.shipped.with_user(self.user_lead).valid_to = today - timedelta(days=1)
        Limit.create({"value": 8, "valid_from": today})
        self.assertEqual(Limit._kim_min_cell(), 8)
        self.assertEqual(Limit._kim_min_cell(today - timedelta(days=1)), 5)

    def test_overlap_and_nonsense_refused(self):
        """X-2: two figures for one day, a figure below 2 and an end before the
        start are refused; nothing is saved."""
        Limit = self.Limit.with_user(self.user_lead)
        with self.assertRaises(ValidationError):
            Limit.create({"value": 7, "valid_from": date(2025, 1, 1)})
        with self.assertRaises(ValidationError):
            Limit.create(
                {
                    "value": 7,
                    "valid_from": date(2000, 1, 2),
                    "valid_to": date(2000, 1, 1),
                }
            )
        with self.assertRaises(ValidationError):
            Limit.create({"value": 1, "valid_from": date(2000, 1, 1)})
        self.assertEqual(self.Limit.search_count([]), 1)

    def test_no_figure_no_report(self):
        """X-2: without a valid figure no report is made (a clear message, not
        unprotected counts)."""
        self.shipped.valid_from = date(2099, 1, 1)
        with self.assertRaisesRegex(UserError, "minimum cell size"):
            self.Limit._kim_min_cell()

    def test_only_the_lead_sets_it(self):
        """X-2: case managers, coordination and finance read the figure, only
        the lead changes it."""
        for user in (self.user_cm_a, self.user_coordination, self.user_finance):
            self.assertEqual(self.shipped.with_user(user).value, 5)
            with self.assertRaises(AccessError):
                self.shipped.with_user(user).write({"value": 3})
            with self.assertRaises(AccessError):
                self.Limit.with_user(user).create(
                    {"value": 3, "valid_from": date(2001, 1, 1)}
                )
