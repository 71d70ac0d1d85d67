# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class KimCaseCloseReason(models.Model):
    """Why a case was closed (goal reached, referred, no contact …)."""

    _name = "kim.case.close.reason"
    _inherit = "kim.catalogue.mixin"
    _description = "Case Closing Reason"
