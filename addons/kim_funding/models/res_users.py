# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _kim_home_actions(self):
        """Issue #21: the grants for finance staff (F-1)."""
        return [
            *super()._kim_home_actions(),
            (40, "kim_case.group_kim_finance", "kim_funding.kim_grant_action"),
        ]
