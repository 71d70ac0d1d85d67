# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
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

    @api.constrains("state", "date")
    def _check_kim_grant_year(self):
        """F-4: a cost posted to a grant (a line with a KIM cost category
        and the grant's analytic account) is dated inside the grant's
        period, or up to the carry-over day of the year's funding rule.
        Credits (refunds of unused funds) reduce the spending and may come
        later."""
        self.filtered(lambda m: m.state == "posted").line_ids._kim_check_grant_year()

    @api.constrains("matched_payment_ids")
    def _check_kim_payment_year(self):
        """F-4: a forwarding instalment is not paid after its grant's period
        (or the carry-over day of the year's funding rule)."""
        self.matched_payment_ids._kim_check_grant_year()

    def _kim_instalment_grants(self):
        """The grants whose forwarding instalments these bills pay."""
        return (
            self.env["kim.forwarding.instalment"]
            .sudo()  # sudo: only the grant of the bill's instalment is needed
            .search([("move_id", "in", self.ids)])
            .contract_id.grant_id
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
