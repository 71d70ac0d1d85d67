# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

from .common import KimCaseCommon


class TestQualification(KimCaseCommon):
    def test_lead_records_qualification(self):
        """C-14: the lead records degree, certificate (15 days / 120 hours)
        with its date and trainings of a case manager through the
        qualification form."""
        action = self.env.ref("kim_case.res_users_action_kim_qualification")
        form_view = self.env.ref("kim_case.res_users_view_form_kim_qualification")
        self.assertIn(form_view, action.view_ids.view_id)
        with Form(self.user_cm_a.with_user(self.user_lead), view=form_view) as form:
            form.kim_degree = "B.A. Soziale Arbeit"
            form.kim_cm_certificate = True
            form.kim_cm_certificate_date = date(2025, 11, 28)
            with form.kim_training_ids.new() as training:
                training.name = "Interkulturelle Kompetenz"
                training.date = date(2026, 2, 3)
                training.hours = 8
        user = self.user_cm_a
        self.assertEqual(user.kim_degree, "B.A. Soziale Arbeit")
        self.assertTrue(user.kim_cm_certificate)
        self.assertEqual(user.kim_cm_certificate_date, date(2025, 11, 28))
        self.assertEqual(user.kim_training_ids.name, "Interkulturelle Kompetenz")
        self.assertEqual(user.kim_training_ids.hours, 8)

    def test_case_manager_cannot_certify_themselves(self):
        """C-14: a case manager cannot set their own certificate flag or record
        trainings; neither can the coordination; only the lead (or admin)."""
        for user, target in (
            (self.user_cm_a, self.user_cm_a),
            (self.user_cm_a, self.user_cm_b),
            (self.user_coordination, self.user_cm_a),
        ):
            with self.subTest(user=user.login, target=target.login):
                with self.assertRaisesRegex(AccessError, "Only the KIM lead"):
                    target.with_user(user).write({"kim_cm_certificate": True})
                with self.assertRaises(AccessError):
                    target.with_user(user).write(
                        {"kim_training_ids": [Command.create({"name": "Selbst"})]}
                    )
        self.assertFalse(self.user_cm_a.kim_cm_certificate)
        self.assertFalse(self.user_cm_a.kim_training_ids)
        with self.assertRaises(AccessError):
            self.user_cm_b.with_user(self.user_cm_a).read(["kim_cm_certificate"])
        with self.assertRaises(AccessError):
            self.env["kim.training"].with_user(self.user_cm_a).search([])
        # the lead's shortcut covers qualification fields only
        with self.assertRaises(AccessError):
            self.user_cm_a.with_user(self.user_lead).write(
                {"kim_cm_certificate": True, "login": "umbenannt"}
            )
        self.user_cm_a.with_user(self.user_lead).write({"kim_cm_certificate": True})
        self.assertTrue(self.user_cm_a.kim_cm_certificate)

    def test_lead_sees_who_lacks_the_certificate(self):
        """C-14: the "Qualification" list under Configuration (lead only) opens
        with the filter "Case managers without certificate"."""
        self.user_cm_a.kim_cm_certificate = True
        action = self.env.ref("kim_case.res_users_action_kim_qualification")
        self.assertEqual(
            safe_eval(action.context), {"search_default_cm_without_certificate": 1}
        )
        arch = etree.fromstring(action.search_view_id.arch)
        [node] = arch.xpath("//filter[@name='cm_without_certificate']")
        domain = safe_eval(action.domain) + safe_eval(node.get("domain"))
        found = self.env["res.users"].with_user(self.user_lead).search(domain)
        self.assertIn(self.user_cm_b, found)
        self.assertNotIn(self.user_cm_a, found)
        self.assertNotIn(self.user_coordination, found)
        self.assertNotIn(self.user_finance, found)
        menu = self.env.ref("kim_case.kim_case_menu_config_qualification")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.user_lead)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.user_cm_a)._visible_menu_ids())
        self.assertNotIn(
            menu.id, Menu.with_user(self.user_coordination)._visible_menu_ids()
        )
