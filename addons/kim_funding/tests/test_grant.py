# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KimFundingCommon


@tagged("post_install", "-at_install")
class TestGrant(KimFundingCommon):
    def test_budget_from_rule(self):
        """F-2: every category's cap is computed from the year's rule."""
        caps = {b.category: b.amount_cap for b in self.grant_b1.budget_ids}
        self.assertEqual(
            caps,
            {
                "coord_personnel": 192500.0,
                "admin_personnel": 22500.0,
                "coord_material": 33950.0,
                "admin_material": 4850.0,
                "consulting": 6000.0,
                "exchange": 3000.0,
                "implementation": 10000.0,
                "gap_analysis": 30000.0,
            },
        )
        self.assertEqual(self.grant_b1.amount_approved, 302800.0)
        self.assertEqual(self.grant_b2.amount_approved, 910000.0)
        self.assertTrue(self.grant_b1.analytic_account_id)

    def test_every_cap_enforced_not_coverable(self):
        """F-2: a posting over any category's cap is refused naming the
        category and the remaining amount; room in another category does not
        cover it (not mutually coverable); nothing is posted."""
        for budget in self.grant_b1.budget_ids:
            with self.subTest(category=budget.category):
                self._bill(self.grant_b1, budget.category, budget.amount_cap - 100)
                move = self._bill(self.grant_b1, budget.category, 101, post=False)
                with self.assertRaisesRegex(UserError, r"remaining 100\.00") as err:
                    move.with_user(self.user_finance).action_post()
                label = dict(budget._fields["category"].selection)[budget.category]
                self.assertIn(label, str(err.exception))
                self.assertEqual(move.state, "draft")
                self._bill(self.grant_b1, budget.category, 100)
                budget.invalidate_recordset()
                self.assertEqual(budget.amount_remaining, 0.0)

    def test_state_machine(self):
        """F-8: the grant runs through approval to proof of use."""
        self.grant_b1.action_approve()
        self.grant_b1.action_start()
        self.grant_b1.action_proof_due()
        self.assertEqual(self.grant_b1.state, "proof_due")
