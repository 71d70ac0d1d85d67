# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kim_retention_years = fields.Integer(
        string="Anonymise Closed Cases After (Years)",
        config_parameter="kim_case.retention_years",
        default=10,
        help="Closed cases are anonymised this many years after closing unless "
        "a legal hold (§ 84 SGB X) is set; 0 = never automatically.",
    )
    kim_employer_dp_role = fields.Selection(
        related="company_id.kim_employer_dp_role", readonly=False
    )
    kim_dpo_contact = fields.Char(related="company_id.kim_dpo_contact", readonly=False)
    kim_residence_alert_days = fields.Integer(
        string="Residence Permit Alert (Days Before Expiry)",
        config_parameter="kim_case.residence_alert_days",
        default=90,
    )
