# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models

from .kim_funding_rule import CATEGORIES


class KimGrantBudget(models.Model):
    _name = "kim.grant.budget"
    _description = "KIM Grant Budget per Cost Category"
    _order = "grant_id, category"

    grant_id = fields.Many2one("kim.grant", required=True, ondelete="cascade")
    category = fields.Selection(CATEGORIES, required=True)
    currency_id = fields.Many2one(related="grant_id.currency_id")
    amount_cap = fields.Monetary("Cap")
    amount_spent = fields.Monetary("Spent", compute="_compute_amount_spent")
    amount_remaining = fields.Monetary("Remaining", compute="_compute_amount_spent")

    _sql_constraints = [
        (
            "grant_category_uniq",
            "unique(grant_id, category)",
            "Each cost category appears once per grant.",
        )
    ]

    @api.depends("grant_id.analytic_account_id")
    def _compute_amount_spent(self):
        spent = self.grant_id._kim_spent_by_category()
        for budget in self:
            budget.amount_spent = spent[(budget.grant_id.id, budget.category)]
            budget.amount_remaining = budget.amount_cap - budget.amount_spent


class KimGrantSpent(models.Model):
    _inherit = "kim.grant"

    def _kim_spent_by_category(self, exclude_lines=None):
        """Posted expenses per (grant, category) via analytic distribution."""
        spent = defaultdict(float)
        grants_by_account = {
            g.analytic_account_id.id: g for g in self if g.analytic_account_id
        }
        if not grants_by_account:
            return spent
        domain = [
            ("parent_state", "=", "posted"),
            ("kim_funding_category", "!=", False),
            ("analytic_distribution", "in", list(grants_by_account)),
        ]
        if exclude_lines:
            domain.append(("id", "not in", exclude_lines.ids))
        # sudo: spent totals per grant only, no line leaves this method
        lines = self.env["account.move.line"].sudo().search(domain)
        for line in lines:
            for key, pct in (line.analytic_distribution or {}).items():
                for account_id in map(int, key.split(",")):
                    grant = grants_by_account.get(account_id)
                    if grant:
                        spent[(grant.id, line.kim_funding_category)] += (
                            line.balance * pct / 100.0
                        )
        return spent
