# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        """Issue #21: users given or taken a KIM role on the group's form (or
        through an implied group) land on their role's home."""
        if "users" not in vals and "implied_ids" not in vals:
            return super().write(vals)
        before = self.users
        res = super().write(vals)
        (before | self.users).with_context(active_test=False)._kim_apply_home_action()
        return res
