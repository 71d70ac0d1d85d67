# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from .common import KimGovernanceCommon


class TestCommittee(KimGovernanceCommon):
    def test_members_chair_and_period(self):
        """G-1: members with organisation, role and period; chair from members."""
        person, deputy = self.env["res.partner"].create(
            [{"name": "Landrätin Test"}, {"name": "Dezernent Test"}]
        )
        committee = (
            self.env["kim.committee"]
            .with_user(self.user_coordination)
            .create(
                {
                    "name": "Projektgruppe Wohnen",
                    "committee_type": "project_group",
                    "parent_id": self.steering.id,
                    "rules_version": "1.0",
                    "rules_in_force_date": date(2024, 1, 25),
                    "member_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": person.id,
                                "role": "chair",
                                "organisation_id": self.org_city.id,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "partner_id": deputy.id,
                                "role": "deputy",
                                "date_to": date(2020, 1, 1),
                            },
                        ),
                    ],
                }
            )
        )
        self.assertEqual(committee.chair_id, person)
        self.assertEqual(self.steering.child_ids, committee)
        with self.assertRaises(ValidationError):
            self.steering.parent_id = committee
        with self.assertRaises(ValidationError):
            committee.member_ids[1].date_from = date(2021, 1, 1)

    @freeze_time("2025-03-03 08:00:00")
    def test_next_meeting_from_rhythm(self):
        """G-1: the next meeting is planned from the rhythm and the last meeting."""
        team = self.env["kim.committee"].create(
            {"name": "KIM-Team", "committee_type": "kim_team", "rhythm": "weekly"}
        )
        first = team.with_user(self.user_coordination).action_plan_next_meeting()
        self.assertEqual(first.start, datetime(2025, 3, 4, 9, 0))
        second = team.action_plan_next_meeting()
        self.assertEqual(second.start, datetime(2025, 3, 11, 9, 0))
        self.assertEqual(team.meeting_count, 2)
        none = self.env["kim.committee"].create(
            {"name": "Ad hoc", "committee_type": "working_group"}
        )
        with self.assertRaises(ValidationError):
            none.action_plan_next_meeting()
        self.assertFalse(none.meeting_ids)

    def test_decision_mandates_become_tasks(self):
        """G-2: each mandate of a decision is a task of the governance project;
        open mandates per body are listed for the next meeting."""
        decision = (
            self.env["kim.decision"]
            .with_user(self.user_coordination)
            .create(
                {
                    "name": "Geschäftsordnung beschlossen",
                    "committee_id": self.steering.id,
                    "date": date(2024, 1, 25),
                }
            )
        )
        mandate = decision._kim_add_mandate(
            "Bis zu vier Fallrekonstruktionen",
            self.user_coordination,
            date(2024, 12, 31),
        )
        done = decision._kim_add_mandate(
            "GO veröffentlichen", self.user_lead, date(2024, 2, 1)
        )
        self.assertEqual(
            mandate.project_id, self.env.ref("kim_governance.project_governance")
        )
        self.assertEqual(mandate.kim_committee_id, self.steering)
        done.state = "1_done"
        self.assertEqual(self.steering._kim_open_mandates(), mandate)
        self.assertEqual(self.steering.open_mandate_count, 1)
        self.assertEqual(decision.open_mandate_count, 1)
        # the steering group reads decisions and their mandates, changes nothing
        self.assertEqual(
            self.steering.with_user(self.user_steering)._kim_open_mandates(), mandate
        )
        self.assertEqual(decision.with_user(self.user_steering).name, decision.name)
        with self.assertRaises(AccessError):
            decision.with_user(self.user_steering).write({"name": "x"})
        # finance sees nothing of the bodies
        with self.assertRaises(AccessError):
            self.steering.with_user(self.user_finance).check_access("read")

    def test_quality_formats_and_milestones(self):
        """G-9/G-8/G-6: quality formats are bodies of their own types per
        district; yearly milestones in the action-plan project."""
        supervision = self.env["kim.committee"].create(
            {
                "name": "Supervision Nord",
                "committee_type": "supervision",
                "district_id": self.district_north.id,
                "rhythm": "monthly",
            }
        )
        meeting = supervision.action_plan_next_meeting()
        self.assertEqual(meeting.kim_committee_type, "supervision")
        self.assertIn(self.user_coordination, supervision.district_id.coordinator_ids)
        Project = self.env["project.project"].with_user(self.user_coordination)
        milestone = Project._kim_add_milestone(
            2025, "Integreat-App online", date(2025, 6, 30)
        )
        again = Project._kim_action_plan_project(2025)
        self.assertEqual(milestone.project_id, again)
        self.assertEqual(again.kim_action_plan_year, 2025)

    def test_copies_of_projects_are_no_action_plans(self):
        """G-8 (issue #17): duplicating a project, ordinary or the action plan,
        gives no action plan: an ordinary project copies twice, as Odoo's
        project manager does it, and only one project is a year's plan."""
        manager = new_test_user(
            self.env, "kim_plain_pm", groups="project.group_project_manager"
        )
        Project = self.env["project.project"].with_user(manager)
        plain = Project.create({"name": "Straßenbau"})
        copies = plain.copy() | plain.copy()
        self.assertFalse(any(copies.mapped("kim_action_plan_year")))
        plan = self.env["project.project"]._kim_action_plan_project(2026)
        self.assertFalse(plan.copy().kim_action_plan_year)
        self.assertEqual(
            self.env["project.project"].search_count(
                [("kim_action_plan_year", "=", 2026)]
            ),
            1,
        )
