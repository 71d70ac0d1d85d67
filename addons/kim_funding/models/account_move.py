# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        self.line_ids._kim_check_grant_caps()
        return super()._post(soft=soft)

    def _kim_paid_instalments(self):
        # justified: the guard must see instalments regardless of the user's rules
        return (
            self.env["kim.forwarding.instalment"]
            .sudo()  # sudo: only tested for existence by the guards
            .search([("move_id", "in", self.ids), ("state", "=", "paid")])
        )

    def button_draft(self):
        if self._kim_paid_instalments():
            raise UserError(
                self.env._("A paid forwarding instalment cannot be reset or cancelled.")
            )
        return super().button_draft()

    def button_cancel(self):
        if self._kim_paid_instalments():
            raise UserError(
                self.env._("A paid forwarding instalment cannot be reset or cancelled.")
            )
        return super().button_cancel()
