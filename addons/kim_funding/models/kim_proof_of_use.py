# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, formatLang

from odoo.addons.kim_case.tools import (
    kim_serialise,
    kim_today,
    kim_working_days_between,
)

from .kim_funding_rule import CATEGORIES

PROOF_DUE = "kim_funding.mail_activity_type_proof_of_use_due"


class KimProofOfUse(models.Model):
    """Proof of use (Verwendungsnachweis) of a grant and year (F-8)."""

    _name = "kim.proof.of.use"
    _description = "KIM Proof of Use"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    grant_id = fields.Many2one("kim.grant", required=True, ondelete="restrict")
    name = fields.Char(related="grant_id.name")
    year = fields.Integer(related="grant_id.year", store=True)
    currency_id = fields.Many2one(related="grant_id.currency_id")
    report_text = fields.Html("Factual report")
    amount_income = fields.Monetary(compute="_compute_figures")
    amount_expense = fields.Monetary(compute="_compute_figures")
    amount_forwarded = fields.Monetary(compute="_compute_figures")
    amount_refund = fields.Monetary("To be refunded", compute="_compute_figures")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("checked", "Checked")],
        default="draft",
        tracking=True,
    )
    date_due = fields.Date(
        string="Due On",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        help="F-8: the end of the implementation period (else of the grant "
        "year) plus the deadline of the dated rule (six months after the "
        "funding period); a deadline ending on a weekend or public holiday "
        "ends on the next working day.",
    )
    days_left = fields.Integer(
        string="Working Days Left",
        compute="_compute_days_left",
        help="Working days (company calendar, public holidays excluded) until "
        "the due date; negative: overdue by so many working days.",
    )
    is_overdue = fields.Boolean(
        compute="_compute_days_left", search="_search_is_overdue"
    )

    @api.depends("grant_id.date_end", "grant_id.year")
    def _compute_date_due(self):
        Rule = self.env["kim.deadline.rule"]
        for proof in self:
            grant = proof.grant_id
            end = grant.date_end or (grant.year and date(grant.year, 12, 31))
            proof.date_due = end and Rule._kim_due_date("proof_of_use", end)

    @api.depends("state", "date_due")
    def _compute_days_left(self):
        today = kim_today(self)
        for proof in self:
            running = bool(proof.state == "draft" and proof.date_due)
            proof.days_left = (
                kim_working_days_between(self, today, proof.date_due) if running else 0
            )
            proof.is_overdue = bool(running and proof.date_due < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue."))
        domain = [("state", "=", "draft"), ("date_due", "<", kim_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("grant_id")
    def _compute_figures(self):
        for proof in self:
            figures = proof._kim_figures()
            proof.amount_income = figures["income"]
            proof.amount_expense = sum(figures["expenses"].values())
            proof.amount_forwarded = sum(figures["forwarded"].values())
            proof.amount_refund = max(proof.amount_income - proof.amount_expense, 0.0)

    def _kim_figures(self):
        self.ensure_one()
        grant = self.grant_id
        spent = grant._kim_spent_by_category()
        expenses = {
            cat: spent[(grant.id, cat)]
            for cat, _label in CATEGORIES
            if spent[(grant.id, cat)]
        }
        forwarded = {}
        for contract in grant.contract_ids:
            forwarded[contract.recipient_id.name] = (
                forwarded.get(contract.recipient_id.name, 0.0) + contract.amount_paid
            )
        ref = date(grant.year, 3, 31)
        filled, total = grant.position_ids._kim_occupancy(ref)
        # sudo: whether the state's money arrived (posted income), a figure of
        # the grant the KIM lead reads without access to journal entries
        received = grant.sudo().income_move_ids.filtered(lambda m: m.state == "posted")
        return {
            # income booked from the state (calls for funds, received);
            # the approved amount as long as nothing has been called
            "income": grant.amount_received if received else grant.amount_approved,
            "income_called": grant.amount_called,
            "recipients": self._kim_recipient_proofs(),
            "expenses": expenses,
            "forwarded": forwarded,
            "occupancy": (filled, total),
            "vacancy_months": grant.position_ids._kim_vacancy_months(grant.year),
        }

    def _kim_recipient_proofs(self):
        """F-8: the recipients' own proofs of use roll up into the grant's
        proof: per contract paid, proven eligible costs, filled months and
        the amount reclaimed."""
        self.ensure_one()
        return [
            {
                "recipient": contract.recipient_id.name,
                "contract": contract.name,
                "paid": contract.amount_paid,
                "proven": contract.proof_actual_amount,
                "months": contract.proof_filled_months,
                "refund": contract.amount_refund,
            }
            for contract in self.grant_id.contract_ids.filtered(
                lambda c: c.state in ("active", "settled", "ended")
            )
        ]

    def _kim_financing_plan(self):
        """F-8 (issue #19, ANBest-P): per item of the financing plan (cost
        category) plan, actual, deviation and whether it exceeds the allowed
        share (the year's rule, dated data)."""
        self.ensure_one()
        return self.grant_id.budget_ids.sorted(
            lambda b: [c for c, _label in CATEGORIES].index(b.category)
        )

    def _kim_voucher_lines(self):
        """F-8 (issue #19): the list of vouchers (Belegliste): every posted
        journal item charged to the grant, with date, payee, purpose, amount
        (the grant's share of it) and account, ordered by date."""
        self.ensure_one()
        account = self.grant_id.analytic_account_id
        if not account:
            return []
        lines = (
            self.env["account.move.line"]
            .sudo()  # sudo: the grant's own journal items, for its proof only
            .search(
                [
                    ("parent_state", "=", "posted"),
                    ("kim_funding_category", "!=", False),
                    ("analytic_distribution", "in", [account.id]),
                ],
                order="date, id",
            )
        )
        result = []
        for line in lines:
            share = sum(
                pct
                for key, pct in (line.analytic_distribution or {}).items()
                if account.id in map(int, key.split(","))
            )
            result.append(
                {
                    "date": line.date,
                    "payee": line.partner_id.name or "",
                    "purpose": line.name or line.move_id.ref or line.move_id.name,
                    "voucher": line.move_id.name,
                    "amount": line.balance * share / 100.0,
                    "account": line.account_id.code,
                    "category": line.kim_funding_category,
                }
            )
        return result

    def _kim_staff_list(self):
        """F-8 (issue #19): the staff list: per position its FTE and the
        months of the year it was filled."""
        self.ensure_one()
        positions = self.grant_id.position_ids.sorted("name")
        vacancy = positions._kim_vacancy_months(self.year)
        return [
            {
                "position": position.name,
                "employer": position.employer_id.name or "",
                "fte": position.fte,
                "months": 12 - vacancy[position.id],
            }
            for position in positions
        ]

    def action_submit(self):
        """F-8 (issue #19): a proof of use is submitted only when every item
        deviating from the financing plan by more than the allowed share is
        explained."""
        for proof in self:
            missing = proof._kim_financing_plan().filtered(
                lambda b: b.deviation_exceeded and not (b.deviation_note or "").strip()
            )
            if missing:
                labels = dict(CATEGORIES)
                raise UserError(
                    self.env._(
                        "Explain the deviation from the financing plan (more than "
                        "%(percent)s %%) of: %(items)s. Enter the explanation on "
                        "the grant's budget.",
                        percent=formatLang(
                            self.env, proof.grant_id.rule_id.deviation_percent
                        ),
                        items=", ".join(labels[b.category] for b in missing),
                    )
                )
        self.write({"state": "submitted"})
        self.grant_id.write({"state": "proof_submitted"})

    def write(self, vals):
        if self.filtered(lambda p: p.state != "draft") and set(vals) - {"state"}:
            raise UserError(self.env._("A submitted proof of use is frozen."))
        return super().write(vals)

    def _kim_xlsx(self):
        """XLSX export of the figures (F-8)."""
        self.ensure_one()
        figures = self._kim_figures()
        labels = dict(CATEGORIES)
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {"in_memory": True})
        sheet = book.add_worksheet("Verwendungsnachweis")
        rows = [
            (self.env._("Grant"), self.grant_id.name),
            (self.env._("Income"), figures["income"]),
        ]
        rows += [(labels[cat], amount) for cat, amount in figures["expenses"].items()]
        rows += [
            (self.env._("Forwarded to %(r)s", r=name), amount)
            for name, amount in figures["forwarded"].items()
        ]
        for proof in figures["recipients"]:
            rows += [
                (
                    self.env._("%(r)s: proven eligible costs", r=proof["recipient"]),
                    proof["proven"],
                ),
                (
                    self.env._("%(r)s: filled months", r=proof["recipient"]),
                    proof["months"],
                ),
                (
                    self.env._("%(r)s: reclaimed", r=proof["recipient"]),
                    proof["refund"],
                ),
            ]
        rows.append((self.env._("To be refunded"), self.amount_refund))
        for row, (label, value) in enumerate(rows):
            sheet.write(row, 0, label)
            sheet.write(row, 1, value)
        self._kim_xlsx_sheets(book, labels)
        book.close()
        return out.getvalue()

    def _kim_xlsx_sheets(self, book, labels):
        """F-8 (issue #19): the numerical proof against the financing plan,
        the list of vouchers and the staff list, one sheet each."""
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        sheet = book.add_worksheet(self.env._("Financing Plan"))
        sheet.write_row(
            0,
            0,
            [
                self.env._("Cost Category"),
                self.env._("Plan"),
                self.env._("Actual"),
                self.env._("Deviation"),
                self.env._("Deviation (%)"),
                self.env._("Explanation of the deviation"),
            ],
            bold,
        )
        for row, budget in enumerate(self._kim_financing_plan(), start=1):
            sheet.write(row, 0, labels[budget.category])
            sheet.write_number(row, 1, budget.amount_plan, money)
            sheet.write_number(row, 2, budget.amount_spent, money)
            sheet.write_number(row, 3, budget.amount_deviation, money)
            sheet.write_number(row, 4, round(budget.deviation_percent, 1))
            sheet.write(row, 5, budget.deviation_note or "")
        sheet = book.add_worksheet(self.env._("List of Vouchers"))
        sheet.write_row(
            0,
            0,
            [
                self.env._("Date"),
                self.env._("Voucher"),
                self.env._("Payee"),
                self.env._("Purpose"),
                self.env._("Cost Category"),
                self.env._("Account"),
                self.env._("Amount"),
            ],
            bold,
        )
        for row, line in enumerate(self._kim_voucher_lines(), start=1):
            sheet.write(row, 0, format_date(self.env, line["date"]))
            sheet.write(row, 1, line["voucher"])
            sheet.write(row, 2, line["payee"])
            sheet.write(row, 3, line["purpose"])
            sheet.write(row, 4, labels.get(line["category"], ""))
            sheet.write(row, 5, line["account"])
            sheet.write_number(row, 6, line["amount"], money)
        sheet = book.add_worksheet(self.env._("Staff List"))
        sheet.write_row(
            0,
            0,
            [
                self.env._("Position"),
                self.env._("Employer"),
                self.env._("FTE"),
                self.env._("Months Filled"),
            ],
            bold,
        )
        for row, staff in enumerate(self._kim_staff_list(), start=1):
            sheet.write(row, 0, staff["position"])
            sheet.write(row, 1, staff["employer"])
            sheet.write_number(row, 2, staff["fte"])
            sheet.write_number(row, 3, staff["months"])

    def action_export_xlsx(self):
        """F-8 / issue #19: the proof of use as XLSX. One stored file per
        proof: exporting again replaces it instead of adding a file per
        click; the chatter says who exported it and when."""
        self.ensure_one()
        # two exports at once must not both find no file and add two
        kim_serialise(self)
        name = f"verwendungsnachweis_{self.year}.xlsx"
        datas = base64.b64encode(self._kim_xlsx())
        Attachment = self.env["ir.attachment"]
        attachment = Attachment.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("name", "=", name),
            ],
            order="id",
            limit=1,
        )
        if attachment:
            attachment.write({"datas": datas})
        else:
            attachment = Attachment.create(
                {
                    "name": name,
                    "datas": datas,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        self.message_post(
            body=self.env._("Proof of use exported as XLSX (%(file)s).", file=name)
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
        }

    @api.model
    def _cron_proof_of_use_due(self):
        """F-8: a "proof of use due" activity (KIM activity type) for each
        draft proof of use whose legal due date (dated deadline rule
        ``proof_of_use``) lies within the type's delay from today (the lead
        time, data), due on that date; assigned to the type's default user,
        else to the finance staff; once per proof (re-run safe)."""
        activity_type = self.env.ref(PROOF_DUE, raise_if_not_found=False)
        if not activity_type:
            return self.browse()
        today = kim_today(self)
        horizon = activity_type._get_date_deadline()
        # justified: system job over all grants, no user session
        proofs = self.sudo().search(
            [
                ("state", "=", "draft"),
                ("date_due", ">=", today),
                ("date_due", "<=", horizon),
            ]
        )
        proofs = proofs.filtered(lambda p: not p.activity_search([PROOF_DUE]))
        users = activity_type.default_user_id or self.env.ref(
            "kim_case.group_kim_finance"
        ).users.filtered(lambda u: not u.share)
        for proof in proofs:
            for user in users:
                # in the user's language (the job runs as OdooBot)
                env = proof.with_context(lang=user.lang or self.env.lang).env
                proof.activity_schedule(
                    PROOF_DUE,
                    date_deadline=proof.date_due,
                    summary=env._("Proof of use due"),
                    note=env._(
                        "The proof of use of %(grant)s is due on %(date)s.",
                        grant=proof.grant_id.display_name,
                        date=format_date(env, proof.date_due),
                    ),
                    user_id=user.id,
                )
        return proofs
