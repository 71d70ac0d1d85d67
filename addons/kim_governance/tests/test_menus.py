# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.kim_case.tests.common import KimCaseCommon


class TestGovernanceMenus(KimCaseCommon):
    def test_menu_in_kim_app_for_its_roles_only(self):
        """X-1: the Baustein-1 menu is for coordination, lead, steering group."""
        menu = self.env.ref("kim_governance.kim_governance_menu_root")
        self.assertEqual(menu.parent_id, self.env.ref("kim_case.kim_case_menu_root"))
        for user in (self.user_coordination, self.user_lead, self.user_steering):
            self.assertTrue(menu.with_user(user).groups_id & user.groups_id, user.login)
        for user in (
            self.user_cm_a,
            self.user_finance,
            self.user_authority,
            self.user_portal,
        ):
            self.assertFalse(
                menu.with_user(user).groups_id & user.groups_id, user.login
            )

    def test_home_action_of_the_role(self):
        """Issue #21: the steering group lands on the bodies (G-1)."""
        action = self.env.ref("kim_governance.kim_committee_action")
        self.assertEqual(self.user_steering.action_id.id, action.id)
        self.env["kim.committee"].with_user(self.user_steering).search([], limit=1)
