# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import format_date

from .common import KimGovernanceCommon


@freeze_time("2026-07-15 10:00:00")
class TestMilestone(KimGovernanceCommon):
    """G-8 (issue #21): yearly milestones of the KIM programme with status,
    rights for lead and coordination, a line in the yearly report."""

    def test_coordination_enters_a_milestone_by_year(self):
        """G-8: a milestone entered with a year lands in that year's action
        plan, starts planned and follows Odoo's "reached" tick both ways."""
        Milestone = self.env["project.milestone"].with_user(self.user_coordination)
        milestone = Milestone.create(
            {
                "name": "Erstanlaufstellen in allen Kommunen",
                "kim_plan_year": 2026,
                "deadline": date(2026, 6, 30),
                "kim_responsible_id": self.user_coordination.id,
            }
        )
        plan = self.env["project.project"]._kim_action_plan_project(2026)
        self.assertEqual(milestone.project_id, plan)
        self.assertEqual(milestone.kim_plan_year, 2026)
        self.assertEqual(milestone.kim_state, "planned")
        self.assertTrue(milestone.kim_overdue)
        self.assertIn(milestone, Milestone.search([("kim_overdue", "=", True)]))
        milestone.kim_state = "reached"
        self.assertTrue(milestone.is_reached)
        self.assertFalse(milestone.kim_overdue)
        self.assertNotIn(milestone, Milestone.search([("kim_overdue", "=", True)]))
        milestone.is_reached = False
        self.assertEqual(milestone.kim_state, "in_progress")
        # moved to the next year's plan by entering the year
        milestone.kim_plan_year = 2027
        self.assertEqual(milestone.project_id.kim_action_plan_year, 2027)
        self.assertEqual(Milestone.search([("kim_plan_year", "=", 2027)]), milestone)

    def test_invalid_year_is_refused(self):
        """G-8: a year outside 2000–2100 gives a clear error, nothing is made."""
        Milestone = self.env["project.milestone"].with_user(self.user_coordination)
        projects = self.env["project.project"].search_count([])
        with self.assertRaises(ValidationError):
            Milestone.create({"name": "Tippfehler", "kim_plan_year": 20266})
        self.assertEqual(self.env["project.project"].search_count([]), projects)

    def test_rights_lead_coordination_steering(self):
        """G-8: lead and coordination maintain milestones (only the lead
        deletes); the steering group reads them; finance sees nothing in KIM's
        milestone menu and cannot change them."""
        milestone = (
            self.env["project.milestone"]
            .with_user(self.user_coordination)
            .create({"name": "Integreat-App online", "kim_plan_year": 2026})
        )
        self.assertEqual(milestone.with_user(self.user_steering).kim_state, "planned")
        with self.assertRaises(AccessError):
            milestone.with_user(self.user_steering).write({"kim_state": "reached"})
        with self.assertRaises(AccessError):
            self.env["project.milestone"].with_user(self.user_steering).create(
                {"name": "x", "kim_plan_year": 2026}
            )
        with self.assertRaises(AccessError):
            milestone.with_user(self.user_coordination).unlink()
        with self.assertRaises(AccessError):
            milestone.with_user(self.user_finance).write({"kim_state": "dropped"})
        milestone.with_user(self.user_lead).write({"kim_state": "dropped"})
        milestone.with_user(self.user_lead).unlink()
        self.assertFalse(milestone.exists())
        menu = self.env.ref("kim_governance.kim_governance_menu_milestone")
        for user, visible in (
            (self.user_lead, True),
            (self.user_coordination, True),
            (self.user_steering, True),
            (self.user_cm_a, False),
            (self.user_finance, False),
        ):
            menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in menus, visible, user.login)

    def test_other_projects_milestones_untouched(self):
        """Odoo's own project milestones keep Odoo's behaviour: no KIM status,
        not in KIM's list, ticking "reached" writes nothing of KIM's."""
        manager = new_test_user(
            self.env, "kim_plain_pm_ms", groups="project.group_project_manager"
        )
        project = (
            self.env["project.project"]
            .with_user(manager)
            .create({"name": "Bauhof", "allow_milestones": True})
        )
        milestone = (
            self.env["project.milestone"]
            .with_user(manager)
            .create({"name": "Dach fertig", "project_id": project.id})
        )
        milestone.is_reached = True
        self.assertFalse(milestone.kim_state)
        # a malformed write is refused by Odoo as before (its project tests
        # write a list), not broken by KIM
        with self.assertRaises(AccessError):
            milestone.with_user(self.user_finance).write(["name"])
        # ... and Odoo's project users do not change the KIM action plan's
        kim_milestone = (
            self.env["project.milestone"]
            .with_user(self.user_coordination)
            .create({"name": "Integreat-App online", "kim_plan_year": 2026})
        )
        with self.assertRaises(AccessError):
            kim_milestone.with_user(manager).write({"kim_state": "dropped"})
        with self.assertRaises(AccessError):
            kim_milestone.with_user(manager).unlink()
        with self.assertRaises(AccessError):
            self.env["project.milestone"].with_user(manager).create(
                {"name": "Fremd", "project_id": kim_milestone.project_id.id}
            )
        self.assertEqual(kim_milestone.with_user(manager).kim_state, "planned")
        self.assertFalse(milestone.kim_plan_year)
        self.assertFalse(milestone.kim_overdue)
        action = self.env.ref("kim_governance.project_milestone_action_kim")
        domain = ast.literal_eval(action.domain)
        self.assertNotIn(milestone, self.env["project.milestone"].search(domain))

    def test_yearly_report_has_a_milestone_line(self):
        """G-8: the yearly report lists the year's milestones with deadline
        and status (overdue marked) and how many were reached — no names of
        the responsible staff (the report also goes to the state)."""
        Milestone = self.env["project.milestone"].with_user(self.user_coordination)
        Milestone.create(
            [
                {
                    "name": "Fallmanagement-Konzept beschlossen",
                    "kim_plan_year": 2026,
                    "deadline": date(2026, 3, 31),
                    "kim_state": "reached",
                    "kim_responsible_id": self.user_lead.id,
                },
                {
                    "name": "Schnittstellenkonzept Jobcenter",
                    "kim_plan_year": 2026,
                    "deadline": date(2026, 5, 31),
                },
                {"name": "Nächstes Jahr", "kim_plan_year": 2027},
            ]
        )
        tables = (
            self.env["kim.governance.monitoring"]
            .with_user(self.user_steering)
            ._kim_report_tables(2026)["tables"]
        )
        table = tables[-1]
        self.assertEqual(table["title"], "Milestones of the action plan 2026")
        self.assertEqual(
            table["rows"],
            [
                [
                    "Fallmanagement-Konzept beschlossen",
                    format_date(self.env, date(2026, 3, 31)),
                    "Reached",
                ],
                [
                    "Schnittstellenkonzept Jobcenter",
                    format_date(self.env, date(2026, 5, 31)),
                    "Planned (overdue)",
                ],
            ],
        )
        self.assertEqual(table["total"], ["Reached", "1 of 2", ""])
        self.assertNotIn(self.user_lead.name, str(table))
