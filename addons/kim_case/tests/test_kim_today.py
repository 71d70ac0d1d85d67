# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #16 item 4: one "today" for rules, crons, computes and defaults —
the company's day in Europe/Berlin, not the server's UTC day."""

from datetime import UTC, date, datetime

from freezegun import freeze_time

from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon

# 31 December: 22:30 UTC is 23:30 in Berlin (still the old year), 23:30 UTC is
# 00:30 on 1 January in Berlin while the server's UTC day is still 31 December
BEFORE_MIDNIGHT = "2026-12-31 22:30:00"
AFTER_MIDNIGHT = "2026-12-31 23:30:00"
NEW_YEAR = date(2027, 1, 1)


class TestKimToday(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._case(cls.user_cm_a)
        # CM-B covers from New Year's Day; CM-A's colleague until New Year's Eve
        cls.env["kim.case.substitute"].create(
            [
                {
                    "case_id": cls.case.id,
                    "user_id": cls.user_cm_b.id,
                    "date_from": NEW_YEAR,
                    "date_to": date(2027, 1, 10),
                },
            ]
        )

    def _cm_b_sees_case(self):
        Case = self.env["kim.case"].with_user(self.user_cm_b)
        return bool(Case.search_count([("id", "=", self.case.id)]))

    def test_day_turns_at_midnight_in_germany(self):
        """X-1 / C-12: at 23:30 in Berlin on New Year's Eve it is still 31
        December for KIM; an hour later (still 31 December in UTC) it is New
        Year's Day, for every user whatever their own time zone."""
        self.user_cm_b.tz = "America/New_York"
        with freeze_time(BEFORE_MIDNIGHT):
            self.assertEqual(kim_today(self.env.user), date(2026, 12, 31))
            self.assertEqual(kim_today(self.user_cm_b), date(2026, 12, 31))
            self.assertFalse(self._cm_b_sees_case())
        with freeze_time(AFTER_MIDNIGHT):
            # the server's (UTC) day is still New Year's Eve
            self.assertEqual(datetime.now(UTC).date(), date(2026, 12, 31))
            self.assertEqual(kim_today(self.env.user), NEW_YEAR)
            self.assertEqual(kim_today(self.user_cm_b), NEW_YEAR)
            # the hourly job moves the substitution's stored flag on
            self.env["kim.case.substitute"]._cron_refresh_active()
            self.assertTrue(self._cm_b_sees_case())

    def test_defaults_take_the_kim_day(self):
        """C-8: a contact recorded at 00:30 in Berlin on New Year's Day is
        dated 1 January, not the server's 31 December."""
        with freeze_time(AFTER_MIDNIGHT):
            contact = (
                self.env["kim.case.contact"]
                .with_user(self.user_cm_a)
                .create({"case_id": self.case.id, "note": "Telefonat"})
            )
        self.assertEqual(contact.date, NEW_YEAR)
