# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import zipfile
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import YEAR, KimFundingCommon


@tagged("post_install", "-at_install")
class TestFundingOverview(KimFundingCommon):
    """Issue #19: finance's funding overview at a reference date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bill(cls.grant_b1, "consulting", 2000)  # dated 1 June
        late = cls._bill(cls.grant_b1, "consulting", 1000, post=False)
        late.write({"invoice_date": date(YEAR, 9, 1), "date": date(YEAR, 9, 1)})
        late.action_post()
        cls._bill(cls.grant_b1, "implementation", 2500)
        cls.position = cls.env["kim.position"].create(
            {
                "name": "Fallmanagement Nord",
                "grant_id": cls.grant_b2.id,
                "role": "case_management",
                "fte": 2.0,
                "employer_type": "ki",
                "is_additional": True,
            }
        )
        first, second = cls.env["hr.employee"].create(
            [{"name": "Übersicht Eins"}, {"name": "Übersicht Zwei"}]
        )
        cls.env["kim.position.occupant"].create(
            [
                {
                    "position_id": cls.position.id,
                    "employee_id": employee.id,
                    "fte_share": 1.0,
                    "date_start": start,
                }
                for employee, start in (
                    (first, date(YEAR, 1, 1)),
                    (second, date(YEAR, 4, 1)),
                )
            ]
        )

    def _overview(self, ref, user=None):
        return (
            self.env["kim.funding.overview"]
            .with_user(user or self.user_finance)
            .create({"reference_date": ref})
        )

    def _budget(self, ref, category):
        rows = self._overview(ref)._kim_overview()["budgets"]
        return next(
            r for r in rows if r["baustein"] == "1" and r["category"] == category
        )

    def _posted(self, category, ref):
        """The grant's posted costs of a category up to ``ref``, summed here
        from the journal items."""
        lines = self.env["account.move.line"].search(
            [
                ("parent_state", "=", "posted"),
                ("kim_funding_category", "=", category),
                ("date", "<=", ref),
            ]
        )
        account = str(self.grant_b1.analytic_account_id.id)
        return sum(
            line.balance * line.analytic_distribution.get(account, 0) / 100
            for line in lines
        )

    def test_spent_against_cap_at_reference_date(self):
        """F-2: per Baustein and category the cap against the costs posted up
        to the reference date; the later bill counts only from its date."""
        for ref, spent in (
            (date(YEAR, 5, 31), 0),
            (date(YEAR, 7, 1), 2000),
            (date(YEAR, 12, 31), 3000),
        ):
            with self.subTest(ref=ref):
                row = self._budget(ref, "consulting")
                self.assertEqual(row["spent"], spent)
                self.assertEqual(row["spent"], self._posted("consulting", ref))
                self.assertEqual(row["cap"], 6000)
                self.assertEqual(row["remaining"], 6000 - spent)
                self.assertAlmostEqual(row["share"], spent / 6000)
        row = self._budget(date(YEAR, 12, 31), "implementation")
        self.assertEqual((row["cap"], row["spent"]), (10000, 2500))

    def test_positions_filled_and_vacancy_months(self):
        """F-4: FTE filled on the reference date and the months of the year
        so far not fully filled (January to March: one of two FTE)."""
        for ref, filled, months in (
            (date(YEAR, 3, 31), 1.0, 3),
            (date(YEAR, 2, 14), 1.0, 1),
            (date(YEAR, 7, 31), 2.0, 3),
        ):
            with self.subTest(ref=ref):
                rows = self._overview(ref)._kim_overview()["positions"]
                row = next(r for r in rows if r["position"] == self.position)
                self.assertEqual(row["filled"], filled)
                self.assertEqual(row["share"], filled / 2.0)
                self.assertEqual(row["vacancy_months"], months)

    def test_german_page_and_xlsx(self):
        """The overview reads in German and exports as XLSX."""
        overview = self._overview(date(YEAR, 3, 31)).with_context(lang="de_DE")
        html = overview.result_html
        self.assertIn("Fallmanagement Nord", html)
        self.assertIn("50,0 %", html)
        overview.action_export_xlsx()
        self.assertEqual(
            overview.export_name, f"kim_foerderuebersicht_{YEAR}-03-31.xlsx"
        )
        content = base64.b64decode(overview.export_file)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn("Fallmanagement Nord", strings)

    def test_only_finance_and_lead(self):
        """X-1: case managers, coordination and the steering group get no
        funding overview."""
        self.assertTrue(self._overview(date(YEAR, 3, 31), self.user_lead).result_html)
        for user in (self.user_cm_a, self.user_coordination, self.user_steering):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._overview(date(YEAR, 3, 31), user)
