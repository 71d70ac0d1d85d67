# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    kim_intake = fields.Boolean(
        string="KIM Intake",
        help="Inquiries of this team contain personal data of KIM clients: only "
        "KIM case managers and coordination see them (C-1).",
    )
