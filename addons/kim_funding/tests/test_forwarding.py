# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import YEAR, KimFundingCommon


@tagged("post_install", "-at_install")
class TestForwarding(KimFundingCommon):
    def test_welfare_activation_needs_consent(self):
        """F-5: a welfare contract is not activated without ministry consent,
        concept justification and the JMD/MBE declaration."""
        contract = self._contract(self.org_welfare, "welfare")
        contract.action_to_sign()
        contract.action_sign()
        with self.assertRaisesRegex(UserError, "ministry consent"):
            contract.with_user(self.user_lead).action_approve()
        self.assertFalse(contract.approved_by_id)
        contract.write(
            {
                "ministry_consent_date": date(YEAR, 1, 5),
                "consent_attachment_ids": [self._document("zustimmung.pdf").id],
                "concept_attachment_ids": [self._document("konzept.pdf").id],
            }
        )
        with self.assertRaisesRegex(UserError, "JMD/MBE"):
            contract.with_user(self.user_lead).action_approve()
        contract.outside_jmd_mbe = True
        contract.with_user(self.user_lead).action_approve()
        contract.with_user(self.user_finance).action_release()
        self.assertEqual(contract.state, "active")

    def test_two_person_activation(self):
        """F-7: KI approval, then finance release by another user; the
        contract binds the employer to supervision, meetings and reports."""
        contract = self._contract()
        self.assertTrue(
            contract.cond_supervision
            and contract.cond_team_meetings
            and contract.cond_reporting
            and contract.cond_repayment
        )
        contract.action_to_sign()
        contract.action_sign()
        with self.assertRaises(UserError):
            contract.with_user(self.user_finance).action_release()
        with self.assertRaises(UserError):
            contract.with_user(self.user_finance).action_approve()
        both = self.user_lead
        both.groups_id |= self.env.ref("kim_case.group_kim_finance")
        contract.with_user(both).action_approve()
        with self.assertRaisesRegex(UserError, "two different users"):
            contract.with_user(both).action_release()
        self.assertEqual(contract.state, "signed")
        self.assertFalse(contract.instalment_ids)
        contract.with_user(self.user_finance).action_release()
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.released_by_id, self.user_finance)

    def test_quarterly_instalments(self):
        """F-10: the financing modality (quarterly instalments) is fixed in
        the contract; instalments sum exactly to the amount."""
        contract = self._active_contract(amount=100000.01)
        self.assertEqual(len(contract.instalment_ids), 4)
        self.assertAlmostEqual(sum(contract.instalment_ids.mapped("amount")), 100000.01)
        self.assertEqual(
            contract.instalment_ids.mapped("due_date"),
            [date(YEAR, m, 1) for m in (1, 4, 7, 10)],
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["kim.forwarding.instalment"].create(
                    {
                        "contract_id": contract.id,
                        "sequence": 1,
                        "due_date": date(YEAR, 1, 1),
                        "amount": 1.0,
                    }
                )

    def test_bill_pay_once_frozen(self):
        """F-7: an instalment becomes a vendor bill with the grant's analytic
        distribution; billing or paying twice and cancelling a paid bill are
        refused; billed figures are frozen."""
        contract = self._active_contract()
        inst = contract.instalment_ids[0].with_user(self.user_finance)
        self.assertTrue(inst.with_context(lang="en_US").action_bill())
        move = inst.move_id
        self.assertEqual(move.move_type, "in_invoice")
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.partner_id, self.org_city)
        line = move.invoice_line_ids
        # issue #18: the bill's text in the Kreis' language, whoever bills it
        self.assertEqual(line.name, f"{contract.name}: Rate 1")
        self.assertEqual(
            line.analytic_distribution,
            {str(self.grant_b2.analytic_account_id.id): 100},
        )
        self.assertEqual(inst.state, "billed")
        with self.assertRaisesRegex(UserError, "already been billed"):
            inst.action_bill()
        with self.assertRaisesRegex(UserError, "frozen"):
            inst.amount = 1.0
        with self.assertRaisesRegex(UserError, "frozen"):
            contract.amount = 1.0
        # written again with its own figures (a data file, a re-import of an
        # export): nothing changes, nothing is refused
        contract.write({"amount": contract.amount, "grant_id": contract.grant_id.id})
        inst.write({"amount": inst.amount, "due_date": str(inst.due_date)})
        with self.assertRaisesRegex(UserError, "frozen"):
            inst.write({"amount": inst.amount, "due_date": "2030-01-01"})
        inst.action_pay(journal=self.bank_journal)
        self.assertEqual(inst.state, "paid")
        with self.assertRaisesRegex(UserError, "already been paid"):
            inst.action_pay(journal=self.bank_journal)
        self.assertEqual(len(move.matched_payment_ids), 1)
        with self.assertRaisesRegex(UserError, "paid forwarding instalment"):
            move.with_user(self.user_finance).button_draft()
        with self.assertRaises(UserError):
            inst.unlink()
        self.assertEqual(contract.amount_paid, 25000.0)
        self.assertEqual(contract.amount_open, 75000.0)

    def test_forwarding_counts_against_grant(self):
        """F-2: forwarded instalments are expenses of the grant's category and
        cannot exceed its cap."""
        contract = self._active_contract(amount=1000000.0, instalment_count="1")
        # issue #18: the amount in the user's format (German: 910.000,00 €)
        with self.assertRaisesRegex(UserError, "verbleibend 910.000,00\xa0€"):
            contract.instalment_ids.with_user(self.user_finance).with_context(
                lang="de_DE"
            ).action_bill()


@tagged("post_install", "-at_install")
class TestForwardingYearEnd(KimFundingCommon):
    def test_amendment_and_refund(self):
        """F-7: figures change only by a recorded amendment; F-8: the
        recipient's proof of use yields the refund as a customer invoice that
        credits the grant's category."""
        contract = self._active_contract()
        insts = contract.instalment_ids.with_user(self.user_finance)
        for inst in insts[:2]:
            inst.action_bill()
            inst.action_pay(journal=self.bank_journal)
        amendment = self.env["kim.forwarding.amendment"].with_user(self.user_finance)
        with self.assertRaises(UserError):
            amendment.create(
                {
                    "contract_id": contract.id,
                    "reason": "zu wenig",
                    "amount_new": 40000,
                    "fte_new": 1.0,
                }
            ).action_apply()
        amendment = amendment.create(
            {
                "contract_id": contract.id,
                "reason": "Stellenanteil reduziert",
                "amount_new": 80000,
                "fte_new": 1.5,
            }
        )
        amendment.action_apply()
        self.assertEqual((contract.amount, contract.fte), (80000.0, 1.5))
        self.assertEqual((amendment.amount_old, amendment.fte_old), (100000.0, 2.0))
        self.assertEqual(insts.mapped("amount"), [25000.0, 25000.0, 15000.0, 15000.0])
        # F-10 (issue #17 §1): an applied amendment is history; its old
        # figures and state are set by applying it, never entered (RPC)
        for vals in ({"amount_new": 90000}, {"reason": "anders"}, {"applied": False}):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                amendment.write(vals)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            amendment.create(
                {
                    "contract_id": contract.id,
                    "reason": "vorgetäuscht",
                    "amount_new": 80000,
                    "fte_new": 1.5,
                    "applied": True,
                    "amount_old": 1.0,
                }
            )
        draft = amendment.create(
            {
                "contract_id": contract.id,
                "reason": "Entwurf",
                "amount_new": 80000,
                "fte_new": 1.5,
            }
        )
        with self.assertRaises(UserError), self.env.cr.savepoint():
            draft.write({"applied": True, "fte_old": 9.0})
        self.assertEqual((amendment.amount_new, amendment.applied), (80000.0, True))
        cut = amendment.create(
            {
                "contract_id": contract.id,
                "reason": "Stelle entfällt ab Jahresmitte",
                "amount_new": 50000,
                "fte_new": 1.0,
            }
        )
        cut.action_apply()
        # F-7: cut to what is billed, the planned instalments go (none of 0 €)
        self.assertEqual(contract.amount, 50000.0)
        self.assertEqual(contract.instalment_ids.mapped("amount"), [25000.0, 25000.0])
        budget = self.grant_b2.budget_ids
        spent_before = budget.amount_spent
        contract.with_user(self.user_finance).proof_actual_amount = 45000.0
        self.assertEqual(contract.amount_refund, 5000.0)  # 50,000 - 45,000
        contract.with_user(self.user_finance).action_create_refund()
        move = contract.refund_move_id
        self.assertEqual(move.move_type, "out_invoice")
        self.assertEqual(move.partner_id, self.org_city)
        self.assertEqual(move.amount_total, 5000.0)
        self.assertEqual(contract.state, "settled")
        budget.invalidate_recordset()
        self.assertEqual(budget.amount_spent, spent_before - 5000.0)
        self.assertEqual(self.grant_b2.amount_reclaim, 5000.0)
        with self.assertRaises(UserError):
            contract.with_user(self.user_finance).action_create_refund()
