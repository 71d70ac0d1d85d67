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

    def _load_menus_blacklist(self):
        """X-1: KIM staff do not browse or request Odoo apps (base_install_
        request opens "Apps" to every employee); administrators keep it, and
        users without a KIM role see Odoo as before."""
        res = super()._load_menus_blacklist()
        user = self.env.user
        if not user.has_group("base.group_system") and any(
            user.has_group(group) for group in KIM_ROLES
        ):
            apps = self.env.ref("base.menu_management", raise_if_not_found=False)
            if apps:
                res.append(apps.id)
        return res
