# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon


class TestHolidayCover(KimCaseCommon):
    """C-12 (issue #21): one wizard gives a case manager's cases to
    substitutes for a date range; activities follow for the range; the cover
    ends by itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = kim_today(cls.env["kim.case"])
        cls.user_cm_c = cls._kim_user(
            "cm_c", "kim_case.group_kim_case_manager", cls.org_ki
        )
        cls.cases = cls._case() | cls._case() | cls._case()
        cls.closed = cls._case()
        cls.closed.action_close()
        cls.Cover = cls.env["kim.case.cover"]

    def _cover(self, user, **values):
        return self.Cover.with_user(user).create(
            {
                "user_id": self.user_cm_a.id,
                "substitute_ids": [Command.set(self.user_cm_b.ids)],
                "date_from": self.today,
                "date_to": self.today + timedelta(days=14),
            }
            | values
        )

    def _todo(self, case, days):
        return case.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.today + timedelta(days=days),
            user_id=self.user_cm_a.id,
        )

    def test_cover_by_coordinator_gives_open_cases_and_activities(self):
        """C-12: the coordinator covers all open cases of a colleague; the
        substitute (another employer) reads them and holds the activities due
        in the range, not those due after it."""
        in_range = self._todo(self.cases[0], 3)
        after = self._todo(self.cases[0], 30)
        cover = self._cover(self.user_coordination)
        self.assertEqual(cover.case_ids, self.cases)  # the closed one is left out
        cover.action_confirm()
        subs = self.env["kim.case.substitute"].search(
            [("case_id", "in", self.cases.ids)]
        )
        self.assertEqual(len(subs), 3)
        self.assertTrue(all(subs.mapped("is_active")))
        self.assertEqual(
            self.env["kim.case"]
            .with_user(self.user_cm_b)
            .search([("id", "in", self.cases.ids)]),
            self.cases,
        )
        self.assertEqual(in_range.user_id, self.user_cm_b)
        self.assertEqual(in_range.kim_original_user_id, self.user_cm_a)
        self.assertEqual(after.user_id, self.user_cm_a)

    def test_cover_ends_by_itself(self):
        """C-12: after its last day the hourly job takes the cases from the
        substitute, who then reads nothing; the activities go back."""
        activity = self._todo(self.cases[1], 2)
        self._cover(self.user_coordination).action_confirm()
        self.assertEqual(activity.user_id, self.user_cm_b)
        with freeze_time(self.today + timedelta(days=15, hours=12)):
            self.env["kim.case.substitute"]._cron_refresh_active()
            self.env.invalidate_all()
            self.assertFalse(
                self.env["kim.case"]
                .with_user(self.user_cm_b)
                .search([("id", "in", self.cases.ids)])
            )
            with self.assertRaises(AccessError):
                self.cases[1].with_user(self.user_cm_b).read(["name"])
        self.assertEqual(activity.user_id, self.user_cm_a)
        self.assertFalse(activity.kim_substitute_id)

    def test_cover_starting_later(self):
        """C-12: a cover planned ahead gives nothing before its first day and
        hands over on that day."""
        activity = self._todo(self.cases[0], 10)
        self._cover(
            self.user_cm_a,
            date_from=self.today + timedelta(days=5),
            date_to=self.today + timedelta(days=12),
        ).action_confirm()
        self.assertEqual(activity.user_id, self.user_cm_a)
        self.assertFalse(
            self.env["kim.case"]
            .with_user(self.user_cm_b)
            .search([("id", "in", self.cases.ids)])
        )
        with freeze_time(self.today + timedelta(days=5, hours=12)):
            self.env["kim.case.substitute"]._cron_refresh_active()
            self.env.invalidate_all()
            self.assertEqual(activity.user_id, self.user_cm_b)

    def test_several_substitutes_in_turn(self):
        """C-12: with two substitutes the cases are shared out in turn."""
        self._cover(
            self.user_coordination,
            substitute_ids=[Command.set((self.user_cm_b | self.user_cm_c).ids)],
        ).action_confirm()
        subs = self.env["kim.case.substitute"].search(
            [("case_id", "in", self.cases.ids)]
        )
        self.assertEqual(
            sorted(
                len(subs.filtered(lambda s, u=u: s.user_id == u)) for u in subs.user_id
            ),
            [1, 2],
        )

    def test_cover_refused(self):
        """X-1 / C-12: a case manager of another employer cannot give away a
        colleague's cases, finance has no cover at all; bad dates and the
        absent person as substitute are refused; nothing is created."""
        # RPC naming the cases outright: refused at confirming
        with self.assertRaises(AccessError):
            self._cover(
                self.user_cm_b, case_ids=[Command.set(self.cases.ids)]
            ).action_confirm()
        # through the dialog, none of them is even offered
        self.assertFalse(self._cover(self.user_cm_b).case_ids)
        with self.assertRaises(AccessError):
            self._cover(self.user_finance)
        with self.assertRaises(ValidationError):
            self._cover(
                self.user_coordination,
                date_to=self.today - timedelta(days=1),
            )
        with self.assertRaises(ValidationError):
            self._cover(
                self.user_coordination,
                substitute_ids=[Command.set(self.user_cm_a.ids)],
            )
        with self.assertRaises(ValidationError):
            self._cover(
                self.user_coordination, case_ids=[Command.set(self.closed.ids)]
            ).action_confirm()
        self.assertFalse(
            self.env["kim.case.substitute"].search([("case_id", "in", self.cases.ids)])
        )
