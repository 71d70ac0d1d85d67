# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class AccountPayment(models.Model):
    _inherit = "account.payment"

    @api.constrains("date")
    def _check_kim_grant_year(self):
        """F-4: see ``account.move._check_kim_payment_year``."""
        self._kim_check_grant_year()

    def _kim_check_grant_year(self):
        """F-4: a payment of a forwarding instalment is not dated after the
        period of the instalment's grant (or the carry-over day of the year's
        funding rule)."""
        for payment in self:
            bills = payment.invoice_ids | payment.reconciled_bill_ids
            for grant in bills._kim_instalment_grants():
                if payment.date and payment.date > grant._kim_period()[0]:
                    grant._kim_check_day(payment.date, self.env._("a payment"))

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
