# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #7, scenario 6 (money): one payment per instalment, also under two
concurrent transactions; paid instalments cannot be un-paid; interrupted
batch jobs re-run without duplicates."""

import faulthandler
import tempfile
import threading
from datetime import date
from functools import partial
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, tagged
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


@tagged("post_install", "-at_install")
class TestMoneyRace(TransactionCase):
    """Two real transactions (own cursors, committed data) pay the same
    instalment at the same moment. Needs the demo grant and finance user."""

    def _committed_instalment(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            grant = env.ref("kim_demo.grant_demo_b2_2026", raise_if_not_found=False)
            finance = env.ref("kim_demo.user_demo_finance", raise_if_not_found=False)
            if not (grant and finance and grant.company_id.chart_template):
                return None, None
            contract = env["kim.forwarding.contract"].create(
                {
                    "name": "Wettlauf-Test",
                    "grant_id": grant.id,
                    "recipient_id": env.ref("kim_demo.partner_demo_stadt_ahlen").id,
                    "recipient_type": "municipality",
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 12, 31),
                    "amount": 1234.56,
                    "instalment_count": "1",
                    "state": "active",
                }
            )
            inst = contract._kim_create_instalments()
            inst.with_user(finance).action_bill()
            cr.commit()  # pylint: disable=invalid-commit
            return inst.id, finance.id

    def _cleanup(self, inst_id):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT contract_id, move_id FROM kim_forwarding_instalment "
                "WHERE id = %s",
                [inst_id],
            )
            contract_id, bill_id = cr.fetchone()
            cr.execute(
                "SELECT payment_id FROM account_move__account_payment "
                "WHERE invoice_id = %s",
                [bill_id],
            )
            payment_ids = [row[0] for row in cr.fetchall()] or [0]
            cr.execute(
                "SELECT move_id FROM account_payment WHERE id = ANY(%s) "
                "AND move_id IS NOT NULL",
                [payment_ids],
            )
            move_ids = [bill_id] + [row[0] for row in cr.fetchall()]
            cr.execute(
                "SELECT id, full_reconcile_id FROM account_move_line "
                "WHERE move_id = ANY(%s)",
                [move_ids],
            )
            rows = cr.fetchall()
            line_ids = [row[0] for row in rows]
            full_ids = [row[1] for row in rows if row[1]] or [0]
            for query, params in (
                (
                    "DELETE FROM account_partial_reconcile WHERE "
                    "debit_move_id = ANY(%s) OR credit_move_id = ANY(%s)",
                    [line_ids, line_ids],
                ),
                (
                    "UPDATE account_move_line SET full_reconcile_id = NULL "
                    "WHERE id = ANY(%s)",
                    [line_ids],
                ),
                ("DELETE FROM account_full_reconcile WHERE id = ANY(%s)", [full_ids]),
                (
                    "UPDATE kim_forwarding_instalment SET move_id = NULL WHERE id = %s",
                    [inst_id],
                ),
                (
                    "UPDATE account_move SET origin_payment_id = NULL "
                    "WHERE id = ANY(%s)",
                    [move_ids],
                ),
                ("DELETE FROM account_payment WHERE id = ANY(%s)", [payment_ids]),
                ("DELETE FROM account_move WHERE id = ANY(%s)", [move_ids]),
                (
                    "DELETE FROM kim_forwarding_instalment WHERE contract_id = %s",
                    [contract_id],
                ),
                ("DELETE FROM kim_forwarding_contract WHERE id = %s", [contract_id]),
            ):
                cr.execute(query, params)
            cr.commit()  # pylint: disable=invalid-commit

    def test_two_cursors_pay_once(self):
        """F-7: two finance sessions pay the same instalment at the same
        time: exactly one payment; the other session is refused (the
        instalment is locked or already paid)."""
        inst_id, finance_id = self._committed_instalment()
        if not inst_id:
            self.skipTest("needs the demo grant, finance user and chart of accounts")
        barrier = threading.Barrier(2, timeout=30)
        outcomes = []

        def pay():
            with self.registry.cursor() as cr:
                # the registry is passed on: looking it up by name would wait
                # for the registry lock the test runner holds
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, finance_id, {})
                try:
                    barrier.wait()
                    for _attempt in range(3):
                        try:
                            inst = env["kim.forwarding.instalment"].browse(inst_id)
                            inst.action_pay()
                            env.flush_all()
                            cr.commit()  # pylint: disable=invalid-commit
                            outcomes.append("paid")
                            return
                        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                            # retried like an RPC call (odoo.service.model)
                            cr.rollback()
                    outcomes.append("still conflicting after 3 attempts")
                except UserError as exc:
                    cr.rollback()
                    outcomes.append(str(exc))
                except Exception as exc:  # reported by the assertions below
                    cr.rollback()
                    outcomes.append(f"unexpected {exc!r}")

        try:
            with mute_logger("odoo.sql_db", "odoo.service.model"):
                threads = [threading.Thread(target=pay) for _i in range(2)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=60)
            if any(thread.is_alive() for thread in threads):
                with tempfile.TemporaryFile("w+") as stacks:
                    faulthandler.dump_traceback(stacks)
                    stacks.seek(0)
                    self.fail("a paying session hangs:\n" + stacks.read())
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                inst = env["kim.forwarding.instalment"].browse(inst_id)
                payments = inst.move_id.matched_payment_ids.filtered(
                    lambda p: p.state != "canceled"
                )
                state = inst.state
                duplicates = _duplicate_payments(inst)
        finally:
            self._cleanup(inst_id)
        self.assertEqual(len(outcomes), 2, outcomes)
        self.assertEqual(outcomes.count("paid"), 1, outcomes)
        refusal = next(o for o in outcomes if o != "paid")
        self.assertRegex(refusal, "another user|already been paid")
        self.assertEqual(len(payments), 1)
        self.assertEqual(state, "paid")
        self.assertEqual(duplicates, 0)
        report_figure("duplicate_payments", duplicates)
