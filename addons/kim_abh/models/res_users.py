# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    kim_authority_id = fields.Many2one(
        "res.partner",
        string="KIM Authority (ABH/EBH)",
        domain=[("kim_partner_type_id.is_authority", "=", True)],
        index="btree_not_null",
        help="Foreigners' or naturalisation authority this user works for (A-1): "
        "the user sees the requests addressed to it while the client's release "
        "covers them. An authority is no KIM employer and files no cases.",
    )

    @api.model
    def _kim_home_actions(self):
        """Issue #21: the request queue of the authority (A-1)."""
        return [
            *super()._kim_home_actions(),
            (50, "kim_case.group_kim_authority", "kim_abh.kim_abh_request_action"),
        ]
