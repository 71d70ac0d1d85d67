# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Income of a grant from the state (Mittelabruf): a customer invoice to the
grantor (Bezirksregierung) with the grant's analytic account, so the grant
shows received vs. forwarded vs. own use."""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

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


class KimGrantIncome(models.Model):
    _inherit = "kim.grant"

    income_move_ids = fields.One2many(
        "account.move", "kim_grant_id", string="Calls for funds", readonly=True
    )
    amount_to_call = fields.Monetary(
        "Amount to call",
        help="Amount of the next call for funds (Mittelabruf) from the grantor.",
    )
    amount_called = fields.Monetary("Funds called", compute="_compute_income")
    amount_received = fields.Monetary("Funds received", compute="_compute_income")
    amount_own_use = fields.Monetary("Own use", compute="_compute_income")

    @api.depends(
        "income_move_ids.state",
        "income_move_ids.amount_total",
        "income_move_ids.amount_residual",
        "contract_ids.amount_billed",
    )
    def _compute_income(self):
        for grant in self:
            # sudo: sums of the grant's own calls for funds, shown to every role
            # that reads the grant (the KIM lead has no accounting rights)
            income = grant.sudo().income_move_ids
            moves = income.filtered(lambda m: m.state == "posted")
            grant.amount_called = sum(moves.mapped("amount_total"))
            grant.amount_received = sum(m._kim_amount_received() for m in moves)
            forwarded = sum(grant.contract_ids.mapped("amount_billed"))
            grant.amount_own_use = grant.amount_spent - forwarded

    def _kim_income_account(self):
        Account = self.env["account.account"]
        domain = Account._check_company_domain(self.company_id)
        return Account.search(
            [*domain, ("account_type", "=", "income_other")], limit=1
        ) or Account.search([*domain, ("account_type", "=", "income")], limit=1)

    def action_call_funds(self):
        moves = self._kim_call_funds()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
            "name": self.env._("Calls for funds"),
        }

    def _kim_call_funds(self):
        """Book a call for funds as a posted customer invoice to the grantor
        with the grant's analytic account; refused beyond the approved
        amount."""
        moves = self.env["account.move"]
        for grant in self:
            amount = grant.amount_to_call
            if grant.state not in ("approved", "running"):
                raise UserError(
                    self.env._("Funds can only be called for an approved grant.")
                )
            if not grant.grantor_id:
                raise UserError(self.env._("Record the grantor of the grant first."))
            if grant.currency_id.compare_amounts(amount, 0.0) <= 0:
                raise UserError(self.env._("The amount to call must be positive."))
            if (
                grant.currency_id.compare_amounts(
                    grant.amount_called + amount, grant.amount_approved
                )
                > 0
            ):
                raise UserError(
                    self.env._(
                        "Grant %(grant)s: calling %(amount).2f exceeds the approved "
                        "amount; still callable %(rest).2f.",
                        grant=grant.name,
                        amount=amount,
                        rest=max(grant.amount_approved - grant.amount_called, 0.0),
                    )
                )
            account = grant._kim_income_account()
            if not account:
                raise UserError(self.env._("No income account configured."))
            number = len(grant.income_move_ids) + 1
            move = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": grant.grantor_id.id,
                    "company_id": grant.company_id.id,
                    "kim_grant_id": grant.id,
                    "ref": grant.notice_number or grant.name,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": self.env._(
                                    "%(grant)s: call for funds %(n)s",
                                    grant=grant.name,
                                    n=number,
                                ),
                                "quantity": 1,
                                "price_unit": amount,
                                "account_id": account.id,
                                "tax_ids": [Command.clear()],
                                "analytic_distribution": {
                                    str(grant.analytic_account_id.id): 100
                                },
                            }
                        )
                    ],
                }
            )
            move.action_post()
            grant.amount_to_call = 0.0
            moves |= move
        return moves
