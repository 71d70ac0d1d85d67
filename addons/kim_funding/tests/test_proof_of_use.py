# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile
from datetime import date

from freezegun import freeze_time

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
        # issue #18: in German for a German user (12.345,00 €)
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="de_DE")
            ._render_qweb_html("kim_funding.action_report_proof_of_use", proof.ids)[0]
            .decode()
        )
        self.assertIn("385.000,00</span>\xa0€", html)
        self.assertIn("525.000,00</span>\xa0€", html)
        self.assertIn(self.org_city.name, html)
        proof.action_submit()
        self.assertEqual(self.grant_b2.state, "proof_submitted")
        with self.assertRaises(UserError):
            proof.report_text = "<p>geändert</p>"

    def test_xlsx_export_one_file_per_proof(self):
        """Issue #19 (F-8): exporting the proof of use again replaces its
        stored XLSX instead of adding a file per click; the chatter names who
        exported it, each time."""
        proof = (
            self.env["kim.proof.of.use"]
            .with_user(self.user_finance)
            .with_context(lang="de_DE")
            .create({"grant_id": self.grant_b2.id, "report_text": "<p>Bericht</p>"})
        )
        Attachment = self.env["ir.attachment"]
        domain = [("res_model", "=", proof._name), ("res_id", "=", proof.id)]
        action = proof.action_export_xlsx()
        attachment = Attachment.search(domain)
        self.assertEqual(len(attachment), 1)
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        self.assertEqual(attachment.name, f"verwendungsnachweis_{proof.year}.xlsx")
        self.assertEqual(attachment.create_uid, self.user_finance)
        proof.with_user(self.user_lead).action_export_xlsx()
        self.assertEqual(Attachment.search(domain), attachment)
        self.assertEqual(attachment.write_uid, self.user_lead)
        self.assertTrue(attachment.datas)
        authors = proof.message_ids.filtered(
            lambda m: "XLSX" in (m.body or "")
        ).author_id
        self.assertEqual(
            authors, self.user_finance.partner_id | self.user_lead.partner_id
        )

    def test_due_date_in_working_days(self):
        """F-8: the proof of use is due six months (dated rule) after the end
        of the funding period; when that day is a weekend or public holiday
        it moves to the next working day; the form and list show the working
        days left, the overdue filter finds it once the day has passed."""
        Proof = self.env["kim.proof.of.use"].with_user(self.user_finance)

        def proof_for(end, baustein="2"):
            # a grant is year-bound (F-4): one grant per year of the examples,
            # in years the demo Kreis has none
            grant = self.env["kim.grant"].create(
                {
                    "name": f"Zuwendung {end.year}",
                    "baustein": baustein,
                    "year": end.year,
                    "date_start": date(end.year, 1, 1),
                    "date_end": end,
                }
            )
            return Proof.create({"grant_id": grant.id})

        for end, baustein, due in (
            (date(2027, 11, 27), "3", date(2028, 5, 29)),  # Saturday 27 May 2028
            # Ascension Day 2030 (Thursday 30 May): the next working day
            (date(2029, 11, 30), "2", date(2030, 5, 31)),
        ):
            self.assertEqual(proof_for(end, baustein).date_due, due, end)
        proof = proof_for(date(2027, 12, 31))
        self.assertEqual(proof.date_due, date(2028, 6, 30))  # a Friday
        with freeze_time("2028-06-21"):
            proof.invalidate_recordset(["days_left", "is_overdue"])
            self.assertEqual(proof.days_left, 7)
            self.assertFalse(Proof.search([("is_overdue", "=", True)]) & proof)
        with freeze_time("2028-07-03"):
            proof.invalidate_recordset(["days_left", "is_overdue"])
            self.assertEqual(proof.days_left, -1)
            self.assertIn(proof, Proof.search([("is_overdue", "=", True)]))
        # the KIM lead edits the figure: four months
        rule = self.env.ref("kim_funding.deadline_proof_of_use")
        rule.with_user(self.user_lead).value = 4
        # Sunday 30 April 2028, then Tag der Arbeit: Tuesday 2 May
        self.assertEqual(proof.date_due, date(2028, 5, 2))
