# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form

from .common import KimCaseCommon


class TestCaseGoal(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client("Amina Testperson")
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)
        cls.child = cls._client("Samir Testperson")
        cls.member_child = cls.env["kim.case.member"].create(
            {"case_id": cls.case_a.id, "partner_id": cls.child.id, "role": "child"}
        )
        cls.case_b = cls._case(cls.user_cm_b, cls._client("Klient B"))
        cls.life_work = cls.env.ref("kim_case.life_work")

    def test_goal_with_client_words_per_member(self):
        """C-6: the case manager records an agreed goal for a family member and a
        life domain, with the client's own words, target date and outcome."""
        case = self.case_a.with_user(self.user_cm_a)
        case.write(
            {
                "goal_ids": [
                    Command.create(
                        {
                            "name": "Ausbildungsplatz finden",
                            "client_words": "Ich will Mechaniker werden.",
                            "life_domain_id": self.life_work.id,
                            "member_id": self.member_child.id,
                            "target_date": "2026-09-01",
                        }
                    )
                ]
            }
        )
        goal = case.goal_ids
        self.assertEqual(goal.member_id.partner_id, self.child)
        self.assertEqual(goal.client_words, "Ich will Mechaniker werden.")
        with Form(goal) as form:
            form.outcome = "partly"
            self.assertTrue(form.outcome_date, "the outcome date defaults to today")
        self.assertEqual(goal.outcome, "partly")

    def test_goal_member_must_belong_to_the_case(self):
        """C-6: a goal cannot name a member of another family; nothing is saved."""
        other_member = self.case_b.member_ids
        with self.assertRaises(ValidationError):
            self.env["kim.case.goal"].create(
                {
                    "case_id": self.case_a.id,
                    "name": "Wohnung",
                    "member_id": other_member.id,
                }
            )
        self.assertFalse(self.case_a.goal_ids)
        with self.assertRaises(ValidationError):
            self.env["kim.case.goal"].create(
                {"case_id": self.case_a.id, "name": "X", "outcome_date": "2026-01-01"}
            )

    def test_goals_follow_the_case(self):
        """C-6 / C-12: goals are visible to those entitled to the case only;
        finance sees no goal at all."""
        goal = self.env["kim.case.goal"].create(
            {"case_id": self.case_a.id, "name": "Deutschkurs B1"}
        )
        Goal = self.env["kim.case.goal"]
        self.assertEqual(Goal.with_user(self.user_cm_a).search([]), goal)
        self.assertEqual(Goal.with_user(self.user_coordination).search([]), goal)
        self.assertFalse(Goal.with_user(self.user_cm_b).search([]))
        with self.assertRaises(AccessError):
            goal.with_user(self.user_cm_b).read(["name"])
        with self.assertRaises(AccessError):
            Goal.with_user(self.user_finance).search([])
        with self.assertRaises(AccessError):
            goal.with_user(self.user_coordination).write({"name": "geändert"})
        self.assertEqual(goal.name, "Deutschkurs B1")
