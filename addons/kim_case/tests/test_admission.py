# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import KimCaseCommon


class TestAdmission(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.user_coordination_2 = cls._kim_user(
            "coord2", "kim_case.group_kim_coordination", cls.org_ki
        )

    def _activities(self, case):
        return self.env["mail.activity"].search(
            [("res_model", "=", "kim.case"), ("res_id", "=", case.id)]
        )

    def test_criteria_and_decision(self):
        """C-3: the three case and three client criteria and the decision with
        its date are recorded by the case manager; a clear decision creates no
        activity."""
        case = self._case()
        case.with_user(self.user_cm_a).write(
            {
                "crit_complex_problems": True,
                "crit_several_domains": True,
                "crit_long_term": True,
                "crit_able_to_reflect": True,
                "crit_long_term_commitment": True,
                "crit_own_resources": True,
                "admission_decision": "admitted",
                "admission_date": "2026-03-01",
            }
        )
        self.assertEqual(case.admission_decision, "admitted")
        self.assertFalse(self._activities(case))

    def test_conflict_creates_todo_for_each_coordinator(self):
        """C-3: a conflict goes to the coordination: one to-do activity per
        coordinator of the case's district, visible to them; setting the
        conflict again does not duplicate it."""
        self.district_north.coordinator_ids += self.user_coordination_2
        case = self._case()
        case.with_user(self.user_cm_a).admission_decision = "conflict"
        activities = self._activities(case)
        self.assertEqual(
            activities.user_id, self.user_coordination | self.user_coordination_2
        )
        self.assertEqual(activities.activity_type_id, self.todo)
        self.assertEqual(len(activities), 2)
        visible = (
            self.env["mail.activity"]
            .with_user(self.user_coordination)
            .search([("user_id", "=", self.user_coordination.id)])
        )
        self.assertEqual(
            visible, activities.filtered(lambda a: a.user_id == self.user_coordination)
        )
        self.assertTrue(case.with_user(self.user_coordination).activity_ids)
        case.with_user(self.user_cm_a).write({"admission_decision": "conflict"})
        self.assertEqual(len(self._activities(case)), 2)
        created = self._case(admission_decision="conflict")
        self.assertEqual(
            self._activities(created).user_id,
            self.user_coordination | self.user_coordination_2,
        )

    def test_conflict_without_coordination_refused(self):
        """C-3: a conflict nobody would be told about is refused with a clear
        message, before anything changes: no district, or a district without a
        coordinator."""
        no_district = self._case(district_id=False)
        with self.assertRaisesRegex(UserError, "no district"):
            no_district.with_user(self.user_cm_a).admission_decision = "conflict"
        self.assertFalse(no_district.admission_decision)
        south = self._case(district_id=self.district_south.id)
        with self.assertRaisesRegex(UserError, "Testbezirk Süd.*no coordinator"):
            south.with_user(self.user_cm_a).admission_decision = "conflict"
        self.assertFalse(south.admission_decision)
        # moving the case to a supervised district in the same write works
        south.with_user(self.user_cm_a).write(
            {"admission_decision": "conflict", "district_id": self.district_north.id}
        )
        self.assertEqual(self._activities(south).user_id, self.user_coordination)
        with self.assertRaisesRegex(UserError, "no district"):
            self._case(district_id=False, admission_decision="conflict")
        self.assertFalse(self._activities(no_district))
