# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    kim_employer_id = fields.Many2one(
        "res.partner",
        string="KIM Employer",
        domain=[("kim_is_employer", "=", True)],
        index="btree_not_null",
        help="Organisation employing this user in KIM (X-1, C-12): it scopes "
        "which cases and records the user may see.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["kim_employer_id"]

    def write(self, vals):
        res = super().write(vals)
        if "kim_employer_id" in vals:
            # the case access rules depend on the employer: recompute rule domains
            self.env.registry.clear_cache()
        return res
