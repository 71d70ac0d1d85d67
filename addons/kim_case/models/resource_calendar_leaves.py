# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    """Public holidays (global leaves of the working calendar) move the due
    dates of running deadlines: a changed holiday recomputes them."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        self.env["kim.deadline.rule"]._kim_recompute_due_dates()
        return leaves

    def write(self, vals):
        result = super().write(vals)
        if {"date_from", "date_to", "calendar_id", "resource_id", "time_type"} & set(
            vals
        ):
            self.env["kim.deadline.rule"]._kim_recompute_due_dates()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["kim.deadline.rule"]._kim_recompute_due_dates()
        return result
