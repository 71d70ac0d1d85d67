# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.kim_case.tests.common import KimCaseCommon


class TestGovernanceMenus(KimCaseCommon):
    def test_menu_in_kim_app_for_its_roles_only(self):
        """X-1: the Baustein-1 section is for coordination, lead and steering
        group; case managers find there only the generative themes and the
        case analysis of their organisation (issue #21: one section, not two
        more top menus)."""
        menu = self.env.ref("kim_governance.kim_governance_menu_root")
        self.assertEqual(menu.parent_id, self.env.ref("kim_case.kim_case_menu_root"))
        Menu = self.env["ir.ui.menu"]
        committees = self.env.ref("kim_governance.kim_governance_menu_committee")
        themes = self.env.ref("kim_governance.kim_governance_menu_theme")
        for user in (self.user_coordination, self.user_lead, self.user_steering):
            visible = Menu.with_user(user)._visible_menu_ids()
            self.assertIn(committees.id, visible, user.login)
        visible = Menu.with_user(self.user_cm_a)._visible_menu_ids()
        self.assertIn(themes.id, visible)
        self.assertNotIn(committees.id, visible)
        for user in (self.user_finance, self.user_authority):
            self.assertNotIn(menu.id, Menu.with_user(user)._visible_menu_ids())
        self.assertFalse(menu.groups_id & self.user_portal.groups_id)

    def test_home_action_of_the_role(self):
        """Issue #21: the steering group lands on the bodies (G-1)."""
        action = self.env.ref("kim_governance.kim_committee_action")
        self.assertEqual(self.user_steering.action_id.id, action.id)
        self.env["kim.committee"].with_user(self.user_steering).search([], limit=1)
