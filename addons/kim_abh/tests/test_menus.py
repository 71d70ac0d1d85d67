# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.kim_case.tests.common import KimCaseCommon


class TestAbhMenus(KimCaseCommon):
    def test_menu_in_kim_app_for_its_roles_only(self):
        """X-1: the Baustein-3 requests are for case managers, authority staff
        and the lead; coordination and the steering group find only the
        statistics there (issue #21: one section, not two top menus)."""
        menu = self.env.ref("kim_abh.kim_abh_menu_root")
        self.assertEqual(menu.parent_id, self.env.ref("kim_case.kim_case_menu_root"))
        requests = self.env.ref("kim_abh.kim_abh_menu_request")
        statistics = self.env.ref("kim_abh.kim_abh_menu_statistics")
        self.assertEqual(statistics.parent_id, menu)
        Menu = self.env["ir.ui.menu"]
        for user in (self.user_cm_a, self.user_authority, self.user_lead):
            visible = Menu.with_user(user)._visible_menu_ids()
            self.assertIn(requests.id, visible, user.login)
        for user in (self.user_coordination, self.user_steering):
            visible = Menu.with_user(user)._visible_menu_ids()
            self.assertIn(statistics.id, visible, user.login)
            self.assertNotIn(requests.id, visible, user.login)
        self.assertNotIn(menu.id, Menu.with_user(self.user_finance)._visible_menu_ids())
        self.assertFalse(menu.groups_id & self.user_portal.groups_id)

    def test_home_action_of_the_role(self):
        """Issue #21: the authority lands on its request queue (A-1)."""
        action = self.env.ref("kim_abh.kim_abh_request_action")
        self.assertEqual(self.user_authority.action_id.id, action.id)
        self.env["kim.abh.request"].with_user(self.user_authority).search([], limit=1)
