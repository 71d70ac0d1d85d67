# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #7, scenario 6 (money): one payment per instalment (under two
concurrent transactions: test_race.py); paid instalments cannot be un-paid;
interrupted batch jobs re-run without duplicates."""

from functools import partial
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from odoo.addons.kim_case.tests.figures import report_figure

from .common import KimFundingCommon


def _duplicate_payments(instalments):
    """Instalments whose bill is settled by more than one live payment."""
    return len(
        instalments.filtered(
            lambda inst: (
                len(
                    inst.move_id.matched_payment_ids.filtered(
                        lambda p: p.state != "canceled"
                    )
                )
                > 1
            )
        )
    )


class TestMoney(KimFundingCommon):
    def test_unique_instalment_and_bill(self):
        """F-10: (contract, instalment number) is unique in the database, and
        one vendor bill can settle one instalment only."""
        self.env.cr.execute(
            """SELECT pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'kim_forwarding_instalment'::regclass
                  AND contype = 'u'"""
        )
        definitions = {row[0] for row in self.env.cr.fetchall()}
        self.assertIn("UNIQUE (contract_id, sequence)", definitions)
        self.assertIn("UNIQUE (move_id)", definitions)
        contract = self._active_contract()
        first, second = contract.instalment_ids[:2]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                second.sequence = first.sequence
                self.env.flush_all()
        first.with_user(self.user_finance).action_bill()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                second.move_id = first.move_id
                self.env.flush_all()

    def test_paid_instalment_cannot_be_cancelled(self):
        """F-7: neither the bill nor the payment of a paid instalment can be
        reset, cancelled or deleted, and the instalment keeps its bill."""
        contract = self._active_contract()
        inst = contract.instalment_ids[0].with_user(self.user_finance)
        inst.action_bill()
        inst.action_pay(journal=self.bank_journal)
        self.assertEqual(inst.state, "paid")
        move = inst.move_id.with_user(self.user_finance)
        payment = move.matched_payment_ids.with_user(self.user_finance)
        self.assertEqual(len(payment), 1)
        attempts = [
            (move.button_draft, "paid forwarding instalment"),
            (move.button_cancel, "paid forwarding instalment"),
            (payment.action_draft, "settles a paid forwarding instalment"),
            (payment.action_cancel, "settles a paid forwarding instalment"),
            (payment.unlink, "settles a paid forwarding instalment"),
            (partial(inst.write, {"move_id": False}), "paid instalment"),
            (inst.with_user(self.user_lead).unlink, "cannot be deleted"),
        ]
        for action, message in attempts:
            with self.subTest(message=message), self.env.cr.savepoint():
                with self.assertRaisesRegex(UserError, message):
                    action()
        inst.invalidate_recordset()
        self.assertEqual(inst.state, "paid")
        self.assertEqual(inst.move_id, move)
        self.assertNotIn(payment.state, ("draft", "canceled"))
        self.assertEqual(_duplicate_payments(contract.instalment_ids), 0)

    def test_instalment_generation_rerun(self):
        """F-10: the instalment generation interrupted after part of the
        instalments re-runs without creating any instalment twice."""
        contract = self._active_contract(amount=100000.01)
        Instalment = self.env["kim.forwarding.instalment"]
        contract.instalment_ids.filtered(lambda i: i.sequence > 2).unlink()
        created = contract._kim_create_instalments()
        self.assertEqual(created.mapped("sequence"), [3, 4])
        self.assertFalse(contract._kim_create_instalments())
        self.assertEqual(contract.instalment_ids.mapped("sequence"), [1, 2, 3, 4])
        self.assertAlmostEqual(sum(contract.instalment_ids.mapped("amount")), 100000.01)
        domain = [("contract_id", "=", contract.id)]
        self.assertEqual(Instalment.search_count(domain), 4)

    def test_payment_run_killed_and_rerun(self):
        """F-7: a payment run killed after the payment was created leaves
        nothing behind; the re-run pays each instalment exactly once."""
        contract = self._active_contract()
        insts = contract.instalment_ids[:2].with_user(self.user_finance)
        insts.action_bill()
        Register = type(self.env["account.payment.register"])
        original = Register._create_payments
        Payment = self.env["account.payment"]
        before = Payment.search_count([])

        def killed(wizard):
            original(wizard)
            raise RuntimeError("worker killed")

        with patch.object(Register, "_create_payments", killed):
            with self.assertRaises(RuntimeError), self.env.cr.savepoint():
                insts.action_pay(journal=self.bank_journal)
        self.env.invalidate_all()
        self.assertEqual(Payment.search_count([]), before)
        self.assertEqual(set(insts.mapped("state")), {"billed"})
        insts.action_pay(journal=self.bank_journal)
        with self.assertRaisesRegex(UserError, "already been paid"):
            insts.action_pay(journal=self.bank_journal)
        self.assertEqual(set(insts.mapped("state")), {"paid"})
        self.assertEqual(Payment.search_count([]), before + 2)
        duplicates = _duplicate_payments(contract.instalment_ids)
        self.assertEqual(duplicates, 0)
        report_figure("duplicate_payments", duplicates)
