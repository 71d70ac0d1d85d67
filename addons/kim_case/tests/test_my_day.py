# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon


class TestMyDay(KimCaseCommon):
    """Issue #21 (C-5, C-8, C-10, C-12): every KIM role lands on its work;
    "My day" counts what is due, as the user's own record rules allow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = kim_today(cls.env["kim.case"])
        cls.my_day = cls.env.ref("kim_case.action_kim_my_day")
        cls.Tile = cls.env["kim.day.tile"]

    def _tile(self, user, key, scope="own"):
        tile = self.Tile.with_user(user).search(
            [("tile_key", "=", key), ("scope", "=", scope)]
        )
        self.assertEqual(len(tile), 1, f"{user.login} sees one {scope} tile {key}")
        tile.invalidate_recordset(["count"])
        return tile

    def _closing_case(self, user, in_days=6, **values):
        """A case the nightly job closes in ``in_days`` days (C-8)."""
        months = self.type_cm.inactivity_months
        start = self.today - relativedelta(months=months) + timedelta(days=in_days - 1)
        case = self._case(user=user, first_contact_date=start, **values)
        # calendar months: a day more or less at the ends of months
        days = (case.auto_close_date - self.today).days
        self.assertLessEqual(abs(days - in_days), 3)
        return case

    # ------------------------------------------------------------ home
    def test_home_action_per_role(self):
        """Issue #21: case managers and coordinators land on My day; users
        without a KIM role keep Odoo's default (nothing changes for them)."""
        self.assertEqual(self.user_cm_a.action_id.id, self.my_day.id)
        self.assertEqual(self.user_coordination.action_id.id, self.my_day.id)
        other = new_test_user(
            self.env, login="kim_test_other", groups="base.group_user"
        )
        self.assertFalse(other.action_id)
        self.assertFalse(self.user_portal.action_id)
        # Odoo's administrator keeps Odoo's home (other apps' tours start there)
        self.assertFalse(self.env.ref("base.user_admin").action_id)
        sysadmin = new_test_user(
            self.env,
            login="kim_test_sysadmin_home",
            groups="base.group_user,base.group_system,kim_case.group_kim_lead",
        )
        self.assertFalse(sysadmin.action_id)

    def test_home_follows_role_and_keeps_admin_choice(self):
        """Issue #21: a role given later brings the home, a role taken away
        takes it; a home the administrator chose is kept."""
        user = new_test_user(self.env, login="kim_test_later", groups="base.group_user")
        cm_group = self.env.ref("kim_case.group_kim_case_manager")
        user.write({"groups_id": [Command.link(cm_group.id)]})
        self.assertEqual(user.action_id.id, self.my_day.id)
        user.write({"groups_id": [Command.unlink(cm_group.id)]})
        self.assertFalse(user.action_id)
        # added on the group's form
        cm_group.write({"users": [Command.link(user.id)]})
        self.assertEqual(user.action_id.id, self.my_day.id)
        chosen = self.env.ref("kim_case.kim_case_action")
        user.write({"action_id": chosen.id})
        user.write({"groups_id": [Command.unlink(cm_group.id)]})
        self.assertEqual(user.action_id.id, chosen.id)

    def test_my_day_action_shows_own_roles_tiles(self):
        """Issue #21: the server action opens the tiles of the user's roles."""
        action = self.Tile.with_user(self.user_cm_a).action_kim_my_day()
        tiles = self.Tile.with_user(self.user_cm_a).search(action["domain"])
        self.assertEqual(set(tiles.mapped("scope")), {"own"})
        self.assertEqual(len(tiles), 6)
        team = self.Tile.with_user(self.user_coordination).search([])
        self.assertEqual(set(team.mapped("scope")), {"team"})

    def test_tiles_refused_to_other_roles(self):
        """Issue #21 / X-1: finance, the authority and the steering group
        read no tiles; a case manager sees no team tile and edits none."""
        for user in (self.user_finance, self.user_authority, self.user_steering):
            with self.assertRaises(AccessError):
                self.Tile.with_user(user).search([])
        own = self._tile(self.user_cm_a, "cases_closing")
        self.assertFalse(
            self.Tile.with_user(self.user_cm_a).search([("scope", "=", "team")])
        )
        with self.assertRaises(AccessError):
            own.write({"horizon_days": 90})
        # the lead configures the tiles
        own.with_user(self.user_lead).write({"horizon_days": 21})
        self.assertEqual(own.horizon_days, 21)

    # ------------------------------------------------------------ counts
    def test_own_tiles_count_own_cases_only(self):
        """C-8, C-10: closing cases and expiring releases of the user's own
        cases; a colleague's of another employer are not counted."""
        mine = self._closing_case(self.user_cm_a)
        self._closing_case(self.user_cm_b)
        self._closing_case(self.user_cm_a, in_days=40)  # beyond 14 days
        closing = self._tile(self.user_cm_a, "cases_closing")
        self.assertEqual(closing.count, 1)
        action = closing.action_open()
        self.assertEqual(
            self.env["kim.case"].with_user(self.user_cm_a).search(action["domain"]),
            mine,
        )
        self.assertEqual(self._tile(self.user_cm_b, "cases_closing").count, 1)

        self._consent(
            mine.partner_id,
            "release",
            case_id=mine.id,
            valid_from=self.today - timedelta(days=300),
            valid_until=self.today + timedelta(days=10),
        )
        self._consent(
            mine.partner_id,
            "release",
            case_id=mine.id,
            valid_from=self.today - timedelta(days=300),
            valid_until=self.today + timedelta(days=90),
        )
        self.assertEqual(self._tile(self.user_cm_a, "consents_expiring").count, 1)
        self.assertEqual(self._tile(self.user_cm_b, "consents_expiring").count, 0)

    def test_substitute_counts_covered_cases_in_range_only(self):
        """C-12: a substitute's day holds the covered case while the
        substitution runs, and nothing after it ended."""
        case = self._closing_case(self.user_cm_a)
        sub = self.env["kim.case.substitute"].create(
            {
                "case_id": case.id,
                "user_id": self.user_cm_b.id,
                "date_from": self.today,
                "date_to": self.today + timedelta(days=7),
            }
        )
        self.assertEqual(self._tile(self.user_cm_b, "cases_closing").count, 1)
        sub.write(
            {
                "date_from": self.today - timedelta(days=10),
                "date_to": self.today - timedelta(days=1),
            }
        )
        self.env.invalidate_all()
        self.assertEqual(self._tile(self.user_cm_b, "cases_closing").count, 0)

    def test_team_tiles_count_districts_of_the_coordinator(self):
        """Issue #21: the coordinator's day counts the team's cases (their
        districts), not those of another district."""
        self._closing_case(self.user_cm_a)
        self._closing_case(self.user_cm_b)
        self._closing_case(self.user_cm_a, district_id=self.district_south.id)
        self.assertEqual(
            self._tile(self.user_coordination, "cases_closing", "team").count, 2
        )

    def test_appointments_today(self):
        """C-5: today's appointments of the user (Europe/Berlin day)."""
        case = self._case()
        day = datetime.combine(self.today, time(9, 0))
        Event = self.env["calendar.event"]
        Event.create(
            [
                {
                    "name": "Beratung",
                    "start": day,
                    "stop": day + timedelta(hours=1),
                    "partner_ids": [Command.set(self.user_cm_a.partner_id.ids)],
                    "kim_case_id": case.id,
                },
                {
                    "name": "Beratung morgen",
                    "start": day + timedelta(days=1),
                    "stop": day + timedelta(days=1, hours=1),
                    "partner_ids": [Command.set(self.user_cm_a.partner_id.ids)],
                },
            ]
        )
        self.assertEqual(self._tile(self.user_cm_a, "appointments_today").count, 1)
        self.assertEqual(self._tile(self.user_cm_b, "appointments_today").count, 0)

    def test_activities_and_inquiries(self):
        """C-5, C-1: due activities of the user and unassigned inquiries."""
        case = self._case()
        case.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.today - timedelta(days=1),
            user_id=self.user_cm_a.id,
        )
        case.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.today + timedelta(days=5),
            user_id=self.user_cm_a.id,
        )
        self.assertEqual(self._tile(self.user_cm_a, "activities_due").count, 1)
        team = self.env.ref("kim_case.crm_team_kim_intake")
        before = self._tile(self.user_cm_a, "new_inquiries").count
        self.env["crm.lead"].create(
            {
                "name": "Anfrage",
                "type": "opportunity",
                "team_id": team.id,
                "kim_employer_id": self.org_ki.id,
                "user_id": False,
            }
        )
        self.assertEqual(self._tile(self.user_cm_a, "new_inquiries").count, before + 1)

    # ------------------------------------------------------ keep open (C-8)
    def test_keep_open_starts_fresh_period(self):
        """C-8: one click from the warning: a reason keeps the case open for
        a fresh period; an empty reason is refused, changing nothing."""
        case = self._closing_case(self.user_cm_a)
        action = case.with_user(self.user_cm_a).action_kim_keep_open()
        self.assertEqual(action["res_model"], "kim.case.keep.open")
        with self.assertRaises(UserError):
            case.with_user(self.user_cm_a)._kim_keep_open("  ")
        self.assertFalse(case.keep_open_date)
        wizard = (
            self.env["kim.case.keep.open"]
            .with_user(self.user_cm_a)
            .create({"case_id": case.id, "reason": "Klientin im Krankenhaus"})
        )
        wizard.action_confirm()
        self.assertEqual(case.keep_open_date, self.today)
        self.assertEqual(
            case.auto_close_date,
            self.today + relativedelta(months=self.type_cm.inactivity_months, days=1),
        )
        self.assertEqual(self._tile(self.user_cm_a, "cases_closing").count, 0)
        self.assertFalse(
            self.env["kim.case"].search(
                self.env["kim.case"]._kim_auto_close_domain(
                    self.today + timedelta(days=14)
                )
                + [("id", "=", case.id)]
            )
        )

    def test_keep_open_refused_for_foreign_case(self):
        """X-1: a case manager of another employer cannot keep a case open
        (RPC on the dialog included)."""
        case = self._closing_case(self.user_cm_a)
        with self.assertRaises(AccessError):
            self.env["kim.case.keep.open"].with_user(self.user_cm_b).create(
                {"case_id": case.id, "reason": "x"}
            )
        with self.assertRaises(AccessError):
            case.with_user(self.user_cm_b).action_kim_keep_open()
        with self.assertRaises(AccessError):
            case.with_user(self.user_coordination).action_kim_record_contact()
        self.assertFalse(case.keep_open_date)

    def test_record_contact_from_warning(self):
        """C-8: recording a contact from the list ends the warning."""
        case = self._closing_case(self.user_cm_a)
        action = case.with_user(self.user_cm_a).action_kim_record_contact()
        Contact = (
            self.env["kim.case.contact"]
            .with_user(self.user_cm_a)
            .with_context(**action["context"])
        )
        Contact.create({"channel": "phone"})
        self.assertEqual(case.last_contact_date, self.today)
        self.assertEqual(self._tile(self.user_cm_a, "cases_closing").count, 0)


class TestAppointmentContact(KimCaseCommon):
    """Issue #21 (C-5, C-8): an appointment of a case, marked as held,
    records the contact in one step; a no-show is recorded too, but keeps no
    case open."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = kim_today(cls.env["kim.case"])

    def _event(self, case, day, **values):
        # 08:00 UTC is 09:00 or 10:00 in Europe/Berlin, the same day
        start = datetime.combine(day, time(8, 0))
        return self.env["calendar.event"].create(
            {
                "name": "Beratungstermin",
                "start": start,
                "stop": start + timedelta(minutes=90),
                "kim_case_id": case.id,
                "partner_ids": [
                    Command.set((self.user_cm_a.partner_id | case.partner_id).ids)
                ],
            }
            | values
        )

    def test_held_records_contact_once(self):
        case = self._case()
        event = self._event(case, self.today)
        event.with_user(self.user_cm_a).action_kim_contact_held()
        contact = case.contact_ids
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact.event_id, event)
        self.assertEqual(contact.outcome, "held")
        self.assertEqual(contact.date, self.today)
        self.assertAlmostEqual(contact.duration, 1.5)
        self.assertEqual(contact.channel, "in_person")
        self.assertEqual(contact.participant_ids, event.partner_ids)
        self.assertEqual(contact.user_id, self.user_cm_a)
        self.assertEqual(case.last_contact_date, self.today)
        self.assertEqual(event.kim_contact_outcome, "held")
        with self.assertRaises(UserError):
            event.with_user(self.user_cm_a).action_kim_contact_no_show()
        self.assertEqual(len(case.contact_ids), 1)

    def test_no_show_keeps_inactivity_period(self):
        """C-8: a missed appointment does not reset the inactivity period."""
        months = self.type_cm.inactivity_months
        start = self.today - relativedelta(months=months) + timedelta(days=3)
        case = self._case(first_contact_date=start)
        closes_on = case.auto_close_date
        event = self._event(case, self.today - timedelta(days=1))
        event.with_user(self.user_cm_a).action_kim_contact_no_show()
        self.assertEqual(case.contact_ids.outcome, "no_show")
        self.assertFalse(case.contact_ids.duration)
        self.assertFalse(case.last_contact_date)
        self.assertEqual(case.auto_close_date, closes_on)

    def test_future_and_foreign_appointments_refused(self):
        """C-8 / X-1: an appointment still to come cannot be marked held; a
        case manager of another employer cannot mark one of a foreign case;
        nothing is recorded."""
        case = self._case()
        future = self._event(case, self.today + timedelta(days=1))
        with self.assertRaises(UserError):
            future.with_user(self.user_cm_a).action_kim_contact_held()
        past = self._event(case, self.today)
        with self.assertRaises(AccessError):
            past.with_user(self.user_cm_b).action_kim_contact_held()
        # coordination supervises, it does not record contacts
        with self.assertRaises(AccessError):
            past.with_user(self.user_coordination).action_kim_contact_held()
        self.assertFalse(case.contact_ids)

    def test_other_apps_unchanged(self):
        """Odoo's other apps: a user without a KIM role neither sees the
        contact fields on events nor lands on a KIM home."""
        other = new_test_user(self.env, login="kim_test_cal", groups="base.group_user")
        fields = self.env["calendar.event"].with_user(other).fields_get()
        self.assertNotIn("kim_contact_outcome", fields)
        self.assertNotIn("kim_contact_ids", fields)
        event = (
            self.env["calendar.event"]
            .with_user(other)
            .create(
                {
                    "name": "Teamsitzung",
                    "start": datetime.combine(self.today, time(8, 0)),
                    "stop": datetime.combine(self.today, time(9, 0)),
                }
            )
        )
        with self.assertRaises(UserError):
            event.action_kim_contact_held()


class TestLanguageMediation(KimCaseCommon):
    """X-4 (issue #21): interpreters are partners with languages; each
    mediated contact records who mediated and in which language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = kim_today(cls.env["kim.case"])
        cls.arabic = cls.env["kim.language"].search([("code", "=", "ar")], limit=1)
        cls.interpreter = cls.env["res.partner"].create(
            {
                "name": "Samir Dolmetscher",
                "kim_is_interpreter": True,
                "kim_mediation_language_ids": [Command.set(cls.arabic.ids)],
                "kim_mediation_hourly_rate": 45.0,
            }
        )
        cls.client = cls._client(
            "Layla Testperson",
            kim_needs_interpreter=True,
            kim_interpreter_language_id=cls.arabic.id,
            kim_language_ids=[Command.set(cls.arabic.ids)],
        )

    def test_contact_with_interpreter_records_language(self):
        """X-4: naming the interpreter marks the contact as mediated in the
        client's mediation language."""
        self.assertTrue(self.arabic)
        case = self._case(client=self.client)
        contact = (
            self.env["kim.case.contact"]
            .with_user(self.user_cm_a)
            .create({"case_id": case.id, "interpreter_id": self.interpreter.id})
        )
        self.assertTrue(contact.interpreter_used)
        self.assertEqual(contact.mediation_language_id, self.arabic)
        # the case shows the need at the top
        case_as_cm = case.with_user(self.user_cm_a)
        self.assertTrue(case_as_cm.kim_needs_interpreter)
        self.assertEqual(case_as_cm.kim_interpreter_language_id, self.arabic)
        self.assertEqual(case_as_cm.kim_client_language_ids, self.arabic)

    def test_appointment_with_interpreter(self):
        """X-4: an appointment booked with the interpreter becomes a mediated
        contact when held."""
        case = self._case(client=self.client)
        start = datetime.combine(self.today, time(8, 0))
        event = self.env["calendar.event"].create(
            {
                "name": "Beratung mit Sprachmittlung",
                "start": start,
                "stop": start + timedelta(hours=1),
                "kim_case_id": case.id,
                "partner_ids": [
                    Command.set((self.user_cm_a.partner_id | self.interpreter).ids)
                ],
            }
        )
        event.with_user(self.user_cm_a).action_kim_contact_held()
        contact = case.contact_ids
        self.assertEqual(contact.interpreter_id, self.interpreter)
        self.assertTrue(contact.interpreter_used)
        self.assertEqual(contact.mediation_language_id, self.arabic)

    def test_case_language_fields_for_case_staff_only(self):
        """X-1: the client's languages on the case are client data: finance
        and portal users do not get these fields."""
        for user in (self.user_finance, self.user_portal):
            fields = self.env["kim.case"].with_user(user).fields_get()
            self.assertNotIn("kim_needs_interpreter", fields)

    def test_interpreter_directory_for_kim_staff_only(self):
        """Odoo's other apps: employees without a KIM role see neither the
        interpreters' rates nor the mediation filter in Contacts."""
        other = new_test_user(
            self.env, login="kim_test_contacts", groups="base.group_user"
        )
        Partner = self.env["res.partner"].with_user(other)
        self.assertNotIn("kim_mediation_hourly_rate", Partner.fields_get())
        arch = Partner.get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertNotIn("kim_interpreters", arch)
        arch_cm = (
            self.env["res.partner"]
            .with_user(self.user_cm_a)
            .get_views([(False, "search")])["views"]["search"]["arch"]
        )
        self.assertIn("kim_interpreters", arch_cm)
        self.assertIn(
            "kim_mediation_hourly_rate",
            self.env["res.partner"].with_user(self.user_finance).fields_get(),
        )
