# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #17 §5/§6: the record rules live in Odoo's standard rule context over
stored fields, and saving who works on a case touches no worker's caches."""

from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon

STANDARD_CONTEXT = {"user", "time", "company_ids", "company_id"}


class TestAccessRulesStandardContext(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client("Klientin A")
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)
        cls.client_b = cls._client("Klient B")
        cls.case_b = cls._case(
            cls.user_cm_b, cls.client_b, district_id=cls.district_south.id
        )

    def _visible(self, user, model="kim.case"):
        return self.env[model].with_user(user).search([])

    def _cache_state(self):
        registry = self.env.registry
        return dict(registry.cache_sequences), set(registry.cache_invalidated)

    def test_rule_context_is_odoos_own(self):
        """X-1 (issue #17 §6): KIM adds no names to the rule context: a rule
        evaluated while KIM's Python is not loaded (module loading, upgrades
        of upstream apps) cannot fail with a NameError."""
        self.assertLessEqual(set(self.env["ir.rule"]._eval_context()), STANDARD_CONTEXT)

    def test_every_kim_rule_evaluates_in_the_standard_context(self):
        """X-1 (issue #17 §6): every rule KIM ships evaluates, for every role,
        with nothing but ``user``, ``time`` and the companies."""
        names = self.env["ir.model.data"].search(
            [("model", "=", "ir.rule"), ("module", "=like", "kim\\_%")]
        )
        rules = self.env["ir.rule"].browse(names.mapped("res_id")).exists()
        self.assertGreater(len(rules), 20)
        users = (
            self.user_cm_a,
            self.user_coordination,
            self.user_lead,
            self.user_finance,
            self.user_authority,
            self.user_steering,
            self.user_portal,
        )
        for rule in rules.filtered("domain_force"):
            for user in users:
                context = {
                    "user": user,
                    "time": safe_time,
                    "company_ids": user.company_ids.ids,
                    "company_id": user.company_id.id,
                }
                domain = safe_eval(rule.domain_force, context)
                # the domain is valid SQL for its model, run as that user
                self.env[rule.model_id.model].with_user(user).sudo()._search(domain)

    def test_saving_who_works_on_a_case_keeps_the_caches(self):
        """C-12, C-4, X-1 (issue #17 §5): a substitution, a member's case
        manager, an organisation's team sharing and a user's employer change
        who sees a case at once, and no worker's cache is invalidated (no
        ``registry.clear_cache()`` on ordinary writes)."""
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)
        before = self._cache_state()
        today = kim_today(self.env.user)
        sub = self.env["kim.case.substitute"].create(
            {
                "case_id": self.case_a.id,
                "user_id": self.user_cm_b.id,
                "date_from": today,
                "date_to": today + timedelta(days=3),
            }
        )
        self.assertEqual(self._visible(self.user_cm_b), self.case_a | self.case_b)
        sub.unlink()
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)
        member = self.env["kim.case.member"].create(
            {
                "case_id": self.case_a.id,
                "partner_id": self._client("Kind A").id,
                "role": "child",
                "case_manager_id": self.user_cm_b.id,
            }
        )
        self.assertIn(self.case_a, self._visible(self.user_cm_b))
        member.case_manager_id = False
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)
        self.env.flush_all()
        self.assertEqual(self._cache_state(), before)
        colleague = self._kim_user(
            "cm_a3", "kim_case.group_kim_case_manager", self.org_welfare
        )
        self.assertEqual(self._visible(colleague), self.env["kim.case"])
        self.org_ki.kim_share_cases_in_team = True
        self.assertEqual(self._visible(colleague), self.env["kim.case"])
        before = self._cache_state()  # the user was created above
        colleague.kim_employer_id = self.org_ki
        self.assertEqual(self._visible(colleague), self.case_a)
        self.org_ki.kim_share_cases_in_team = False
        self.assertFalse(self._visible(colleague))
        self.env.flush_all()
        self.assertEqual(self._cache_state(), before)

    def test_finance_of_a_sharing_organisation_sees_no_case(self):
        """X-1: team sharing opens an organisation's cases to its case
        managers, not to its finance staff or coordination of other
        districts."""
        self.org_ki.kim_share_cases_in_team = True
        with self.assertRaises(AccessError):
            self._visible(self.user_finance)
        self.assertEqual(self._visible(self.user_coordination), self.case_a)
        self.assertEqual(self._visible(self.user_lead), self.case_a | self.case_b)

    def test_inquiries_follow_the_organisation(self):
        """C-1, X-1 (issue #17 §5): an inquiry of the KIM intake is visible to
        the case managers and coordination of the organisation it is for (and
        the lead), not to other organisations' staff; once a case is opened it
        follows the case."""
        team = self.env.ref("kim_case.crm_team_kim_intake")
        Lead = self.env["crm.lead"]
        lead_a = Lead.with_user(self.user_cm_a).create(
            {"name": "Anfrage A", "contact_name": "Person A", "team_id": team.id}
        )
        self.assertEqual(lead_a.kim_employer_id, self.org_ki)
        lead_b = Lead.with_user(self.user_cm_b).create(
            {"name": "Anfrage B", "contact_name": "Person B", "team_id": team.id}
        )
        leads = lead_a | lead_b
        self.assertEqual(self._visible(self.user_cm_a, "crm.lead") & leads, lead_a)
        self.assertEqual(self._visible(self.user_cm_b, "crm.lead") & leads, lead_b)
        self.assertEqual(
            self._visible(self.user_coordination, "crm.lead") & leads, lead_a
        )
        self.assertEqual(self._visible(self.user_lead, "crm.lead") & leads, leads)
        with self.assertRaises(AccessError):
            self._visible(self.user_finance, "crm.lead")
        # a case opened from the inquiry: the inquiry follows the case
        lead_b.with_user(self.user_cm_b).action_kim_open_case()
        self.assertTrue(lead_b.kim_case_id)
        self.assertEqual(self._visible(self.user_cm_b, "crm.lead") & leads, lead_b)
        self.assertFalse(self._visible(self.user_cm_a, "crm.lead") & lead_b)
        # an inquiry with a case stays KIM's even without a team (no sales
        # user sees it); a case manager without organisation keeps their own
        sales = self._kim_user(
            "sales", "sales_team.group_sale_salesman_all_leads", None
        )
        lead_b.sudo().team_id = False
        self.assertFalse(self._visible(sales, "crm.lead") & lead_b)
        loner = self._kim_user("cm_loner", "kim_case.group_kim_case_manager", None)
        own = Lead.with_user(loner).create(
            {"name": "Anfrage C", "contact_name": "Person C", "team_id": team.id}
        )
        self.assertFalse(own.kim_employer_id)
        self.assertEqual(self._visible(loner, "crm.lead"), own)
        self.assertFalse(self._visible(self.user_cm_a, "crm.lead") & own)

    def test_odoo_users_duplicate_contacts_and_users(self):
        """X-1 (issue #17 §6): KIM's role-restricted fields of contacts and
        users are not copied: a user without a KIM role duplicates a contact
        (Odoo's accounting does) and an administrator a user; a duplicated
        client carries none of the client's KIM data."""
        clerk = new_test_user(
            self.env,
            login="kim_test_clerk",
            groups="base.group_user,base.group_partner_manager",
        )
        supplier = self.env["res.partner"].create(
            {"name": "Lieferant GmbH", "is_company": True}
        )
        self.assertTrue(supplier.with_user(clerk).copy())
        admin = new_test_user(
            self.env,
            login="kim_test_sysadmin",
            groups="base.group_user,base.group_system,base.group_partner_manager",
        )
        self.assertTrue(
            self.user_cm_a.with_user(admin).copy({"login": "kim_test_cm_copy"})
        )
        client = self._client("Klientin Kopie", kim_birthdate=date(1990, 1, 1))
        self.assertFalse(client.copy().kim_birthdate)
