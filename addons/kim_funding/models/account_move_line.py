# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from odoo.addons.kim_case.tools import kim_serialise

from .kim_funding_rule import CATEGORIES


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    kim_funding_category = fields.Selection(CATEGORIES, string="KIM cost category")

    @api.constrains("analytic_distribution", "kim_funding_category")
    def _check_kim_grant_year_line(self):
        """F-4: see ``account.move._check_kim_grant_year`` (a posted line
        moved to another grant)."""
        self.filtered(
            lambda line: line.parent_state == "posted"
        )._kim_check_grant_year()

    def _kim_check_grant_year(self):
        """F-4: refuse costs dated outside the period of the grant they are
        charged to, unless the carry-over rule allows the day."""
        lines = self.filtered(
            lambda line: (
                line.kim_funding_category
                and line.analytic_distribution
                and line.balance > 0
            )
        )
        if not lines:
            return
        account_ids = set()
        for line in lines:
            for key in line.analytic_distribution:
                account_ids.update(map(int, key.split(",")))
        grants = (
            self.env["kim.grant"]
            .sudo()  # sudo: the period of the grant the cost is charged to
            .search([("analytic_account_id", "in", list(account_ids))])
        )
        by_account = {g.analytic_account_id.id: g for g in grants}
        for line in lines:
            for key in line.analytic_distribution:
                for account_id in map(int, key.split(",")):
                    grant = by_account.get(account_id)
                    if grant:
                        grant._kim_check_day(line.date, self.env._("a posting"))

    def _kim_check_grant_caps(self):
        """F-2: a posting that would exceed a category's cap is refused; the
        categories are not mutually coverable."""
        lines = self.filtered(
            lambda line: line.kim_funding_category and line.analytic_distribution
        )
        if not lines:
            return
        account_ids = set()
        for line in lines:
            for key in line.analytic_distribution:
                account_ids.update(map(int, key.split(",")))
        # justified: the cap check needs every posting of the grant, whoever posted it
        grants = (
            self.env["kim.grant"]
            .sudo()  # sudo: cap check over every posting of the grant
            .search([("analytic_account_id", "in", list(account_ids))])
        )
        if not grants:
            return
        # F-2: two postings against the same grant at once are serialised on
        # the grant's row; the second counts the first one's posting
        kim_serialise(grants)
        by_account = {g.analytic_account_id.id: g for g in grants}
        new = defaultdict(float)
        for line in lines:
            for key, pct in line.analytic_distribution.items():
                for account_id in map(int, key.split(",")):
                    if account_id in by_account:
                        new[(by_account[account_id].id, line.kim_funding_category)] += (
                            line.balance * pct / 100.0
                        )
        spent = grants._kim_spent_by_category(exclude_lines=lines)
        caps = {(b.grant_id.id, b.category): b.amount_cap for b in grants.budget_ids}
        labels = dict(CATEGORIES)
        for (grant_id, category), amount in new.items():
            grant = grants.browse(grant_id)
            cap = caps.get((grant_id, category), 0.0)
            remaining = cap - spent[(grant_id, category)]
            if grant.currency_id.compare_amounts(amount, remaining) > 0:
                raise UserError(
                    self.env._(
                        "Grant %(grant)s: the posting of %(amount)s exceeds the cap "
                        "of category '%(category)s'; remaining %(remaining)s. "
                        "Categories "
                        "are not mutually coverable.",
                        grant=grant.name,
                        amount=format_amount(self.env, amount, grant.currency_id),
                        category=labels[category],
                        remaining=format_amount(
                            self.env, max(remaining, 0.0), grant.currency_id
                        ),
                    )
                )
