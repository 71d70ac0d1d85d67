# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

KIM_ROLES = (
    "kim_case.group_kim_case_manager",
    "kim_case.group_kim_coordination",
    "kim_case.group_kim_finance",
    "kim_case.group_kim_authority",
    "kim_case.group_kim_steering",
)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _kim_hidden_apps_menu(self):
        """X-1: KIM staff do not browse or request Odoo apps (base_install_
        request opens "Apps" to every employee, and its module pages fail for
        them); administrators keep it, users without a KIM role see Odoo as
        before. Issue #21: nor do they see an empty Dashboards app (shown
        when a dashboard is shared with them, e.g. to finance staff).
        Returns the menus to hide, or an empty recordset."""
        user = self.env.user
        if user.has_group("base.group_system") or not any(
            user.has_group(group) for group in KIM_ROLES
        ):
            return self.browse()
        hidden = self.env.ref("base.menu_management", raise_if_not_found=False)
        hidden = hidden or self.browse()
        dashboards = self.env.ref(
            "spreadsheet_dashboard.spreadsheet_dashboard_menu_root",
            raise_if_not_found=False,
        )
        if (
            dashboards
            and "spreadsheet.dashboard" in self.env
            and not self.env["spreadsheet.dashboard"].search_count([], limit=1)
        ):
            hidden |= dashboards
        # C-6 (issue #21): the client survey is run from the case; the Surveys
        # app is for whoever administers questionnaires
        surveys = self.env.ref("survey.menu_surveys", raise_if_not_found=False)
        if surveys and not user.has_group("survey.group_survey_manager"):
            hidden |= surveys
        return hidden

    def get_user_roots(self):
        return super().get_user_roots() - self._kim_hidden_apps_menu()

    def _load_menus_blacklist(self):
        res = super()._load_menus_blacklist()
        hidden = self._kim_hidden_apps_menu()
        if hidden:
            res += self.search([("id", "child_of", hidden.ids)]).ids
        return res
