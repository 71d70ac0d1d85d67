# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _kim_check_not_paying_instalment(self):
        """F-7: the payment of a forwarding instalment stays; resetting,
        cancelling or deleting it would silently un-pay the instalment."""
        bills = self.invoice_ids | self.reconciled_bill_ids
        if bills and bills._kim_paid_instalments():
            raise UserError(
                self.env._(
                    "This payment settles a paid forwarding instalment; it cannot "
                    "be reset, cancelled or deleted."
                )
            )

    def action_draft(self):
        self._kim_check_not_paying_instalment()
        return super().action_draft()

    def action_cancel(self):
        self._kim_check_not_paying_instalment()
        return super().action_cancel()

    def unlink(self):
        # checked before Odoo removes the payment's entry and its matching
        self._kim_check_not_paying_instalment()
        return super().unlink()
