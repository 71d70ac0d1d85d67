# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount

from odoo.addons.kim_case.tools import kim_lang_env, records_changing

from .kim_erp_export import kim_erp_exporting


class KimForwardingInstalment(models.Model):
    _name = "kim.forwarding.instalment"
    _description = "KIM Forwarding Instalment"
    _order = "contract_id, sequence"

    contract_id = fields.Many2one(
        "kim.forwarding.contract", required=True, ondelete="restrict", index=True
    )
    recipient_id = fields.Many2one(related="contract_id.recipient_id", store=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    sequence = fields.Integer(required=True)
    due_date = fields.Date(required=True)
    amount = fields.Monetary(required=True)
    move_id = fields.Many2one("account.move", "Vendor bill", readonly=True, copy=False)
    state = fields.Selection(
        [("planned", "Planned"), ("billed", "Billed"), ("paid", "Paid")],
        compute="_compute_state",
        store=True,
    )
    # issue 19: the SEPA payment order the instalment's bill is in (not
    # cancelled); for those who work with payment orders
    payment_order_id = fields.Many2one(
        "account.payment.order",
        compute="_compute_payment_order_id",
        groups="account_payment_order.group_account_payment",
    )
    # issue 19: the treasury's reference of the payment in the municipal ERP,
    # given at the first export and kept
    cash_reference = fields.Char(
        "Cash reference (Kassenzeichen)", readonly=True, copy=False
    )
    # bank reconciliation status of the instalment's vendor bill
    payment_status = fields.Selection(
        [
            ("planned", "Planned"),
            ("billed", "Billed"),
            ("paid", "Paid"),
            ("reconciled", "Paid and reconciled"),
        ],
        compute="_compute_payment_status",
    )

    _sql_constraints = [
        (
            "contract_sequence_uniq",
            "unique(contract_id, sequence)",
            "Each instalment number appears once per contract.",
        ),
        (
            "move_uniq",
            "unique(move_id)",
            "A vendor bill pays one forwarding instalment only.",
        ),
    ]

    @api.depends("move_id.payment_state", "move_id.state")
    def _compute_state(self):
        for inst in self:
            move = inst.move_id
            if not move or move.state == "cancel":
                inst.state = "planned"
            elif move.payment_state in ("paid", "in_payment"):
                inst.state = "paid"
            else:
                inst.state = "billed"

    @api.depends("move_id.line_ids.payment_line_ids.state")
    def _compute_payment_order_id(self):
        for inst in self:
            # sudo: the order of the instalment's own bill, nothing else
            lines = inst.sudo()._kim_payable_lines().payment_line_ids
            inst.payment_order_id = lines.filtered(
                lambda line: line.state != "cancel"
            ).order_id[-1:]

    @api.depends("state", "move_id")
    def _compute_payment_status(self):
        for inst in self:
            # sudo: the bank status of the instalment's own bill, shown to every
            # role that reads the instalment (the KIM lead has no accounting)
            if inst.state == "paid" and inst.sudo()._kim_bank_reconciled():
                inst.payment_status = "reconciled"
            else:
                inst.payment_status = inst.state or "planned"

    @api.constrains("amount")
    def _check_amount(self):
        """F-10: an instalment pays a positive amount; zero, negative and
        sub-cent amounts are refused on every channel."""
        for inst in self:
            currency = inst.currency_id or self.env.company.currency_id
            if currency.compare_amounts(inst.amount, 0.0) <= 0:
                raise ValidationError(
                    self.env._("The instalment amount must be positive.")
                )

    def _kim_splitting(self):
        """True while an amendment or a write of the contract re-splits the
        instalments one by one; they check the total themselves. The context
        holds that record, which no RPC or import call can pass."""
        split = self.env.context.get("kim_instalment_split")
        return isinstance(split, models.BaseModel) and split._name in (
            "kim.forwarding.amendment",
            "kim.forwarding.contract",
        )

    @api.constrains("amount", "contract_id")
    def _check_contract_total(self):
        """F-10: the instalments of a contract never add up to more than the
        contract amount (an amendment re-splits them in one go)."""
        if self._kim_splitting():
            return
        for contract in self.contract_id:
            currency = contract.currency_id or self.env.company.currency_id
            total = sum(contract.instalment_ids.mapped("amount"))
            if currency.compare_amounts(total, contract.amount) > 0:
                raise ValidationError(
                    self.env._(
                        "The instalments of contract %(name)s would add up to "
                        "%(total)s, more than the contract amount of %(amount)s.",
                        name=contract.name,
                        total=format_amount(self.env, total, currency),
                        amount=format_amount(self.env, contract.amount, currency),
                    )
                )

    def _kim_erp_export_lines(self):
        """The exported lines of payment runs for the municipal ERP that hold
        these instalments."""
        # sudo: whether an instalment left for the ERP, for every role that may
        # change instalments (the payment runs are the treasury's)
        lines = self.env["kim.erp.export.line"].sudo()
        return lines.search(
            [("instalment_id", "in", self.ids), ("exported", "=", True)]
        )

    def _kim_sepa_order(self):
        """The SEPA payment order the instalment's bill waits in, if any."""
        # sudo: whether the bill waits in an order (the treasury's records),
        # so that it is not paid twice; only the order is returned
        return self.sudo().payment_order_id

    def _kim_check_not_exported(self, paying=False):
        lines = self._kim_erp_export_lines()
        if not lines:
            return
        inst, run = lines[0].instalment_id, lines[0].export_id
        if paying:
            raise UserError(
                self.env._(
                    "Instalment %(seq)s of %(contract)s was exported to the "
                    "municipal ERP in payment run %(run)s: the treasury pays it "
                    "from there.",
                    seq=inst.sequence,
                    contract=inst.contract_id.name,
                    run=run.name,
                )
            )
        raise UserError(
            self.env._(
                "Instalment %(seq)s of %(contract)s was exported to the "
                "municipal ERP in payment run %(run)s and cannot change any "
                "more.",
                seq=inst.sequence,
                contract=inst.contract_id.name,
                run=run.name,
            )
        )

    def write(self, vals):
        if "cash_reference" in vals and not kim_erp_exporting(self.env):
            raise UserError(
                self.env._("Only the export of a payment run sets these values.")
            )
        changing = records_changing(
            self, vals, ("amount", "due_date", "contract_id", "sequence")
        )
        if changing:
            changing._kim_check_not_exported()
        if records_changing(
            self.filtered("move_id"),
            vals,
            ("amount", "due_date", "contract_id", "sequence"),
        ):
            raise UserError(
                self.env._(
                    "A billed instalment is frozen; record an amendment instead."
                )
            )
        if "move_id" in vals and self.filtered(lambda i: i.state == "paid"):
            raise UserError(
                self.env._("The vendor bill of a paid instalment cannot be changed.")
            )
        contracts = self.contract_id
        res = super().write(vals)
        if {"amount", "contract_id"} & set(vals) and not self._kim_splitting():
            # F-10: once the contract is out of draft its instalments are
            # complete; one alone cannot change without the total going wrong
            (contracts | self.contract_id).filtered(
                lambda c: c.state != "draft"
            )._check_instalment_total()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        self._kim_check_not_exported()
        if self.filtered("move_id"):
            raise UserError(self.env._("A billed instalment cannot be deleted."))

    def _kim_lock(self):
        """Row lock against concurrent billing or payment (NOWAIT: the second
        transaction is refused instead of waiting)."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM kim_forwarding_instalment "
                        "WHERE id IN %s FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except psycopg2.errors.LockNotAvailable as exc:
            raise UserError(
                self.env._("This instalment is being processed by another user.")
            ) from exc
        self.invalidate_recordset(["move_id"])

    def _kim_expense_account(self):
        account = self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(self.company_id),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )
        if not account:
            raise UserError(self.env._("No expense account configured."))
        return account

    def action_bill(self):
        """Turn due instalments into posted vendor bills with the grant's
        analytic distribution."""
        self._kim_lock()
        if self.filtered("move_id"):
            raise UserError(self.env._("This instalment has already been billed."))
        if self.contract_id.filtered(lambda c: c.state != "active"):
            raise UserError(
                self.env._("Only instalments of active contracts can be billed.")
            )
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": inst.recipient_id.id,
                    "invoice_date": inst.due_date,
                    "invoice_date_due": inst.due_date,
                    "ref": f"{inst.contract_id.name} / {inst.sequence}",
                    "company_id": inst.company_id.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                # the bill's text in the Kreis' language
                                "name": kim_lang_env(inst)._(
                                    "%(contract)s: instalment %(seq)s",
                                    contract=inst.contract_id.name,
                                    seq=inst.sequence,
                                ),
                                "quantity": 1,
                                "price_unit": inst.amount,
                                "account_id": inst._kim_expense_account().id,
                                "tax_ids": [Command.clear()],
                                "kim_funding_category": inst.contract_id.category,
                                "analytic_distribution": {
                                    str(
                                        inst.contract_id.grant_id.analytic_account_id.id
                                    ): 100
                                },
                            }
                        )
                    ],
                }
                for inst in self
            ]
        )
        for inst, move in zip(self, moves, strict=True):
            inst.move_id = move
        moves.action_post()
        return True

    def action_add_to_payment_order(self):
        """F-5/F-7 (issue #19): put billed, unpaid instalments into the open
        SEPA payment order of their payment mode (OCA account_payment_order;
        a new one when there is none). The payment mode comes from the
        recipient's supplier payment mode when the bill has none."""
        self._kim_lock()
        self._kim_check_not_exported(paying=True)
        for inst in self:
            if inst.state != "billed" or inst.move_id.state != "posted":
                raise UserError(
                    self.env._(
                        "Instalment %(seq)s of %(contract)s: only billed, unpaid "
                        "instalments go into a payment order.",
                        seq=inst.sequence,
                        contract=inst.contract_id.name,
                    )
                )
            move = inst.move_id
            if not move.payment_mode_id:
                mode = move.commercial_partner_id.supplier_payment_mode_id
                if not mode:
                    raise UserError(
                        self.env._(
                            "%(partner)s has no supplier payment mode: set the SEPA "
                            "credit transfer on the contact's invoicing tab.",
                            partner=move.commercial_partner_id.name,
                        )
                    )
                move.payment_mode_id = mode
            inst._kim_check_payment_mode(move.payment_mode_id)
        return self.move_id.create_account_payment_line()

    def _kim_check_payment_mode(self, mode):
        """Odoo 18 books a payment only through an outstanding payments
        account of its journal's payment method: without one, an uploaded
        order would leave the bills unpaid. Refused up front."""
        journal = mode.fixed_journal_id
        if mode.bank_account_link != "fixed" or not journal:
            return
        lines = journal.outbound_payment_method_line_ids.filtered(
            lambda line: line.payment_method_id == mode.payment_method_id
        )
        if not lines.payment_account_id:
            raise UserError(
                self.env._(
                    "The bank journal %(journal)s has no outstanding payments "
                    "account for %(method)s: the payment order would not book "
                    "the payments against the bills. Set it on the journal's "
                    "outgoing payments.",
                    journal=journal.name,
                    method=mode.payment_method_id.name,
                )
            )

    def action_pay(self, journal=None, payment_date=None):
        """Register the payment of billed instalments; paying twice is refused
        (also while the bill waits in a SEPA payment order)."""
        self._kim_lock()
        self._kim_check_not_exported(paying=True)
        for inst in self:
            if not inst.move_id or inst.move_id.state != "posted":
                raise UserError(self.env._("Bill the instalment before paying it."))
            # sudo: whether the bill waits in a payment order the user may
            # not read (payment orders are the treasury's)
            order = inst.sudo().payment_order_id
            if order:
                raise UserError(
                    self.env._(
                        "Instalment %(seq)s of %(contract)s is in payment order "
                        "%(order)s: it is paid with that order's SEPA file.",
                        seq=inst.sequence,
                        contract=inst.contract_id.name,
                        order=order.name,
                    )
                )
            if inst.move_id.payment_state in ("paid", "in_payment", "partial"):
                raise UserError(
                    self.env._(
                        "Instalment %(seq)s of %(contract)s has already been paid.",
                        seq=inst.sequence,
                        contract=inst.contract_id.name,
                    )
                )
        ctx = {"active_model": "account.move", "active_ids": self.move_id.ids}
        vals = {"group_payment": False}
        if journal:
            vals["journal_id"] = journal.id
        if payment_date:
            vals["payment_date"] = payment_date
        wizard = self.env["account.payment.register"].with_context(**ctx).create(vals)
        wizard._create_payments()
        return True

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
