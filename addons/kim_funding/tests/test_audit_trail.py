# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KimFundingCommon


@tagged("post_install", "-at_install")
class TestFundingAuditTrail(KimFundingCommon):
    """Audit trail of the money (issue #7, scenario 7): contracts,
    instalments and payments with user and old/new values."""

    def _logs(self, model, res_ids, method, user):
        return self.env["auditlog.log"].search(
            [
                ("model_model", "=", model),
                ("res_id", "in", res_ids),
                ("method", "=", method),
                ("user_id", "=", user.id),
            ],
            order="id desc",
        )

    def _value(self, logs, field_name):
        lines = logs.line_ids.filtered(lambda line: line.field_name == field_name)
        self.assertTrue(lines, field_name)
        return lines[0]

    def test_contract_instalment_payment_logged(self):
        """F-7: changing a contract, billing and paying an instalment are
        logged with the user (finance) and the old and new values; the
        payment itself is logged when it is created."""
        contract = self._contract()
        contract.with_user(self.user_finance).write({"amount": 90000.0})
        line = self._value(
            self._logs(contract._name, contract.ids, "write", self.user_finance),
            "amount",
        )
        self.assertEqual((line.old_value, line.new_value), ("100000.0", "90000.0"))
        contract = self._active_contract()
        inst = contract.instalment_ids[0].with_user(self.user_finance)
        inst.action_bill()
        line = self._value(
            self._logs(inst._name, inst.ids, "write", self.user_finance), "move_id"
        )
        self.assertFalse(line.old_value)
        self.assertIn(str(inst.move_id.id), line.new_value)
        inst.action_pay(journal=self.bank_journal)
        payments = inst.move_id.matched_payment_ids
        self.assertEqual(len(payments), 1)
        logs = self._logs("account.payment", payments.ids, "create", self.user_finance)
        self.assertEqual(len(logs), 1)
        self.assertEqual(float(self._value(logs, "amount").new_value), inst.amount)

    def test_unlink_logged_with_values(self):
        """F-7: deleting a draft contract is logged with the values deleted."""
        contract = self._contract(name="Vertrag zum Löschen")
        contract_id = contract.id
        contract.with_user(self.user_lead).unlink()
        logs = self._logs(
            "kim.forwarding.contract", [contract_id], "unlink", self.user_lead
        )
        self.assertEqual(len(logs), 1)
        self.assertEqual(self._value(logs, "name").old_value, "Vertrag zum Löschen")
