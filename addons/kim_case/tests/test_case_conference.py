# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import KimCaseCommon


class TestCaseConference(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client("Amina Testperson")
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)
        Partner = cls.env["res.partner"]
        cls.jobcenter_person = Partner.create(
            {"name": "Herr Vermittler", "parent_id": cls.org_jobcenter.id}
        )
        cls.mbe_person = Partner.create(
            {"name": "Frau Beraterin", "parent_id": cls.org_mbe.id}
        )
        cls.ki_colleague = Partner.create(
            {"name": "Kollegin KI", "parent_id": cls.org_ki.id}
        )
        cls.Event = cls.env["calendar.event"]

    def _plan_conference(self, user, case, partners):
        """Create the event the way the "Case Conference" button does."""
        action = case.with_user(user).action_kim_case_conference()
        self.assertEqual(action["res_model"], "calendar.event")
        return (
            self.Event.with_user(user)
            .with_context(**action["context"])
            .create(
                {
                    "start": "2026-04-01 09:00:00",
                    "stop": "2026-04-01 10:30:00",
                    "partner_ids": [Command.set((user.partner_id | partners).ids)],
                }
            )
        )

    def test_conference_from_the_case(self):
        """C-9: the "Case Conference" button opens a new event prefilled with
        the case; colleagues of the own organisation need no release."""
        event = self._plan_conference(self.user_cm_a, self.case_a, self.ki_colleague)
        self.assertEqual(event.kim_case_id, self.case_a)
        self.assertIn(self.case_a.name, event.name)
        self.assertEqual(event.privacy, "private")
        self.assertEqual(self.case_a.conference_count, 1)
        self.assertEqual(
            self.case_a.with_user(self.user_cm_a).action_kim_view_conferences()[
                "domain"
            ],
            [("kim_case_id", "=", self.case_a.id)],
        )

    def test_external_participants_need_a_release(self):
        """C-9 / C-10: participants of an outside organisation need a valid
        release of the client covering that organisation; otherwise refusal and
        nothing is written, also when adding them later."""
        with self.assertRaisesRegex(UserError, "Jobcenter Testkreis"):
            self._plan_conference(self.user_cm_a, self.case_a, self.jobcenter_person)
        self.assertFalse(self.Event.search([("kim_case_id", "=", self.case_a.id)]))
        self._consent(self.client_a, "release")  # Jobcenter
        event = self._plan_conference(
            self.user_cm_a, self.case_a, self.jobcenter_person
        )
        self.assertIn(self.jobcenter_person, event.partner_ids)
        with self.assertRaisesRegex(UserError, "MBE Testverband"):
            event.with_user(self.user_cm_a).write(
                {"partner_ids": [Command.link(self.mbe_person.id)]}
            )
        self.assertNotIn(self.mbe_person, event.partner_ids)
        # linking an existing meeting with outsiders to the case is checked too
        meeting = self.Event.with_user(self.user_cm_a).create(
            {
                "name": "Netzwerktreffen",
                "start": "2026-04-02 09:00:00",
                "stop": "2026-04-02 10:00:00",
                "partner_ids": [Command.set(self.mbe_person.ids)],
            }
        )
        with self.assertRaises(UserError):
            meeting.with_user(self.user_cm_a).kim_case_id = self.case_a
        self.assertFalse(meeting.kim_case_id)

    def test_conferences_follow_the_case(self):
        """C-9 / C-12: a case conference is visible to those entitled to the
        case only, not to another case manager, finance or the portal, even
        though employees otherwise see all calendar events; the same holds for
        the attendee records (who takes part)."""
        event = self._plan_conference(self.user_cm_a, self.case_a, self.ki_colleague)
        other = self.Event.create(
            {
                "name": "Teamsitzung",
                "start": "2026-04-03 09:00:00",
                "stop": "2026-04-03 10:00:00",
            }
        )
        for user in self.user_cm_b | self.user_finance:
            visible = self.Event.with_user(user).search([])
            self.assertNotIn(event, visible, user.login)
            self.assertIn(other, visible, user.login)
            with self.assertRaises(AccessError):
                event.with_user(user).read(["name"])
            self.assertFalse(
                self.env["calendar.attendee"]
                .with_user(user)
                .search([("event_id", "=", event.id)])
            )
        self.assertFalse(self.Event.with_user(self.user_portal).search([]))
        self.assertIn(event, self.Event.with_user(self.user_coordination).search([]))
