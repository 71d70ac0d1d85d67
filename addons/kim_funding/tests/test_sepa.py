# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""F-5/F-7 (issue #19): instalments paid by SEPA credit transfer files made
with OCA account_payment_order and account_banking_sepa_credit_transfer."""

import base64

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import file_open

from odoo.addons.kim_case.tests.figures import report_figure

from .common import KimFundingCommon

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
KREIS_IBAN = "DE89370400440532013000"
CITY_IBAN = "DE02120300000000202051"


@tagged("post_install", "-at_install")
class TestSepaPaymentOrder(KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_finance.groups_id = [
            Command.link(cls.env.ref("account_payment_order.group_account_payment").id),
            Command.link(cls.env.ref("account.group_account_invoice").id),
        ]
        company = cls.env.company
        cls.bank_journal.bank_account_id = cls.env["res.partner.bank"].create(
            {"acc_number": KREIS_IBAN, "partner_id": company.partner_id.id}
        )
        cls.mode = cls.env["account.payment.mode"].create(
            {
                "name": "SEPA-Überweisung Kreiskasse",
                "payment_method_id": cls.env.ref(
                    "account_banking_sepa_credit_transfer.sepa_credit_transfer"
                ).id,
                "bank_account_link": "fixed",
                "fixed_journal_id": cls.bank_journal.id,
                "payment_order_ok": True,
                "default_date_prefered": "due",
            }
        )
        cls.outstanding = cls.env["account.account"].create(
            {
                "name": "Ausstehende Zahlungen SEPA",
                "code": "136199",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.method_line = cls.bank_journal.outbound_payment_method_line_ids.filtered(
            lambda line: line.payment_method_id == cls.mode.payment_method_id
        )
        cls.method_line.payment_account_id = cls.outstanding
        cls.env["res.partner.bank"].create(
            {"acc_number": CITY_IBAN, "partner_id": cls.org_city.id}
        )
        cls.org_city.supplier_payment_mode_id = cls.mode
        cls.contract = cls._active_contract()
        cls.instalments = cls.contract.instalment_ids.sorted("sequence")
        cls.instalments[:2].with_user(cls.user_finance).action_bill()

    def _generate(self, order):
        order.draft2open()
        order.open2generated()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "account.payment.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(len(attachment), 1)
        return base64.b64decode(attachment.datas)

    def _assert_valid_pain(self, xml):
        """The file against the scheme's own XSD (shipped with the OCA
        module), checked here independently of OCA's own validation."""
        with file_open(
            "account_banking_sepa_credit_transfer/data/pain.001.001.03.xsd", "rb"
        ) as xsd:
            schema = etree.XMLSchema(etree.parse(xsd))
        document = etree.fromstring(xml)
        schema.assertValid(document)
        return document

    def test_payment_file_valid_and_nothing_paid_twice(self):
        """F-5/F-7: two billed instalments in one payment order; the pain.001
        is valid against the XSD and carries both amounts to the city's IBAN;
        every second way of paying them is refused; once uploaded, both are
        paid."""
        first, second = self.instalments[:2]
        Instalment = self.env["kim.forwarding.instalment"].with_user(self.user_finance)
        (first | second).with_user(self.user_finance).action_add_to_payment_order()
        order = first.with_user(self.user_finance).payment_order_id
        self.assertTrue(order)
        self.assertEqual(second.with_user(self.user_finance).payment_order_id, order)
        self.assertEqual(order.payment_mode_id, self.mode)
        self.assertEqual(len(order.payment_line_ids), 2)
        duplicates = 0
        # again: refused, also one by one, and the manual payment too
        for attempt in (
            lambda: first.with_user(self.user_finance).action_add_to_payment_order(),
            lambda: Instalment.browse(second.id).action_pay(),
        ):
            with self.assertRaises(UserError):
                attempt()
        # a second order made by hand with the same journal item: refused
        other = self.env["account.payment.order"].create(
            {"payment_mode_id": self.mode.id}
        )
        payable = first._kim_payable_lines()
        with self.assertRaises(ValidationError):
            payable.create_payment_line_from_move_line(other)
            self.env.flush_all()
        self.assertFalse(other.payment_line_ids.exists())
        content = self._generate(order.with_user(self.user_finance))
        document = self._assert_valid_pain(content)
        amounts = sorted(
            float(node.text) for node in document.iter(f"{{{NS}}}InstdAmt")
        )
        self.assertEqual(amounts, sorted([first.amount, second.amount]))
        ibans = {node.text for node in document.iter(f"{{{NS}}}IBAN")}
        self.assertEqual(ibans, {KREIS_IBAN, CITY_IBAN})
        self.assertEqual(
            float(document.find(f".//{{{NS}}}GrpHdr/{{{NS}}}CtrlSum").text),
            first.amount + second.amount,
        )
        order.with_user(self.user_finance).generated2uploaded()
        self.assertEqual((first | second).mapped("state"), ["paid", "paid"])
        # paid: into no further order, not paid by hand
        with self.assertRaises(UserError):
            first.with_user(self.user_finance).action_add_to_payment_order()
        with self.assertRaises(ValidationError):
            payable.create_payment_line_from_move_line(other)
            self.env.flush_all()
        paid_twice = self.env["account.payment.line"].search_count(
            [("move_line_id", "in", payable.ids), ("state", "!=", "cancel")]
        )
        duplicates += paid_twice - 1
        self.assertEqual(duplicates, 0)
        report_figure("payment_files_valid", 2, 2)
        report_figure("duplicate_payments", duplicates)

    def test_missing_payment_mode_refused(self):
        """A recipient without a payment mode: a clear message, no order."""
        self.org_city.supplier_payment_mode_id = False
        third = self.instalments[2]
        third.with_user(self.user_finance).action_bill()
        third.move_id.payment_mode_id = False
        with self.assertRaisesRegex(UserError, "payment mode"):
            third.with_user(self.user_finance).action_add_to_payment_order()
        self.assertFalse(third.with_user(self.user_finance).payment_order_id)

    def test_journal_without_outstanding_account_refused(self):
        """Without an outstanding payments account Odoo 18 would not book the
        payments: the order would be uploaded and the bills stay unpaid."""
        self.method_line.payment_account_id = False
        with self.assertRaisesRegex(UserError, "outstanding payments"):
            self.instalments[0].with_user(
                self.user_finance
            ).action_add_to_payment_order()

    def test_planned_instalment_refused(self):
        """Only billed, unpaid instalments go into a payment order."""
        with self.assertRaises(UserError):
            self.instalments[3].with_user(
                self.user_finance
            ).action_add_to_payment_order()
