# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimCaseType(models.Model):
    """C-2: handling constellation (Kurzintervention, Prozessbegleitung, Case
    Management) with its inactivity period for auto-closing (C-8)."""

    _name = "kim.case.type"
    _inherit = "kim.catalogue.mixin"
    _description = "Case Constellation"

    inactivity_months = fields.Integer(
        string="Close After Months Without Contact",
        default=6,
        help="C-8: an open case of this constellation is closed automatically when "
        "the client has had no contact for this many months (0 = never).",
    )

    _sql_constraints = [
        (
            "inactivity_months_positive",
            "CHECK(inactivity_months >= 0)",
            "The inactivity period cannot be negative.",
        ),
    ]
