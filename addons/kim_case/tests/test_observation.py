# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form

from .common import KimCaseCommon


class TestObservation(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a = cls._case(cls.user_cm_a, cls._client("Klientin A"))
        cls.case_b = cls._case(
            cls.user_cm_b, cls._client("Klient B"), district_id=cls.district_south.id
        )
        cls.sgb2 = cls.env.ref("kim_case.legal_sgb2")
        cls.aufenthg = cls.env.ref("kim_case.legal_aufenthg")

    def _observe(self, case, user, **values):
        return (
            self.env["kim.case.observation"]
            .with_user(user)
            .create(
                {
                    "case_id": case.id,
                    "category": "waiting_time",
                    "text": "Termin bei der Ausländerbehörde erst nach 4 Monaten",
                }
                | values
            )
        )

    def test_case_manager_records_observation(self):
        """C-13: on a case the case manager records a system gap with category,
        legal domains, organisation concerned and text; its name is
        pseudonymous."""
        with Form(self.case_a.with_user(self.user_cm_a)) as form:
            with form.observation_ids.new() as obs:
                obs.category = "interface_problem"
                obs.partner_id = self.org_jobcenter
                obs.legal_domain_ids.add(self.sgb2)
                obs.legal_domain_ids.add(self.aufenthg)
                obs.text = "Jobcenter wartet auf Aufenthaltstitel, ABH auf Jobcenter"
        observation = self.case_a.observation_ids
        self.assertEqual(len(observation), 1)
        self.assertEqual(observation.category, "interface_problem")
        self.assertEqual(observation.legal_domain_ids, self.sgb2 | self.aufenthg)
        self.assertEqual(observation.partner_id, self.org_jobcenter)
        self.assertEqual(observation.user_id, self.user_cm_a)
        self.assertTrue(observation.date)
        self.assertEqual(observation.district_id, self.district_north)
        self.assertIn(self.case_a.name, observation.display_name)
        self.assertNotIn("Klientin", observation.display_name)
        categories = dict(
            self.env["kim.case.observation"]._fields["category"].selection
        )
        self.assertEqual(
            set(categories),
            {
                "missing_offer",
                "double_structure",
                "access_barrier",
                "quality_deficit",
                "interface_problem",
                "waiting_time",
            },
        )

    def test_coordination_sees_its_districts_only(self):
        """C-13: the coordination lists the observations of the cases in its
        districts (Fachaufsicht) and nothing else; it reads but does not write."""
        obs_a = self._observe(self.case_a, self.user_cm_a)
        self._observe(self.case_b, self.user_cm_b, category="missing_offer")
        Observation = self.env["kim.case.observation"].with_user(self.user_coordination)
        self.assertEqual(Observation.search([]), obs_a)
        groups = Observation._read_group([], ["category"], ["__count"])
        self.assertEqual(groups, [("waiting_time", 1)])
        with self.assertRaises(AccessError):
            obs_a.with_user(self.user_coordination).write({"text": "geändert"})
        with self.assertRaises(AccessError):
            self._observe(self.case_a, self.user_coordination)
        lead = self.env["kim.case.observation"].with_user(self.user_lead)
        self.assertEqual(len(lead.search([])), 2)
        menu = self.env.ref("kim_case.kim_case_menu_observation")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(
            menu.id, Menu.with_user(self.user_coordination)._visible_menu_ids()
        )
        self.assertNotIn(
            menu.id, Menu.with_user(self.user_steering)._visible_menu_ids()
        )

    def test_access_follows_the_case(self):
        """C-13 / C-12: case manager B neither reads nor adds observations on
        case A; steering group, finance and authority get no observation at
        all."""
        obs_a = self._observe(self.case_a, self.user_cm_a)
        obs_b = self._observe(self.case_b, self.user_cm_b)
        Observation = self.env["kim.case.observation"]
        self.assertEqual(Observation.with_user(self.user_cm_b).search([]), obs_b)
        with self.assertRaises(AccessError):
            obs_a.with_user(self.user_cm_b).read(["text"])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._observe(self.case_a, self.user_cm_b)
        self.assertEqual(self.case_a.observation_ids, obs_a)
        for user in (self.user_steering, self.user_finance, self.user_authority):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Observation.with_user(user).search([])
                with self.assertRaises(AccessError):
                    obs_a.with_user(user).read(["text"])
