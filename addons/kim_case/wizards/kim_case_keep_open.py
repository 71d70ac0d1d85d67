# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import kim_check_cases_writable


class KimCaseKeepOpen(models.TransientModel):
    """C-8 (issue #21): the reason to keep a case open that would otherwise
    close for lack of contact; starts a fresh inactivity period."""

    _name = "kim.case.keep.open"
    _description = "Keep Case Open"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade")
    auto_close_date = fields.Date(related="case_id.auto_close_date")
    reason = fields.Char(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        kim_check_cases_writable(self.env, vals_list)
        return super().create(vals_list)

    def action_confirm(self):
        self.ensure_one()
        self.case_id.check_access("write")
        self.case_id._kim_keep_open(self.reason)
        return {"type": "ir.actions.act_window_close"}
