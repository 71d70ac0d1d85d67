# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import KimCaseCommon


class TestHelpPlan(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client("Amina Testperson")
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)
        cls.case_b = cls._case(cls.user_cm_b, cls._client("Klient B"))
        cls.goal_a = cls.env["kim.case.goal"].create(
            {"case_id": cls.case_a.id, "name": "Arbeit finden"}
        )
        cls.legal_sgb2 = cls.env.ref("kim_case.legal_sgb2")
        cls.Task = cls.env["project.task"]

    def _measure_as(self, user, case, **values):
        """Create a measure as ``user`` the way the case form does it."""
        case = case.with_user(user)
        before = case.measure_ids
        case.write(
            {
                "measure_ids": [
                    Command.create(
                        {
                            "name": "Vermittlung Jobcenter",
                            "kim_measure_kind": "placement",
                        }
                        | values
                    )
                ]
            }
        )
        return (case.measure_ids - before).with_env(self.env)

    def test_ordinary_task_keeps_odoo_defaults(self):
        """C-7, X-1 (issue #17): KIM's defaults apply to measures only. An
        ordinary task of an ordinary project, created by a project user, shares
        no data categories and is no measure; a measure starts with the master
        data, also when the form opens it from its case."""
        user = new_test_user(
            self.env, "kim_plain_project_user", groups="project.group_project_user"
        )
        project = self.env["project.project"].create({"name": "Straßenbau"})
        task = self.Task.with_user(user).create(
            {"name": "Asphalt bestellen", "project_id": project.id}
        )
        self.assertFalse(task.kim_data_category_ids)
        self.assertFalse(task.kim_case_id or task.kim_shares_client_data)
        self.assertEqual(task.project_id, project)
        measure = self._measure_as(self.user_cm_a, self.case_a)
        self.assertEqual(measure.kim_data_category_ids, self.cat_master)
        from_form = self.Task.with_context(default_kim_case_id=self.case_a.id)
        self.assertEqual(from_form._kim_default_categories(), self.cat_master)

    def test_measure_created_by_case_manager_without_project_group(self):
        """C-7: a case manager (no project group) creates and reads a measure of
        their case; it lands in the private help-plan project of the
        organisation, created on demand and reused."""
        self.assertFalse(self.user_cm_a.has_group("project.group_project_user"))
        self._consent(self.client_a, "release")  # covers the Jobcenter
        measure = self._measure_as(
            self.user_cm_a,
            self.case_a,
            kim_goal_id=self.goal_a.id,
            kim_partner_org_id=self.org_jobcenter.id,
            kim_legal_domain_id=self.legal_sgb2.id,
        )
        self.assertEqual(len(measure), 1)
        self.assertTrue(measure.kim_shares_client_data)
        project = measure.project_id
        self.assertEqual(project.kim_employer_id, self.org_ki)
        self.assertEqual(project.privacy_visibility, "followers")
        self.assertIn(self.org_ki.name, project.name)
        self.assertFalse(project.message_partner_ids)
        # read back as the case manager, also through the goal
        self.assertEqual(
            self.Task.with_user(self.user_cm_a).search([("kim_case_id", "!=", False)]),
            measure,
        )
        self.assertEqual(self.goal_a.with_user(self.user_cm_a).measure_ids, measure)
        measure.with_user(self.user_cm_a).write({"kim_result": "Termin am 3.3."})
        # the second measure reuses the project; another organisation gets its own
        second = self._measure_as(self.user_cm_a, self.case_a, name="Sprachkurs")
        self.assertEqual(second.project_id, project)
        other = self._measure_as(self.user_cm_b, self.case_b, name="Wohnungssuche")
        self.assertEqual(other.project_id.kim_employer_id, self.org_welfare)

    def test_measure_to_partner_without_release_is_refused(self):
        """C-7 / C-10: a measure that passes client data to a network partner
        needs a valid release for that very partner; otherwise a clear refusal
        and nothing is written."""
        self._consent(self.client_a, "release")  # Jobcenter only
        with self.assertRaisesRegex(UserError, "MBE Testverband"):
            self._measure_as(
                self.user_cm_a, self.case_a, kim_partner_org_id=self.org_mbe.id
            )
        self.assertFalse(self.case_a.measure_ids)
        # without sharing client data (e.g. only an appointment was arranged)
        measure = self._measure_as(
            self.user_cm_a,
            self.case_a,
            kim_partner_org_id=self.org_mbe.id,
            kim_shares_client_data=False,
        )
        # switching on the transfer, or moving it to another partner: refused
        with self.assertRaises(UserError):
            measure.with_user(self.user_cm_a).kim_shares_client_data = True
        self.assertFalse(measure.kim_shares_client_data)
        measure.with_user(self.user_cm_a).kim_partner_org_id = self.org_jobcenter
        self.assertTrue(measure.kim_shares_client_data)
        with self.assertRaises(UserError):
            measure.with_user(self.user_cm_a).kim_partner_org_id = self.org_mbe
        self.assertEqual(measure.kim_partner_org_id, self.org_jobcenter)
        # health data is not covered by the Jobcenter release
        with self.assertRaises(UserError):
            measure.with_user(self.user_cm_a).kim_data_category_ids = [
                Command.link(self.cat_health.id)
            ]
        self.assertNotIn(self.cat_health, measure.kim_data_category_ids)
        # the case's own organisation is no transfer
        own = self._measure_as(
            self.user_cm_a,
            self.case_a,
            kim_partner_org_id=self.org_ki.id,
            kim_measure_kind="own_service",
        )
        self.assertTrue(own)

    def test_release_of_the_member_concerned(self):
        """C-7 / C-4: a measure for a family member needs that member's
        release; the applicant's release does not cover another person."""
        child = self._client("Samir Testperson")
        member = self.env["kim.case.member"].create(
            {"case_id": self.case_a.id, "partner_id": child.id, "role": "child"}
        )
        self._consent(self.client_a, "release")
        with self.assertRaises(UserError):
            self._measure_as(
                self.user_cm_a,
                self.case_a,
                kim_member_id=member.id,
                kim_partner_org_id=self.org_jobcenter.id,
            )
        self._consent(child, "release")
        self.assertTrue(
            self._measure_as(
                self.user_cm_a,
                self.case_a,
                kim_member_id=member.id,
                kim_partner_org_id=self.org_jobcenter.id,
            )
        )

    def test_measures_follow_the_case(self):
        """C-7 / C-12: measures are as private as their case. Case manager B
        does not see case A's measures even as a follower of the task and the
        project (which project's own rules would honour); neither do finance,
        a project administrator outside KIM or the portal. The district's
        coordination reads them."""
        measure = self._measure_as(self.user_cm_a, self.case_a, name="Begleitung ABH")
        outsiders = self.user_cm_b | self.user_finance
        measure.message_subscribe(outsiders.partner_id.ids)
        measure.project_id.message_subscribe(outsiders.partner_id.ids)
        project_admin = new_test_user(
            self.env,
            login="kim_test_project_admin",
            groups="base.group_user,project.group_project_manager",
        )
        for user in outsiders | project_admin:
            self.assertFalse(
                self.Task.with_user(user).search([("id", "=", measure.id)]),
                user.login,
            )
            with self.assertRaises(AccessError):
                measure.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            measure.with_user(self.user_cm_b).write({"kim_result": "x"})
        with self.assertRaises(AccessError):
            self._measure_as(self.user_cm_b, self.case_a, name="fremd")
        self.assertEqual(self.case_a.measure_ids, measure)
        self.assertEqual(
            self.Task.with_user(self.user_coordination).search(
                [("kim_case_id", "!=", False)]
            ),
            measure,
        )
        with self.assertRaises(AccessError):
            measure.with_user(self.user_coordination).write({"kim_result": "x"})
        # tasks without a case are untouched by the KIM rules
        project = self.env["project.project"].create(
            {"name": "Allgemein", "privacy_visibility": "employees"}
        )
        task = self.Task.create({"name": "Büromaterial", "project_id": project.id})
        self.assertEqual(
            self.Task.with_user(self.user_finance).search([("id", "=", task.id)]),
            task,
        )
        # a case manager's write right on tasks covers case measures only
        with self.assertRaises(AccessError):
            task.with_user(self.user_cm_a).write({"name": "geändert"})
