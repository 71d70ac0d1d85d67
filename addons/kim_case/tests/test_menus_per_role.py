# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import KimCaseCommon

MAX_TOP_MENUS = 8


@tagged("post_install", "-at_install")
class TestMenusPerRole(KimCaseCommon):
    """Issue #21: with every KIM addon installed, each role sees at most
    eight top-level KIM menus, none twice, each leading to something it may
    open; no empty Dashboards or Apps app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the KIM lead usually works as a case manager too (demo: kim.leitung)
        cls.user_lead.write(
            {
                "groups_id": [
                    Command.link(cls.env.ref("kim_case.group_kim_case_manager").id)
                ]
            }
        )

    def _menus(self, user):
        return self.env["ir.ui.menu"].with_user(user).load_menus(False)

    def _roles(self):
        return (
            self.user_cm_a,
            self.user_coordination,
            self.user_lead,
            self.user_finance,
            self.user_authority,
            self.user_steering,
        )

    def test_at_most_eight_top_menus_none_twice(self):
        root = self.env.ref("kim_case.kim_case_menu_root")
        for user in self._roles():
            with self.subTest(user=user.login):
                menus = self._menus(user)
                top = [menus[child] for child in menus[root.id]["children"]]
                names = [menu["name"] for menu in top]
                self.assertLessEqual(len(names), MAX_TOP_MENUS, names)
                self.assertEqual(len(names), len(set(names)), names)
                actions = [
                    menus[child]["action"]
                    for child in menus
                    if child != "root"
                    and (menus[child].get("xmlid") or "").startswith("kim_")
                    and menus[child].get("action")
                ]
                self.assertEqual(len(actions), len(set(actions)), names)

    def test_observations_once_per_role(self):
        """Issue #21: the system-gap observations are one menu for every role
        (case work), also with kim_governance's themes installed."""
        for user in self._roles():
            menus = self._menus(user)
            action_ids = [
                int(menu["action"].partition(",")[2])
                for key, menu in menus.items()
                if key != "root"
                and (menu.get("action") or "").startswith("ir.actions.act_window,")
            ]
            actions = self.env["ir.actions.act_window"].browse(action_ids)
            models = [action.res_model for action in actions]
            with self.subTest(user=user.login):
                self.assertLessEqual(models.count("kim.case.observation"), 1)

    def test_every_visible_kim_menu_opens(self):
        """No menu of a role answers "access denied" when clicked."""
        for user in self._roles():
            menus = self._menus(user)
            for key, menu in menus.items():
                if key == "root" or not (menu.get("xmlid") or "").startswith("kim_"):
                    continue
                model, _sep, action_id = (menu.get("action") or "").partition(",")
                if model != "ir.actions.act_window":
                    continue
                action = self.env[model].browse(int(action_id))
                with self.subTest(user=user.login, menu=menu["xmlid"]):
                    self.assertTrue(
                        self.env[action.res_model].with_user(user).has_access("read")
                    )

    def test_no_empty_apps(self):
        """X-1 / issue #21: KIM roles get neither Odoo's Apps nor a Dashboards
        app without a dashboard for them (finance keeps its invoicing
        dashboard); an administrator keeps both."""
        dashboards = "spreadsheet_dashboard.spreadsheet_dashboard_menu_root"
        has_dashboards = bool(self.env.ref(dashboards, raise_if_not_found=False))
        for user in self._roles():
            with self.subTest(user=user.login):
                menus = self._menus(user)
                apps = {menus[child]["xmlid"] for child in menus["root"]["children"]}
                self.assertNotIn("base.menu_management", apps)
                if has_dashboards:
                    own = (
                        self.env["spreadsheet.dashboard"]
                        .with_user(user)
                        .search_count([], limit=1)
                    )
                    self.assertEqual(dashboards in apps, bool(own), apps)
        admin = self._menus(self.env.ref("base.user_admin"))
        self.assertIn(
            "base.menu_management",
            {admin[child]["xmlid"] for child in admin["root"]["children"]},
        )
