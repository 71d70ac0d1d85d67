# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user

from .common import KimAbhCommon


@freeze_time("2026-03-02")
class TestAbhRequestFlow(KimAbhCommon):
    def _activities(self, request, user):
        return request.activity_ids.filtered(lambda a: a.user_id == user)

    def test_due_date_from_topic_response_time(self):
        """A-1: the due date is the sending day plus the topic's answer time
        (ten working days); a new figure of the dated rule moves the due date
        of open requests."""
        request = self._request()
        self.assertEqual(request.date_deadline, date(2026, 3, 16))
        self.assertEqual(request.deadline_days_left, 10)
        self.assertEqual(self.topic_residence.response_days, 10)
        rule = self.env.ref("kim_abh.deadline_abh_response_residence")
        rule.with_user(self.user_lead).value = 5
        self.assertEqual(request.date_deadline, date(2026, 3, 9))
        # the authority staff get an activity due that day
        activity = self._activities(request, self.user_abh)
        self.assertEqual(activity.date_deadline, date(2026, 3, 16))
        # issue #18: of the KIM type "authority answer due", once per person
        self.assertEqual(len(activity), 1)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("kim_abh.mail_activity_type_abh_answer_due"),
        )

    def test_due_date_skips_easter_2027(self):
        """A-1: ten working days from Wednesday 24 March 2027 skip Good Friday
        and Easter Monday: due Friday 9 April (Wednesday 7 April without the
        holidays); list and form show the working days left, the overdue
        filter and the warning job use the same due date."""
        with freeze_time("2027-03-24"):
            request = self._request(date_request=date(2027, 3, 24))
            self.assertEqual(request.date_deadline, date(2027, 4, 9))
            self.assertEqual(request.deadline_days_left, 10)
        with freeze_time("2027-04-09"):
            request.invalidate_recordset(["is_overdue", "deadline_days_left"])
            self.assertFalse(request.is_overdue)
            self.assertEqual(request.deadline_days_left, 0)
        Request = self.env["kim.abh.request"]
        with freeze_time("2027-04-12"):
            request.invalidate_recordset(["is_overdue", "deadline_days_left"])
            self.assertTrue(request.is_overdue)
            self.assertEqual(request.deadline_days_left, -1)
            self.assertIn(request, Request.search([("is_overdue", "=", True)]))
            Request._cron_overdue()
        self.assertTrue(request.overdue_notified)

    def test_edited_holiday_moves_due_date(self):
        """A-1: the public holidays are data: when the administrator removes
        Good Friday 2027 from the calendar, open requests fall due a day
        earlier; a done request keeps its due date."""
        open_request = self._request(date_request=date(2027, 3, 24))
        done = self._request(date_request=date(2027, 3, 24))
        self.env["kim.abh.request"].browse(done.id).state = "done"
        admin = new_test_user(
            self.env,
            login="kim_test_holiday_admin",
            groups="base.group_user,base.group_erp_manager",
        )
        self.env.ref("kim_case.holiday_nrw_2027_karfreitag").with_user(admin).unlink()
        self.assertEqual(open_request.date_deadline, date(2027, 4, 8))
        self.assertEqual(done.date_deadline, date(2027, 4, 9))

    def test_full_flow_with_question_back_and_decision(self):
        """A-1: new → in progress → question → in progress → decided → done."""
        request = self._request()
        as_abh = request.with_user(self.user_abh)
        as_abh.action_start()
        self.assertEqual(request.state, "in_progress")
        self.assertEqual(request.authority_user_id, self.user_abh)
        with self.assertRaises(UserError):
            as_abh.action_ask_back()  # no question written
        as_abh.authority_question = "Liegt ein Ausbildungsvertrag vor?"
        as_abh.action_ask_back()
        self.assertEqual(request.state, "question")
        self.assertTrue(self._activities(request, self.user_cm_a))
        as_cm = request.with_user(self.user_cm_a)
        with self.assertRaises(UserError):
            as_cm.action_done()
        as_cm.reply = "Ja, ab 1. August."
        as_cm.action_reply()
        self.assertEqual(request.state, "in_progress")
        with self.assertRaises(UserError):
            as_abh.action_decide()  # no decision chosen
        as_abh.decision = "positive"
        as_abh.action_decide()
        self.assertEqual(request.state, "decided")
        self.assertEqual(request.decision_date, date(2026, 3, 2))
        as_cm.action_done()
        self.assertEqual(request.state, "done")
        with self.assertRaises(UserError):
            as_abh.action_answer()

    def test_answer_needs_text(self):
        """A-1: an answer without text is refused; with text the case manager
        gets an activity and reads the answer."""
        request = self._request()
        as_abh = request.with_user(self.user_abh)
        with self.assertRaises(UserError):
            as_abh.action_answer()
        self.assertEqual(request.state, "new")
        as_abh.answer = "<p>Eine Duldung nach § 60d ist möglich.</p>"
        as_abh.action_answer()
        self.assertEqual(request.state, "answered")
        as_cm = request.with_user(self.user_cm_a)
        self.assertIn("60d", as_cm.answer)
        self.assertTrue(self._activities(request, self.user_cm_a))

    def test_overdue_cron(self):
        """A-1: overdue open requests get one warning activity."""
        request = self._request(date_request=date(2026, 2, 1))
        done = self._request()
        self.assertTrue(request.is_overdue)
        self.assertFalse(done.is_overdue)
        Request = self.env["kim.abh.request"]
        self.assertEqual(Request.search([("is_overdue", "=", True)]), request)
        before = len(request.activity_ids)
        Request._cron_overdue()
        self.assertEqual(len(request.activity_ids), before + 1)
        self.assertTrue(request.overdue_notified)
        Request._cron_overdue()
        self.assertEqual(len(request.activity_ids), before + 1)

    def test_case_discussion_creates_event(self):
        """A-1: a case discussion request creates a calendar event with the case
        manager and the authority staff; its title carries no client data."""
        self._consent(
            self.client,
            "release",
            recipient_id=self.org_abh.id,
            data_category_ids=[
                self.cat_master.id,
                self.cat_residence.id,
                self.env.ref("kim_case.dcat_case").id,
            ],
        )
        with self.assertRaises(ValidationError):
            self._request(topic=self.topic_discussion)
        request = self._request(
            topic=self.topic_discussion, meeting_start=datetime(2026, 3, 10, 9, 0)
        )
        event = request.event_id
        self.assertTrue(event)
        self.assertEqual(
            event.partner_ids,
            self.user_cm_a.partner_id | self.user_abh.partner_id,
        )
        self.assertNotIn("Samir", event.name)
        self.assertTrue(event.with_user(self.user_abh).has_access("read"))

    def test_exchange_meeting_with_minutes(self):
        """A-3: regular exchange meetings of Baustein 1/2 and 3 with minutes."""
        event = (
            self.env["calendar.event"]
            .with_user(self.user_cm_a)
            .create(
                {
                    "name": "Austausch KIM – ABH",
                    "start": datetime(2026, 3, 12, 10, 0),
                    "stop": datetime(2026, 3, 12, 11, 0),
                    "kim_abh_exchange": True,
                    "kim_abh_minutes": "<p>Schnittstellenkonzept besprochen.</p>",
                    "partner_ids": [
                        (4, self.user_cm_a.partner_id.id),
                        (4, self.user_abh.partner_id.id),
                    ],
                }
            )
        )
        found = (
            self.env["calendar.event"]
            .with_user(self.user_abh)
            .search([("kim_abh_exchange", "=", True)])
        )
        self.assertIn(event, found)
        self.assertIn(
            "Schnittstellenkonzept", event.with_user(self.user_abh).kim_abh_minutes
        )
