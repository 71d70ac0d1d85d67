# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

KIM_STAFF = "kim_case.group_kim_case_manager,kim_case.group_kim_coordination"


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # issue #21 (C-12): activities a holiday cover handed to a substitute,
    # and whose they were; empty for every activity outside KIM
    kim_substitute_id = fields.Many2one(
        "kim.case.substitute",
        string="Handed Over by Substitution",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
        groups=KIM_STAFF,
    )
    kim_original_user_id = fields.Many2one(
        "res.users",
        string="Handed Over From",
        readonly=True,
        copy=False,
        groups=KIM_STAFF,
    )
