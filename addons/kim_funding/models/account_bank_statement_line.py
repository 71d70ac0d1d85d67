# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    def _kim_reconcile_funding(self):
        """Reconcile imported bank lines with forwarding instalments (outgoing)
        and with grant income or refund invoices (incoming), through the OCA
        reconciliation (account_reconcile_oca). A line is matched only when
        partner (from the IBAN) and amount agree and the choice is unique
        (the reference "<contract> / <instalment>" decides between equal
        amounts); everything else stays for manual reconciliation."""
        lines = self.filtered(lambda line: not line.is_reconciled and line.partner_id)
        if not lines:
            return self.browse()
        partners = lines.partner_id
        instalments = self.env["kim.forwarding.instalment"].search(
            [("recipient_id", "in", partners.ids), ("move_id.state", "=", "posted")]
        )
        invoices = self.env["account.move"].search(
            [
                ("partner_id", "in", partners.ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial", "in_payment")),
                "|",
                ("kim_grant_id", "!=", False),
                ("kim_refund_contract_ids", "!=", False),
            ]
        )
        done = self.browse()
        used = self.env["account.move.line"]
        for line in lines:
            if line.amount < 0:
                counterparts = self._kim_instalment_counterparts(
                    line, instalments, used
                )
            else:
                counterparts = self._kim_invoice_counterparts(line, invoices, used)
            if counterparts and line._kim_reconcile_with(counterparts):
                used |= counterparts
                done |= line
        return done

    def _kim_text(self):
        return " ".join(filter(None, [self.payment_ref, self.ref, self.narration]))

    def _kim_instalment_counterparts(self, line, instalments, used):
        currency = line.currency_id
        text = line._kim_text()
        candidates = []
        for inst in instalments.filtered(
            lambda i: (
                i.recipient_id == line.partner_id
                and not currency.compare_amounts(i.amount, -line.amount)
            )
        ):
            amls = inst._kim_open_bank_counterparts() - used
            if amls and not currency.compare_amounts(
                sum(amls.mapped("balance")), line.amount
            ):
                ref = f"{inst.contract_id.name} / {inst.sequence}"
                candidates.append((ref in text, amls))
        return self._kim_pick(candidates)

    def _kim_invoice_counterparts(self, line, invoices, used):
        currency = line.currency_id
        text = line._kim_text()
        candidates = []
        for move in invoices.filtered(
            lambda m: (
                m.partner_id == line.partner_id
                and not currency.compare_amounts(m.amount_residual, line.amount)
            )
        ):
            amls = (
                move.line_ids.filtered(
                    lambda aml: (
                        aml.account_id.account_type == "asset_receivable"
                        and not aml.reconciled
                    )
                )
                - used
            )
            if amls:
                refs = [move.name, move.ref, move.kim_grant_id.notice_number]
                candidates.append((any(r and r in text for r in refs), amls))
        return self._kim_pick(candidates)

    def _kim_pick(self, candidates):
        by_ref = [amls for hit, amls in candidates if hit]
        if len(by_ref) == 1:
            return by_ref[0]
        if not by_ref and len(candidates) == 1:
            return candidates[0][1]
        return self.env["account.move.line"]

    def _kim_reconcile_with(self, counterparts):
        """Reconcile with the OCA widget logic (as the finance user would)."""
        self.ensure_one()
        self.reconcile_data_info = self._default_reconcile_data(from_unreconcile=True)
        for aml in counterparts:
            self._add_account_move_line(aml, keep_current=True)
        if not self.can_reconcile:
            return False
        self.reconcile_bank_line()
        return self.is_reconciled
