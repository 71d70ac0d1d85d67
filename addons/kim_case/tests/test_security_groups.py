# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import KimCaseCommon


class TestSecurityGroups(KimCaseCommon):
    def test_roles_are_separate(self):
        """X-1: each role sees only what it needs; finance and steering never
        inherit the case manager's or coordination's rights."""
        cm = self.env.ref("kim_case.group_kim_case_manager")
        coordination = self.env.ref("kim_case.group_kim_coordination")
        for xmlid in (
            "kim_case.group_kim_finance",
            "kim_case.group_kim_steering",
            "kim_case.group_kim_authority",
        ):
            implied = self.env.ref(xmlid).trans_implied_ids
            self.assertNotIn(cm, implied, xmlid)
            self.assertNotIn(coordination, implied, xmlid)
        self.assertIn(
            coordination, self.env.ref("kim_case.group_kim_lead").trans_implied_ids
        )
        self.assertFalse(self.user_finance.has_group("kim_case.group_kim_case_manager"))

    def test_portal_role_is_external(self):
        """X-1: partner organisations' staff are portal users, never internal."""
        self.assertTrue(self.user_portal.share)
        self.assertTrue(self.user_portal.has_group("base.group_portal"))
        self.assertFalse(self.user_portal.has_group("base.group_user"))

    def test_german_group_names(self):
        """X-3: the role names read German in the UI."""
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(["kim_case"], ["de_DE"])
        group = self.env.ref("kim_case.group_kim_case_manager").with_context(
            lang="de_DE"
        )
        self.assertEqual(group.name, "Fallmanagement")
        finance = self.env.ref("kim_case.group_kim_finance").with_context(lang="de_DE")
        self.assertEqual(finance.name, "Verwaltung/Finanzen")

    def test_kim_menu_visible_per_role(self):
        """X-1: the KIM app is reserved to internal KIM roles; its network menu is
        visible to case managers, coordination and the lead, not to portal users."""
        root = self.env.ref("kim_case.kim_case_menu_root")
        network = self.env.ref("kim_case.kim_case_menu_employer")
        for user in (
            self.user_finance,
            self.user_authority,
            self.user_steering,
            self.user_coordination,
            self.user_cm_a,
        ):
            self.assertTrue(root.groups_id & user.groups_id, user.login)
        for user in (self.user_cm_a, self.user_coordination, self.user_lead):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(root.id, visible, user.login)
            self.assertIn(network.id, visible, user.login)
        # the client hides children of invisible folders: finance lacks the folder
        folder = self.env.ref("kim_case.kim_case_menu_network")
        menus = self.env["ir.ui.menu"].with_user(self.user_finance)
        self.assertNotIn(folder.id, menus._visible_menu_ids())
        # portal users cannot even read the menu tree, and no KIM menu is theirs
        self.assertFalse(root.groups_id & self.user_portal.groups_id)
        self.assertFalse(folder.groups_id & self.user_portal.groups_id)

    def test_employer_only_set_by_admins(self):
        """X-1: a case manager cannot move themselves to another employer."""
        with self.assertRaises(AccessError):
            self.user_cm_b.with_user(self.user_cm_b).write(
                {"kim_employer_id": self.org_ki.id}
            )
        self.assertEqual(self.user_cm_b.kim_employer_id, self.org_welfare)
