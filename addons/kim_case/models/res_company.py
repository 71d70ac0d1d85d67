# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    kim_employer_dp_role = fields.Selection(
        [
            ("processor", "Processor (Art. 28 GDPR)"),
            ("joint", "Joint Controller (Art. 26 GDPR)"),
        ],
        string="Role of the Case Managers' Employers",
        default="processor",
        help="C-10: how the welfare associations and municipalities employing "
        "case managers take part in the processing; named in the Art. 13 "
        "information beside the Kreis as controller.",
    )
    kim_dpo_contact = fields.Char(
        string="Data-Protection Officer",
        help="Contact of the Kreis' data-protection officer for the Art. 13 "
        "information, e.g. 'Datenschutzbeauftragte, datenschutz@kreis.de'.",
    )
