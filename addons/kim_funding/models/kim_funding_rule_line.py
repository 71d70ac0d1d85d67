# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .kim_funding_rule import CATEGORIES


class KimFundingRuleLine(models.Model):
    _name = "kim.funding.rule.line"
    _description = "KIM Funding Rule: cap per cost category"
    _order = "rule_id, category"

    rule_id = fields.Many2one("kim.funding.rule", required=True, ondelete="cascade")
    category = fields.Selection(CATEGORIES, required=True)
    basis = fields.Selection(
        [
            ("coord_fte", "Per coordinator FTE"),
            ("admin_half", "Per 0.5 administrative FTE"),
            ("fte", "Per approved FTE"),
            ("day", "Per day"),
            ("fixed", "Fixed amount per year"),
        ],
        required=True,
        default="fixed",
    )
    amount = fields.Monetary(required=True, currency_field="currency_id")
    max_days = fields.Float(digits=(4, 1))
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )

    _sql_constraints = [
        (
            "rule_category_uniq",
            "unique(rule_id, category)",
            "Each cost category appears once per rule.",
        ),
        ("amount_positive", "CHECK(amount >= 0)", "Caps cannot be negative."),
    ]

    @api.constrains("amount", "max_days", "currency_id")
    def _check_figures(self):
        """F-2: a cap and its number of days are not negative."""
        for line in self:
            currency = line.currency_id or self.env.company.currency_id
            if currency.compare_amounts(line.amount, 0.0) < 0:
                raise ValidationError(self.env._("Caps cannot be negative."))
            if line.max_days < 0:
                raise ValidationError(
                    self.env._("The number of days cannot be negative.")
                )

    def _kim_cap(self, grant):
        self.ensure_one()
        factor = {
            "coord_fte": grant.approved_coord_fte,
            "admin_half": grant.approved_admin_fte / 0.5,
            "fte": grant.approved_fte,
            "day": self.max_days,
            "fixed": 1.0,
        }[self.basis]
        return self.currency_id.round(self.amount * factor)
