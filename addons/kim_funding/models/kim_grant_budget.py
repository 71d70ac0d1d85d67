# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
    # F-8 (issue #19): the financing plan's figure of this item, entered once
    # (the cap until finance enters the plan), and the proof of use's
    # deviation from it
    amount_plan = fields.Monetary("Plan")
    amount_deviation = fields.Monetary("Deviation", compute="_compute_amount_spent")
    deviation_percent = fields.Float(
        "Deviation (%)", digits=(6, 1), compute="_compute_amount_spent"
    )
    deviation_exceeded = fields.Boolean(compute="_compute_amount_spent")
    deviation_note = fields.Text("Explanation of the deviation")

    _sql_constraints = [
        (
            "grant_category_uniq",
            "unique(grant_id, category)",
            "Each cost category appears once per grant.",
        )
    ]

    @api.constrains("amount_cap")
    def _check_amount_cap(self):
        """F-2: the cap of a cost category is not negative."""
        for budget in self:
            currency = budget.currency_id or self.env.company.currency_id
            if currency.compare_amounts(budget.amount_cap, 0.0) < 0:
                raise ValidationError(
                    self.env._("The cap of a cost category cannot be negative.")
                )

    @api.constrains("amount_plan")
    def _check_amount_plan(self):
        """F-8: a financing plan's figure is not negative."""
        for budget in self:
            currency = budget.currency_id or self.env.company.currency_id
            if currency.compare_amounts(budget.amount_plan, 0.0) < 0:
                raise ValidationError(
                    self.env._("The plan of a cost category cannot be negative.")
                )

    @api.depends(
        "grant_id.analytic_account_id",
        "amount_cap",
        "amount_plan",
        "grant_id.rule_id.deviation_percent",
    )
    def _compute_amount_spent(self):
        spent = self.grant_id._kim_spent_by_category()
        for budget in self:
            budget.amount_spent = spent[(budget.grant_id.id, budget.category)]
            budget.amount_remaining = budget.amount_cap - budget.amount_spent
            budget.amount_deviation = budget.amount_spent - budget.amount_plan
            currency = budget.currency_id or self.env.company.currency_id
            if budget.amount_plan:
                budget.deviation_percent = (
                    budget.amount_deviation / budget.amount_plan * 100
                )
            else:
                budget.deviation_percent = 0.0
            allowed = budget.grant_id.rule_id.deviation_percent
            budget.deviation_exceeded = (
                abs(budget.deviation_percent) > allowed + 1e-9
                if budget.amount_plan
                else not currency.is_zero(budget.amount_spent)
            )
