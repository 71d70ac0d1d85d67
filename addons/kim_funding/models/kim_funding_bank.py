# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bank reconciliation status of forwarding instalments and contracts."""

from odoo import api, fields, models


class KimForwardingInstalmentBank(models.Model):
    _inherit = "kim.forwarding.instalment"

    payment_status = fields.Selection(
        [
            ("planned", "Planned"),
            ("billed", "Billed"),
            ("paid", "Paid"),
            ("reconciled", "Paid and reconciled"),
        ],
        compute="_compute_payment_status",
    )

    @api.depends("state", "move_id")
    def _compute_payment_status(self):
        for inst in self:
            # sudo: the bank status of the instalment's own bill, shown to every
            # role that reads the instalment (the KIM lead has no accounting)
            if inst.state == "paid" and inst.sudo()._kim_bank_reconciled():
                inst.payment_status = "reconciled"
            else:
                inst.payment_status = inst.state or "planned"

    def _kim_payable_lines(self):
        return self.move_id.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "liability_payable"
        )

    def _kim_bank_reconciled(self):
        """Paid and matched with a bank statement line: every counterpart of
        the bill is a statement line or a payment matched with one."""
        self.ensure_one()
        payable = self._kim_payable_lines()
        if not payable or any(
            not self.currency_id.is_zero(aml.amount_residual) for aml in payable
        ):
            return False
        counterparts = (
            payable.matched_debit_ids.debit_move_id
            | payable.matched_credit_ids.credit_move_id
        ).move_id
        if not counterparts:
            return False
        for move in counterparts:
            if move.statement_line_id:
                continue
            if move.origin_payment_id and move.origin_payment_id.is_matched:
                continue
            return False
        return True

    def _kim_open_bank_counterparts(self):
        """Journal items a bank line paying this instalment reconciles with:
        the open outstanding-payment lines of its payments, or, for payments
        without journal entry, the open payable line of the bill."""
        self.ensure_one()
        amls = self.env["account.move.line"]
        payable = self._kim_payable_lines()
        for payment in self.move_id.matched_payment_ids:
            if payment.move_id and payment.state != "canceled":
                liquidity = payment._seek_for_lines()[0]
                amls |= liquidity.filtered(
                    lambda aml: not aml.reconciled and aml.account_id.reconcile
                )
        if not amls:
            amls = payable.filtered(lambda aml: not aml.reconciled)
        return amls


class KimForwardingContractBank(models.Model):
    _inherit = "kim.forwarding.contract"

    amount_reconciled = fields.Monetary(
        "Paid and reconciled", compute="_compute_amount_reconciled"
    )

    @api.depends("instalment_ids.state")
    def _compute_amount_reconciled(self):
        for contract in self:
            contract.amount_reconciled = sum(
                contract.instalment_ids.filtered(
                    lambda i: i.payment_status == "reconciled"
                ).mapped("amount")
            )
