# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from odoo.addons.kim_case.tools import (
    kim_add_working_days,
    kim_next_working_day,
    kim_working_days_between,
)

from .common import KimCaseCommon


class TestDeadlines(KimCaseCommon):
    """C-10, A-1, F-8: legal and service deadlines count working days of the
    company's working calendar, whose global leaves are the public holidays
    of NRW shipped as editable data; the figures are dated deadline rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["kim.deadline.rule"]
        cls.calendar = cls.env.company.resource_calendar_id

    def test_holidays_shipped_on_company_calendar(self):
        """C-10: the NRW holidays 2024-2030 (eleven a year) are global leaves of
        the company's calendar; the Easter-dependent ones move with Easter."""
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("resource_id", "=", False),
                ("name", "=like", "% 2027"),
            ]
        )
        self.assertEqual(len(leaves), 11)
        good_friday = self.env.ref("kim_case.holiday_nrw_2027_karfreitag")
        self.assertEqual(good_friday.calendar_id, self.calendar)
        # Easter Sunday 2027 is 28 March: Good Friday 26, Corpus Christi 27 May
        self.assertEqual(good_friday.date_from, datetime(2027, 3, 25, 23, 0))
        corpus = self.env.ref("kim_case.holiday_nrw_2027_fronleichnam")
        self.assertEqual(corpus.date_from, datetime(2027, 5, 26, 22, 0))

    def test_deadline_over_easter_2027(self):
        """A-1, C-10: five working days from Wednesday 24 March 2027 skip Good
        Friday and Easter Monday: Friday 2 April, not Wednesday 31 March."""
        self.assertEqual(
            kim_add_working_days(self.env, date(2027, 3, 24), 5), date(2027, 4, 2)
        )
        self.assertEqual(
            kim_working_days_between(self.env, date(2027, 3, 24), date(2027, 4, 2)), 5
        )
        self.assertEqual(
            kim_working_days_between(self.env, date(2027, 4, 2), date(2027, 3, 24)), -5
        )

    def test_deadline_over_christmas(self):
        """A-1, C-10: Christmas and New Year are skipped: three working days
        from 23 December 2025 end on 30 December, two more on 2 January."""
        self.assertEqual(
            kim_add_working_days(self.env, date(2025, 12, 23), 3), date(2025, 12, 30)
        )
        self.assertEqual(
            kim_add_working_days(self.env, date(2025, 12, 30), 2), date(2026, 1, 2)
        )
        # § 193 BGB: a deadline ending on a holiday ends the next working day
        self.assertEqual(
            kim_next_working_day(self.env, date(2025, 12, 25)), date(2025, 12, 29)
        )
        self.assertEqual(
            kim_next_working_day(self.env, date(2025, 12, 23)), date(2025, 12, 23)
        )

    def test_user_edited_leave_changes_result(self):
        """C-10: the holidays are data: a holiday the KIM lead adds (a local
        day off, Rosenmontag 2027) or removes changes the deadlines; case
        managers may not change them."""
        start = date(2027, 2, 5)  # Friday
        self.assertEqual(kim_add_working_days(self.env, start, 1), date(2027, 2, 8))
        Leave = self.env["resource.calendar.leaves"].with_user(self.user_lead)
        with self.assertRaises(AccessError):
            self.env.ref("kim_case.holiday_nrw_2027_karfreitag").with_user(
                self.user_cm_a
            ).unlink()
        leave = Leave.create(
            {
                "name": "Rosenmontag 2027",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2027, 2, 7, 23, 0),
                "date_to": datetime(2027, 2, 8, 22, 59, 59),
            }
        )
        self.assertEqual(kim_add_working_days(self.env, start, 1), date(2027, 2, 9))
        leave.unlink()
        self.env.ref("kim_case.holiday_nrw_2027_karfreitag").with_user(
            self.user_lead
        ).unlink()
        self.assertEqual(
            kim_add_working_days(self.env, date(2027, 3, 24), 5), date(2027, 4, 1)
        )

    def test_rules_are_dated_data(self):
        """C-10: a new figure of a deadline applies from its first day; two
        figures for the same days are refused; only the KIM lead edits them."""
        rule = self.env.ref("kim_case.deadline_consent_renewal_alert")
        self.assertEqual((rule.value, rule.unit), (20, "working_days"))
        Rule = self.Rule.with_user(self.user_lead)
        rule.with_user(self.user_lead).valid_to = date(2026, 12, 31)
        Rule.create(
            {
                "key": "consent_renewal_alert",
                "value": 10,
                "unit": "calendar_days",
                "valid_from": date(2027, 1, 1),
            }
        )
        self.assertEqual(
            self.Rule._kim_due_date("consent_renewal_alert", date(2026, 12, 1)),
            kim_add_working_days(self.env, date(2026, 12, 1), 20),
        )
        # 1 January 2027 + 10 days = Monday 11 January
        self.assertEqual(
            self.Rule._kim_due_date("consent_renewal_alert", date(2027, 1, 1)),
            date(2027, 1, 11),
        )
        # calendar days ending on a Sunday end on Monday (§ 193 BGB)
        self.assertEqual(
            self.Rule._kim_due_date("consent_renewal_alert", date(2027, 1, 7)),
            date(2027, 1, 18),
        )
        with self.assertRaises(ValidationError):
            Rule.create(
                {
                    "key": "consent_renewal_alert",
                    "value": 5,
                    "valid_from": date(2027, 6, 1),
                }
            )
        with self.assertRaises(AccessError):
            rule.with_user(self.user_cm_a).value = 5
        self.assertEqual(rule.with_user(self.user_cm_a).value, 20)

    @freeze_time("2026-03-16")
    def test_consent_renewal_days_left(self):
        """C-10: a release shows the working days left until it ends; within
        the renewal lead time (20 working days) it is due for renewal — the
        filter, the field and the alert job agree."""
        client = self._client()
        self._case(client=client)
        # 16 March 2026 (Monday) + 20 working days (Good Friday 3 April and
        # Easter Monday 6 April skipped) = Wednesday 15 April
        soon = self._consent(client, "release", valid_until=date(2026, 4, 14))
        edge = self._consent(client, "release", valid_until=date(2026, 4, 15))
        later = self._consent(client, "release", valid_until=date(2026, 4, 16))
        consents = (soon | edge | later).with_user(self.user_cm_a)
        self.assertEqual(consents.mapped("renewal_days_left"), [19, 20, 21])
        self.assertEqual(consents.mapped("renewal_due"), [True, True, False])
        ended = self._consent(client, "release", valid_until=date(2026, 3, 13))
        self.assertEqual(ended.renewal_days_left, 0)
        self.assertFalse(ended.renewal_due)
        Consent = self.env["kim.consent"].with_user(self.user_cm_a)
        self.assertEqual(
            Consent.search([("renewal_due", "=", True), ("id", "in", consents.ids)]),
            soon | edge,
        )
        self.env["kim.case"]._cron_kim_alerts()
        alerted = self.env["mail.activity"].search(
            [("res_model", "=", "kim.consent"), ("res_id", "in", consents.ids)]
        )
        self.assertEqual(set(alerted.mapped("res_id")), set((soon | edge).ids))
