# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    # Income of a grant from the state (Mittelabruf): a customer invoice to the
    # grantor (Bezirksregierung) with the grant's analytic account, so the grant
    # shows received vs. forwarded vs. own use.
    kim_grant_id = fields.Many2one(
        "kim.grant",
        "KIM grant (income)",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    kim_refund_contract_ids = fields.One2many(
        "kim.forwarding.contract",
        "refund_move_id",
        string="KIM refund of contracts",
        readonly=True,
    )

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

    def _kim_amount_received(self):
        """Paid part of an income invoice: reconciled, or registered by a
        payment without journal entry (Odoo 18 default without outstanding
        accounts: the invoice is reconciled only with the bank line)."""
        self.ensure_one()
        paid = self.amount_total - self.amount_residual
        pending = sum(
            pay.amount
            for pay in self.matched_payment_ids
            if not pay.move_id and pay.state in ("in_process", "paid")
        )
        return min(paid + pending, self.amount_total)
