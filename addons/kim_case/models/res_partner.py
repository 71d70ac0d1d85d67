# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    kim_is_employer = fields.Boolean(
        string="KIM Employing Organisation",
        help="Employs KIM staff (Anstellungsträger): the Kreis' KI, a municipality "
        "or a welfare association.",
    )
    kim_employee_user_ids = fields.One2many(
        "res.users",
        "kim_employer_id",
        string="KIM Staff",
        groups="kim_case.group_kim_lead",
    )
