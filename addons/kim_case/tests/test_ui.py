# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.kim_case.tools import kim_today


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_menu_tour_german_case_manager(self):
        """X-3: a case manager logs in, the UI is German, the KIM menu opens."""
        self.env["res.lang"]._activate_lang("de_DE")
        employer = self.env["res.partner"].create(
            {"name": "KI Tourkreis", "is_company": True, "kim_is_employer": True}
        )
        new_test_user(
            self.env,
            login="kim_tour_cm",
            groups="base.group_user,kim_case.group_kim_case_manager",
            lang="de_DE",
            kim_employer_id=employer.id,
        )
        self.start_tour("/odoo", "kim_case_menu_tour", login="kim_tour_cm")

    def test_my_day_tour_case_manager(self):
        """Issue #21 (C-8): a case manager lands on My day and keeps a case
        from closing automatically from the warning tile (one click + reason)."""
        self.env["res.lang"]._activate_lang("de_DE")
        employer = self.env["res.partner"].create(
            {"name": "KI Tourkreis", "is_company": True, "kim_is_employer": True}
        )
        user = new_test_user(
            self.env,
            login="kim_tour_day",
            groups="base.group_user,kim_case.group_kim_case_manager",
            lang="de_DE",
            tz="Europe/Berlin",
            kim_employer_id=employer.id,
        )
        case_type = self.env.ref("kim_case.case_type_cm")
        today = kim_today(self.env["kim.case"])
        case = self.env["kim.case"].create(
            {
                "name": "Tourfall 1",
                "partner_id": self.env["res.partner"]
                .create({"name": "Tour Klientin", "kim_is_client": True})
                .id,
                "user_id": user.id,
                "employer_id": employer.id,
                "type_id": case_type.id,
                "first_contact_date": today
                - relativedelta(months=case_type.inactivity_months)
                + timedelta(days=5),
            }
        )
        self.assertTrue(case.auto_close_date)
        self.start_tour("/odoo", "kim_case_my_day_tour", login="kim_tour_day")
        self.assertEqual(case.keep_open_date, today)
        self.assertEqual(
            case.keep_open_reason, "Klientin im Krankenhaus, Kontakt geplant"
        )

    def test_cover_tour_coordinator(self):
        """Issue #21 (C-12): a coordinator sets up holiday cover for a
        colleague in one dialog; the cover ends by itself after its range."""
        self.env["res.lang"]._activate_lang("de_DE")
        employer = self.env["res.partner"].create(
            {"name": "KI Tourkreis", "is_company": True, "kim_is_employer": True}
        )
        groups_cm = "base.group_user,kim_case.group_kim_case_manager"
        absent, substitute = (
            new_test_user(
                self.env,
                login=login,
                name=name,
                groups=groups_cm,
                lang="de_DE",
                tz="Europe/Berlin",
                kim_employer_id=employer.id,
            )
            for login, name in (
                ("kim_tour_absent", "Tour Fallmanagerin"),
                ("kim_tour_sub", "Tour Vertretung"),
            )
        )
        coordinator = new_test_user(
            self.env,
            login="kim_tour_coord",
            groups="base.group_user,kim_case.group_kim_coordination",
            lang="de_DE",
            tz="Europe/Berlin",
            kim_employer_id=employer.id,
        )
        district = self.env["kim.district"].create(
            {"name": "Tourbezirk", "coordinator_ids": [Command.set(coordinator.ids)]}
        )
        cases = self.env["kim.case"].create(
            [
                {
                    "name": f"Tourfall {number}",
                    "partner_id": self.env["res.partner"]
                    .create({"name": f"Tour Klient {number}", "kim_is_client": True})
                    .id,
                    "user_id": absent.id,
                    "employer_id": employer.id,
                    "district_id": district.id,
                    "type_id": self.env.ref("kim_case.case_type_cm").id,
                }
                for number in (1, 2)
            ]
        )
        self.start_tour("/odoo", "kim_case_cover_tour", login="kim_tour_coord")
        subs = self.env["kim.case.substitute"].search([("case_id", "in", cases.ids)])
        self.assertEqual(subs.user_id, substitute)
        self.assertTrue(all(subs.mapped("is_active")))
        today = kim_today(self.env["kim.case"])
        self.assertEqual(set(subs.mapped("date_to")), {today + timedelta(days=7)})
        self.assertEqual(
            self.env["kim.case"]
            .with_user(substitute)
            .search_count([("id", "in", cases.ids)]),
            2,
        )
        with freeze_time(today + timedelta(days=8, hours=12)):
            self.env["kim.case.substitute"]._cron_refresh_active()
            self.env.invalidate_all()
            self.assertFalse(
                self.env["kim.case"]
                .with_user(substitute)
                .search_count([("id", "in", cases.ids)])
            )

    def test_appointment_tour_case_manager(self):
        """Issue #21 (C-5, C-8): a case manager opens yesterday's appointment
        of a case, marks it as held and sees the contact recorded."""
        self.env["res.lang"]._activate_lang("de_DE")
        employer = self.env["res.partner"].create(
            {"name": "KI Tourkreis", "is_company": True, "kim_is_employer": True}
        )
        user = new_test_user(
            self.env,
            login="kim_tour_appt",
            groups="base.group_user,kim_case.group_kim_case_manager",
            lang="de_DE",
            tz="Europe/Berlin",
            kim_employer_id=employer.id,
        )
        case = self.env["kim.case"].create(
            {
                "name": "Tourfall 1",
                "partner_id": self.env["res.partner"]
                .create({"name": "Tour Klientin", "kim_is_client": True})
                .id,
                "user_id": user.id,
                "employer_id": employer.id,
                "type_id": self.env.ref("kim_case.case_type_cm").id,
            }
        )
        yesterday = kim_today(self.env["kim.case"]) - timedelta(days=1)
        # 08:00 UTC is 09:00 or 10:00 in Europe/Berlin, the same day
        start = datetime.combine(yesterday, time(8, 0))
        event = self.env["calendar.event"].create(
            {
                "name": "Beratungstermin",
                "start": start,
                "stop": start + timedelta(minutes=60),
                "user_id": user.id,
                "kim_case_id": case.id,
                "partner_ids": [Command.set((user.partner_id | case.partner_id).ids)],
            }
        )
        self.assertFalse(case.contact_ids)
        self.start_tour(
            f"/odoo/kim-cases/{case.id}",
            "kim_case_appointment_tour",
            login="kim_tour_appt",
        )
        contact = self.env["kim.case.contact"].search([("event_id", "=", event.id)])
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact, case.contact_ids)
        self.assertEqual(contact.outcome, "held")
        self.assertEqual(contact.date, yesterday)
        self.assertAlmostEqual(contact.duration, 1.0)
        self.assertEqual(contact.user_id, user)
        self.assertEqual(contact.participant_ids, event.partner_ids)
