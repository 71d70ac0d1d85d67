# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
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
        # 525,000 of 910,000 planned: over 20 % below plan, explained
        self.grant_b2.budget_ids.deviation_note = "Stellen später besetzt"
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


@tagged("post_install", "-at_install")
class TestProofOfUseFinancingPlan(KimFundingCommon):
    """F-8 (issue #19): the numerical proof as the ANBest-P asks for it: plan
    against actual per item of the financing plan, the deviations over the
    allowed share (the rule's, 20 %) explained, the list of vouchers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bill(cls.grant_b1, "consulting", 2000)
        cls._bill(cls.grant_b1, "implementation", 4000)
        cls._bill(cls.grant_b1, "implementation", 5000)
        plans = {"consulting": 2500, "implementation": 6000}
        for budget in cls.grant_b1.budget_ids:
            budget.with_user(cls.user_finance).amount_plan = plans.get(
                budget.category, 0.0
            )
        cls.proof = (
            cls.env["kim.proof.of.use"]
            .with_user(cls.user_finance)
            .create({"grant_id": cls.grant_b1.id, "report_text": "<p>Sachbericht</p>"})
        )

    def _actual(self, category):
        """The grant's posted costs of a category, summed here from the
        journal items."""
        account = str(self.grant_b1.analytic_account_id.id)
        lines = self.env["account.move.line"].search(
            [("parent_state", "=", "posted"), ("kim_funding_category", "=", category)]
        )
        return sum(
            line.balance * (line.analytic_distribution or {}).get(account, 0) / 100
            for line in lines
        )

    def test_plan_actual_deviation(self):
        """Plan, actual and deviation per item against the journal items: the
        consulting costs 20 % below plan are within the limit, the
        implementation 50 % above it is flagged."""
        rows = {b.category: b for b in self.proof._kim_financing_plan()}
        self.assertEqual(self.grant_b1.rule_id.deviation_percent, 20.0)
        for category, plan in (("consulting", 2500), ("implementation", 6000)):
            with self.subTest(category=category):
                row = rows[category]
                actual = self._actual(category)
                self.assertEqual(row.amount_plan, plan)
                self.assertEqual(row.amount_spent, actual)
                self.assertEqual(row.amount_deviation, actual - plan)
                self.assertAlmostEqual(
                    row.deviation_percent, (actual - plan) / plan * 100
                )
        self.assertAlmostEqual(rows["consulting"].deviation_percent, -20.0)
        self.assertFalse(rows["consulting"].deviation_exceeded)
        self.assertTrue(rows["implementation"].deviation_exceeded)
        self.assertEqual(
            [c for c, row in rows.items() if row.deviation_exceeded],
            ["implementation"],
        )
        # the allowed share is the year's rule (dated data)
        self.grant_b1.rule_id.deviation_percent = 60.0
        self.proof.grant_id.budget_ids.invalidate_recordset()
        self.assertFalse(rows["implementation"].deviation_exceeded)

    def test_deviation_explained_before_submit(self):
        """A deviation over the limit needs its explanation: submitting
        without one is refused naming the item, and changes nothing."""
        with self.assertRaisesRegex(UserError, "Implementation"):
            self.proof.with_user(self.user_finance).action_submit()
        self.assertEqual(self.proof.state, "draft")
        budget = self.grant_b1.budget_ids.filtered(
            lambda b: b.category == "implementation"
        )
        budget.with_user(
            self.user_finance
        ).deviation_note = "Zusätzliche Sprachmittlung nach Zuzug"
        self.proof.with_user(self.user_finance).action_submit()
        self.assertEqual(self.proof.state, "submitted")

    def test_negative_plan_refused(self):
        budget = self.grant_b1.budget_ids[:1]
        with self.assertRaises(ValidationError):
            budget.with_user(self.user_finance).amount_plan = -1

    def test_vouchers_and_sheets(self):
        """The list of vouchers has every journal item charged to the grant;
        the XLSX has the financing plan, the vouchers and the staff list."""
        vouchers = self.proof._kim_voucher_lines()
        self.assertEqual(sorted(v["amount"] for v in vouchers), [2000, 4000, 5000])
        self.assertEqual({v["payee"] for v in vouchers}, {self.org_jobcenter.name})
        self.assertEqual(
            {v["account"] for v in vouchers}, {self._expense_account().code}
        )
        self.assertEqual(
            sum(v["amount"] for v in vouchers),
            self._actual("consulting") + self._actual("implementation"),
        )
        with zipfile.ZipFile(io.BytesIO(self.proof._kim_xlsx())) as book:
            workbook = book.read("xl/workbook.xml").decode()
        for sheet in ("Financing Plan", "List of Vouchers", "Staff List"):
            self.assertIn(f'name="{sheet}"', workbook)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "kim_funding.action_report_proof_of_use", self.proof.ids
            )[0]
            .decode()
        )
        self.assertIn("o_kim_financing_plan", html)
        self.assertIn("o_kim_signature", html)
