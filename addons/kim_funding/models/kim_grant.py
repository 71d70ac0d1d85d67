# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import date

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date, formatLang

from .kim_funding_rule import BAUSTEINE


class KimGrant(models.Model):
    """Grant notice (Zuwendungsbescheid) per Baustein and year."""

    _name = "kim.grant"
    _description = "KIM Grant"
    _inherit = ["mail.thread"]
    _order = "year desc, baustein"

    name = fields.Char(required=True, tracking=True)
    baustein = fields.Selection(BAUSTEINE, required=True, tracking=True)
    year = fields.Integer(required=True, tracking=True)
    rule_id = fields.Many2one(
        "kim.funding.rule", compute="_compute_rule_id", store=True, readonly=False
    )
    grantor_id = fields.Many2one("res.partner")
    notice_number = fields.Char()
    notice_date = fields.Date()
    date_start = fields.Date("Implementation from")
    date_end = fields.Date("Implementation until")
    approved_coord_fte = fields.Float("Approved coordination FTE", digits=(4, 2))
    approved_admin_fte = fields.Float("Approved administrative FTE", digits=(4, 2))
    approved_fte = fields.Float("Approved FTE (flat rate)", digits=(4, 2))
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    analytic_account_id = fields.Many2one(
        "account.analytic.account", readonly=True, copy=False
    )
    budget_ids = fields.One2many("kim.grant.budget", "grant_id", readonly=True)
    amount_approved = fields.Monetary(compute="_compute_amounts")
    amount_spent = fields.Monetary(compute="_compute_amounts")
    amount_committed = fields.Monetary(
        "Forwarding committed", compute="_compute_forwarding"
    )
    amount_forward_paid = fields.Monetary(
        "Forwarding paid", compute="_compute_forwarding"
    )
    amount_reclaim = fields.Monetary("To be reclaimed", compute="_compute_forwarding")
    position_ids = fields.One2many("kim.position", "grant_id")
    contract_ids = fields.One2many("kim.forwarding.contract", "grant_id")
    kreis_share_warning = fields.Char(
        "Kreis share", compute="_compute_kreis_share_warning"
    )
    state = fields.Selection(
        [
            ("applied", "Applied"),
            ("approved", "Approved"),
            ("running", "Running"),
            ("proof_due", "Proof of use due"),
            ("proof_submitted", "Proof of use submitted"),
            ("proof_checked", "Proof of use checked"),
            ("closed", "Closed"),
        ],
        default="applied",
        required=True,
        tracking=True,
    )
    # Income of a grant from the state (Mittelabruf): a customer invoice to the
    # grantor (Bezirksregierung) with the grant's analytic account, so the grant
    # shows received vs. forwarded vs. own use.
    income_move_ids = fields.One2many(
        "account.move", "kim_grant_id", string="Calls for funds", readonly=True
    )
    amount_to_call = fields.Monetary(
        "Amount to call",
        help="Amount of the next call for funds (Mittelabruf) from the grantor.",
    )
    amount_called = fields.Monetary("Funds called", compute="_compute_income")
    amount_received = fields.Monetary("Funds received", compute="_compute_income")
    amount_own_use = fields.Monetary("Own use", compute="_compute_income")

    _sql_constraints = [
        (
            "baustein_year_company_uniq",
            "unique(baustein, year, company_id)",
            "There is already a grant for this Baustein and year.",
        )
    ]

    # technical plausibility bounds of a grant year (no programme figure)
    _kim_min_year = 2000
    _kim_max_year = 2999

    @api.depends("baustein", "year")
    def _compute_rule_id(self):
        for grant in self:
            if grant.baustein and grant.year:
                grant.rule_id = self.env["kim.funding.rule"]._kim_rule_for(
                    grant.baustein, grant.year
                )

    @api.depends("budget_ids.amount_cap", "budget_ids.amount_spent")
    def _compute_amounts(self):
        for grant in self:
            grant.amount_approved = sum(grant.budget_ids.mapped("amount_cap"))
            grant.amount_spent = sum(grant.budget_ids.mapped("amount_spent"))

    @api.depends(
        "contract_ids.amount", "contract_ids.amount_paid", "contract_ids.state"
    )
    def _compute_forwarding(self):
        for grant in self:
            contracts = grant.contract_ids.filtered(
                lambda c: c.state in ("signed", "active", "settled", "ended")
            )
            grant.amount_committed = sum(contracts.mapped("amount"))
            grant.amount_forward_paid = sum(contracts.mapped("amount_paid"))
            grant.amount_reclaim = sum(contracts.mapped("amount_refund"))

    @api.depends("position_ids.fte", "position_ids.employer_type")
    def _compute_kreis_share_warning(self):
        for grant in self:
            grant.kreis_share_warning = grant._kim_kreis_share_warning()

    @api.depends(
        "income_move_ids.state",
        "income_move_ids.amount_total",
        "income_move_ids.amount_residual",
        "contract_ids.amount_billed",
    )
    def _compute_income(self):
        for grant in self:
            # sudo: sums of the grant's own calls for funds, shown to every role
            # that reads the grant (the KIM lead has no accounting rights)
            income = grant.sudo().income_move_ids
            moves = income.filtered(lambda m: m.state == "posted")
            grant.amount_called = sum(moves.mapped("amount_total"))
            grant.amount_received = sum(m._kim_amount_received() for m in moves)
            forwarded = sum(grant.contract_ids.mapped("amount_billed"))
            grant.amount_own_use = grant.amount_spent - forwarded

    @api.constrains("year", "date_start", "date_end")
    def _check_period(self):
        """F-4: a grant is year-bound: a plausible year, an implementation
        period that does not end before it starts and lies in that year."""
        for grant in self:
            if not self._kim_min_year <= grant.year <= self._kim_max_year:
                raise ValidationError(
                    self.env._(
                        "Grant %(grant)s: %(year)s is not a valid grant year.",
                        grant=grant.name,
                        year=grant.year,
                    )
                )
            start, end = grant.date_start, grant.date_end
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "Grant %(grant)s: the implementation period cannot end "
                        "before it starts.",
                        grant=grant.name,
                    )
                )
            if any(day and day.year != grant.year for day in (start, end)):
                raise ValidationError(
                    self.env._(
                        "Grant %(grant)s: the implementation period must lie in "
                        "the grant year %(year)s.",
                        grant=grant.name,
                        year=grant.year,
                    )
                )

    @api.constrains(
        "approved_coord_fte", "approved_admin_fte", "approved_fte", "amount_to_call"
    )
    def _check_figures(self):
        """F-1/F-2: approved FTE and the amount to call are not negative."""
        for grant in self:
            if (
                min(
                    grant.approved_coord_fte,
                    grant.approved_admin_fte,
                    grant.approved_fte,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Grant %(grant)s: approved FTE cannot be negative.",
                        grant=grant.name,
                    )
                )
            if grant.currency_id.compare_amounts(grant.amount_to_call, 0.0) < 0:
                raise ValidationError(
                    self.env._(
                        "Grant %(grant)s: the amount to call cannot be negative.",
                        grant=grant.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        grants = super().create(vals_list)
        plan = self.env.ref("kim_funding.analytic_plan_kim_funding")
        # justified: each grant owns exactly one analytic account, created with it
        accounts = (
            self.env["account.analytic.account"]
            .sudo()  # sudo: the grant's own analytic account, created with it
            .create(
                [
                    {
                        "name": grant.name,
                        "code": f"KIM-B{grant.baustein}-{grant.year}",
                        "plan_id": plan.id,
                        "company_id": grant.company_id.id,
                    }
                    for grant in grants
                ]
            )
        )
        for grant, account in zip(grants, accounts, strict=True):
            grant.analytic_account_id = account
        grants._kim_compute_budget()
        return grants

    def write(self, vals):
        res = super().write(vals)
        if {
            "approved_coord_fte",
            "approved_admin_fte",
            "approved_fte",
            "rule_id",
            "baustein",
            "year",
        } & set(vals):
            self._kim_compute_budget()
        return res

    def _kim_compute_budget(self):
        """Budget per cost category from the grant year's rule (F-2)."""
        for grant in self:
            rule = grant.rule_id
            existing = {b.category: b for b in grant.budget_ids}
            commands = []
            for line in rule.line_ids:
                cap = line._kim_cap(grant)
                if line.category in existing:
                    commands.append(
                        Command.update(
                            existing.pop(line.category).id, {"amount_cap": cap}
                        )
                    )
                else:
                    commands.append(
                        Command.create(
                            {
                                "category": line.category,
                                "amount_cap": cap,
                                "amount_plan": cap,
                            }
                        )
                    )
            commands += [Command.delete(b.id) for b in existing.values()]
            grant.budget_ids = commands

    @api.constrains("year", "date_start", "date_end")
    def _check_contracts_inside(self):
        """F-4/F-10: a grant's period may not be shortened or moved past its
        forwarding contracts: each keeps running inside it (the contract's own
        check, here when the grant changes)."""
        self.contract_ids._check_grant_period()

    def _kim_period(self):
        """(first day, last day) of the grant: its implementation period,
        else the calendar year of the grant."""
        self.ensure_one()
        return (
            self.date_start or date(self.year, 1, 1),
            self.date_end or date(self.year, 12, 31),
        )

    def _kim_last_day(self):
        """Last day money may be booked on the grant: the end of its period,
        or the carry-over date of the year's funding rule if the rule (dated,
        editable data) allows a carry-over (F-4)."""
        self.ensure_one()
        end = self._kim_period()[1]
        rule = self.rule_id
        if rule.carry_over and rule.carry_over_until and rule.carry_over_until > end:
            return rule.carry_over_until
        return end

    def _kim_check_day(self, day, what):
        """Refuse ``what`` (a posting, a payment) dated ``day`` outside the
        grant's period, unless the carry-over rule allows a later day (F-4)."""
        for grant in self:
            start, end = grant._kim_period()[0], grant._kim_last_day()
            if day and not start <= day <= end:
                raise ValidationError(
                    self.env._(
                        "Grant %(grant)s: %(what)s dated %(day)s lies outside the "
                        "grant period %(start)s to %(end)s; no carry-over rule "
                        "allows it.",
                        grant=grant.name,
                        what=what,
                        day=format_date(self.env, day),
                        start=format_date(self.env, start),
                        end=format_date(self.env, end),
                    )
                )

    def _kim_spent_by_category(self, exclude_lines=None, until=None):
        """Posted expenses per (grant, category) via analytic distribution;
        with ``until`` only the journal items dated up to that day."""
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
        if until:
            domain.append(("date", "<=", until))
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

    def _kim_kreis_share_warning(self):
        """F-6: at least one third of the Baustein 2 FTE at the Kreis/KI."""
        self.ensure_one()
        if self.baustein != "2":
            return False
        total = sum(self.position_ids.mapped("fte"))
        at_ki = sum(
            self.position_ids.filtered(lambda p: p.employer_type == "ki").mapped("fte")
        )
        if total and at_ki * 3 < total - 1e-6:
            return self.env._(
                "Only %(ki)s of %(total)s FTE sit at the Kreis (at least one "
                "third expected).",
                ki=formatLang(self.env, at_ki),
                total=formatLang(self.env, total),
            )
        return False

    def action_approve(self):
        for grant in self:
            if not grant.rule_id:
                raise UserError(
                    self.env._(
                        "No funding rule for Baustein %(b)s in %(y)s.",
                        b=grant.baustein,
                        y=grant.year,
                    )
                )
        self.write({"state": "approved"})

    def action_start(self):
        self.write({"state": "running"})

    def action_proof_due(self):
        self.write({"state": "proof_due"})

    def action_close(self):
        self.write({"state": "closed"})

    def _kim_income_account(self):
        Account = self.env["account.account"]
        domain = Account._check_company_domain(self.company_id)
        return Account.search(
            [*domain, ("account_type", "=", "income_other")], limit=1
        ) or Account.search([*domain, ("account_type", "=", "income")], limit=1)

    def action_call_funds(self):
        moves = self._kim_call_funds()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
            "name": self.env._("Calls for funds"),
        }

    def _kim_call_funds(self):
        """Book a call for funds as a posted customer invoice to the grantor
        with the grant's analytic account; refused beyond the approved
        amount."""
        moves = self.env["account.move"]
        for grant in self:
            amount = grant.amount_to_call
            if grant.state not in ("approved", "running"):
                raise UserError(
                    self.env._("Funds can only be called for an approved grant.")
                )
            if not grant.grantor_id:
                raise UserError(self.env._("Record the grantor of the grant first."))
            if grant.currency_id.compare_amounts(amount, 0.0) <= 0:
                raise UserError(self.env._("The amount to call must be positive."))
            if (
                grant.currency_id.compare_amounts(
                    grant.amount_called + amount, grant.amount_approved
                )
                > 0
            ):
                raise UserError(
                    self.env._(
                        "Grant %(grant)s: calling %(amount)s exceeds the approved "
                        "amount; still callable %(rest)s.",
                        grant=grant.name,
                        amount=format_amount(self.env, amount, grant.currency_id),
                        rest=format_amount(
                            self.env,
                            max(grant.amount_approved - grant.amount_called, 0.0),
                            grant.currency_id,
                        ),
                    )
                )
            account = grant._kim_income_account()
            if not account:
                raise UserError(self.env._("No income account configured."))
            number = len(grant.income_move_ids) + 1
            move = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": grant.grantor_id.id,
                    "company_id": grant.company_id.id,
                    "kim_grant_id": grant.id,
                    "ref": grant.notice_number or grant.name,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": self.env._(
                                    "%(grant)s: call for funds %(n)s",
                                    grant=grant.name,
                                    n=number,
                                ),
                                "quantity": 1,
                                "price_unit": amount,
                                "account_id": account.id,
                                "tax_ids": [Command.clear()],
                                "analytic_distribution": {
                                    str(grant.analytic_account_id.id): 100
                                },
                            }
                        )
                    ],
                }
            )
            move.action_post()
            grant.amount_to_call = 0.0
            moves |= move
        return moves
