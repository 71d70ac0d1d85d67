# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLostReason(models.Model):
    _inherit = "crm.lost.reason"

    # issue #21: an inquiry of the KIM intake closed for this reason ends in
    # this stage (referred / closed without a case)
    kim_stage_id = fields.Many2one(
        "crm.stage",
        string="KIM Intake Stage",
        domain=[("team_id.kim_intake", "=", True)],
        ondelete="set null",
    )
