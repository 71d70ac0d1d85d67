# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import KimCaseCommon


class TestContactBulk(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a1 = cls._case(cls.user_cm_a, cls._client("Klientin A1"))
        cls.case_a2 = cls._case(cls.user_cm_a, cls._client("Klient A2"))
        cls.case_b = cls._case(cls.user_cm_b, cls._client("Klient B"))
        cls.language = cls.env.ref("kim_case.life_language")
        cls.work = cls.env.ref("kim_case.life_work")

    def _contact_count(self):
        return self.env["kim.case.contact"].search_count([])

    def test_bulk_contact_for_many_cases(self):
        """C-8 / C-1: one information event is recorded as the same contact on
        every selected case; last_contact_date of every case follows."""
        cases = self.case_a1 | self.case_a2
        Wizard = (
            self.env["kim.case.contact.bulk"]
            .with_user(self.user_cm_a)
            .with_context(active_model="kim.case", active_ids=cases.ids)
        )
        with Form(Wizard) as form:
            form.date = date(2026, 4, 15)
            form.channel = "outreach"
            form.duration = 1.5
            form.interpreter_used = True
            form.life_domain_ids.add(self.language)
            form.life_domain_ids.add(self.work)
            form.note = "Infoveranstaltung in der Unterkunft"
        wizard = form.record
        self.assertEqual(wizard.case_ids, cases)
        result = wizard.action_record()
        self.assertEqual(result["tag"], "display_notification")
        for case in cases:
            with self.subTest(case=case.name):
                self.assertEqual(len(case.contact_ids), 1)
                contact = case.contact_ids
                self.assertEqual(contact.date, date(2026, 4, 15))
                self.assertEqual(contact.channel, "outreach")
                self.assertEqual(contact.duration, 1.5)
                self.assertTrue(contact.interpreter_used)
                self.assertEqual(contact.life_domain_ids, self.language | self.work)
                self.assertEqual(contact.note, "Infoveranstaltung in der Unterkunft")
                self.assertEqual(contact.user_id, self.user_cm_a)
                self.assertEqual(case.last_contact_date, date(2026, 4, 15))

    def test_foreign_case_refused_nothing_created(self):
        """C-12: a case manager can only bulk-record on cases they can access:
        a foreign case in the selection refuses the whole action, nothing is
        created."""
        before = self._contact_count()
        wizard = (
            self.env["kim.case.contact.bulk"]
            .with_user(self.user_cm_a)
            .create(
                {
                    "case_ids": [Command.set([self.case_a1.id, self.case_b.id])],
                    "date": date(2026, 4, 15),
                }
            )
        )
        with self.assertRaisesRegex(AccessError, "1 of the 2"):
            wizard.action_record()
        self.assertEqual(self._contact_count(), before)
        self.assertFalse(self.case_a1.last_contact_date)

    def test_bad_input_and_roles_refused(self):
        """C-12: no case selected or a negative duration is refused; the
        coordination (read-only on contacts) and finance cannot bulk-record."""
        before = self._contact_count()
        Wizard = self.env["kim.case.contact.bulk"].with_user(self.user_cm_a)
        with self.assertRaisesRegex(UserError, "at least one case"):
            Wizard.create({}).action_record()
        with self.assertRaisesRegex(UserError, "negative"):
            Wizard.create(
                {"case_ids": [Command.set(self.case_a1.ids)], "duration": -1}
            ).action_record()
        for user in (self.user_coordination, self.user_finance):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["kim.case.contact.bulk"].with_user(user).create(
                    {"case_ids": [Command.set(self.case_a1.ids)]}
                ).action_record()
        self.assertEqual(self._contact_count(), before)

    def test_action_bound_to_case_list(self):
        """C-8: the bulk entry is offered in the action menu of the case list
        to case managers."""
        action = self.env.ref("kim_case.kim_case_contact_bulk_action")
        self.assertEqual(action.binding_model_id.model, "kim.case")
        self.assertIn("list", action.binding_view_types)
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.user_cm_a)
            .get_bindings("kim.case")
        )
        self.assertIn(action.id, [a["id"] for a in bindings.get("action", [])])
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.user_coordination)
            .get_bindings("kim.case")
        )
        self.assertNotIn(action.id, [a["id"] for a in bindings.get("action", [])])
