# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KimFundingCommon


@tagged("post_install", "-at_install")
class TestProofOfUse(KimFundingCommon):
    def test_figures_refund_xlsx(self):
        """F-8: proof of use from accounting: income, expenses per category,
        forwarded amounts per recipient, refund; XLSX export; frozen once
        submitted."""
        self._bill(self.grant_b2, "flat_rate", 500000.0)
        contract = self._active_contract()
        inst = contract.instalment_ids[0].with_user(self.user_finance)
        inst.action_bill()
        inst.action_pay(journal=self.bank_journal)
        proof = (
            self.env["kim.proof.of.use"]
            .with_user(self.user_finance)
            .create({"grant_id": self.grant_b2.id, "report_text": "<p>Sachbericht</p>"})
        )
        figures = proof._kim_figures()
        self.assertEqual(figures["expenses"], {"flat_rate": 525000.0})
        self.assertEqual(figures["forwarded"], {self.org_city.name: 25000.0})
        self.assertEqual(proof.amount_income, 910000.0)
        self.assertEqual(proof.amount_refund, 385000.0)
        data = proof._kim_xlsx()
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
        self.assertIn(self.org_city.name, strings)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("kim_funding.action_report_proof_of_use", proof.ids)[0]
            .decode()
        )
        self.assertIn("o_kim_refund", html)
        self.assertIn("385,000.00", html)
        self.assertIn(self.org_city.name, html)
        proof.action_submit()
        self.assertEqual(self.grant_b2.state, "proof_submitted")
        with self.assertRaises(UserError):
            proof.report_text = "<p>geändert</p>"
