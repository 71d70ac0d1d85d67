# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date

from odoo.addons.kim_case.tools import records_changing

from .kim_funding_rule import CATEGORIES

FROZEN_FIELDS = {
    "amount",
    "fte",
    "grant_id",
    "recipient_id",
    "instalment_count",
    "category",
}


class KimForwardingContract(models.Model):
    """Forwarding contract (Weiterleitungsvertrag) with a municipality or a
    welfare association (F-5, F-7, F-10)."""

    _name = "kim.forwarding.contract"
    _description = "KIM Forwarding Contract"
    _inherit = ["mail.thread", "portal.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    grant_id = fields.Many2one("kim.grant", required=True, ondelete="restrict")
    baustein = fields.Selection(related="grant_id.baustein", store=True)
    company_id = fields.Many2one(related="grant_id.company_id", store=True)
    currency_id = fields.Many2one(related="grant_id.currency_id")
    recipient_id = fields.Many2one("res.partner", required=True, tracking=True)
    recipient_type = fields.Selection(
        [("municipality", "Municipality"), ("welfare", "Welfare association")],
        required=True,
    )
    category = fields.Selection(CATEGORIES, required=True, default="flat_rate")
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    fte = fields.Float("Forwarded FTE", digits=(4, 2))
    position_ids = fields.Many2many("kim.position", string="Forwarded positions")
    amount = fields.Monetary(required=True, tracking=True)
    instalment_count = fields.Selection(
        [("1", "Once"), ("2", "Half-yearly"), ("4", "Quarterly"), ("12", "Monthly")],
        default="4",
        required=True,
    )
    # F-7 conditions
    cond_supervision = fields.Boolean(
        "Professional supervision by the KI", default=True
    )
    cond_team_meetings = fields.Boolean("Participation in team meetings", default=True)
    cond_reporting = fields.Boolean("Activity reports", default=True)
    cond_repayment = fields.Boolean("Repayment of unused funds", default=True)
    proof_due_date = fields.Date("Proof of use due")
    # F-5 welfare associations
    ministry_consent_date = fields.Date()
    consent_attachment_ids = fields.Many2many(
        "ir.attachment",
        "kim_forwarding_contract_consent_rel",
        string="Ministry consent",
    )
    concept_attachment_ids = fields.Many2many(
        "ir.attachment",
        "kim_forwarding_contract_concept_rel",
        string="Concept justification",
    )
    outside_jmd_mbe = fields.Boolean(
        "Positions outside the JMD/MBE staff plan declared"
    )
    # F-7 two-person activation
    approved_by_id = fields.Many2one(
        "res.users", "Professionally approved by", readonly=True
    )
    released_by_id = fields.Many2one("res.users", "Released by finance", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_sign", "To sign"),
            ("signed", "Signed"),
            ("active", "Active"),
            ("settled", "Settled"),
            ("ended", "Ended"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    instalment_ids = fields.One2many("kim.forwarding.instalment", "contract_id")
    amendment_ids = fields.One2many("kim.forwarding.amendment", "contract_id")
    # year end: the recipient's proof of use yields the refund (F-8)
    proof_actual_amount = fields.Monetary(
        "Eligible costs proven by the recipient", tracking=True
    )
    proof_filled_months = fields.Float(digits=(4, 1))
    amount_refund = fields.Monetary("To be reclaimed", compute="_compute_dashboard")
    refund_move_id = fields.Many2one(
        "account.move", "Refund invoice", readonly=True, copy=False
    )
    amount_billed = fields.Monetary(compute="_compute_dashboard")
    amount_paid = fields.Monetary(compute="_compute_dashboard")
    amount_open = fields.Monetary(compute="_compute_dashboard")
    # bank reconciliation status of the contract's instalments
    amount_reconciled = fields.Monetary(
        "Paid and reconciled", compute="_compute_amount_reconciled"
    )

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for contract in self:
            contract.access_url = f"/my/kim-contracts/{contract.id}"

    @api.depends(
        "instalment_ids.state", "instalment_ids.amount", "amount", "proof_actual_amount"
    )
    def _compute_dashboard(self):
        for contract in self:
            insts = contract.instalment_ids
            contract.amount_billed = sum(
                insts.filtered(lambda i: i.state in ("billed", "paid")).mapped("amount")
            )
            contract.amount_paid = sum(
                insts.filtered(lambda i: i.state == "paid").mapped("amount")
            )
            contract.amount_open = contract.amount - contract.amount_paid
            contract.amount_refund = (
                max(contract.amount_paid - contract.proof_actual_amount, 0.0)
                if contract.proof_actual_amount
                else 0.0
            )

    @api.depends("instalment_ids.state")
    def _compute_amount_reconciled(self):
        for contract in self:
            contract.amount_reconciled = sum(
                contract.instalment_ids.filtered(
                    lambda i: i.payment_status == "reconciled"
                ).mapped("amount")
            )

    @api.constrains("amount")
    def _check_amount(self):
        """F-7/F-10: a contract forwards a positive amount; zero, negative
        and sub-cent amounts are refused on every channel."""
        for contract in self:
            currency = contract.currency_id or self.env.company.currency_id
            if currency.compare_amounts(contract.amount, 0.0) <= 0:
                raise ValidationError(
                    self.env._("The contract amount must be positive.")
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        """F-7: a contract does not end before it starts (one day is allowed)."""
        for contract in self:
            start, end = contract.date_start, contract.date_end
            if start and end and end < start:
                raise ValidationError(
                    self.env._("A contract cannot end before it starts.")
                )

    @api.constrains("date_start", "date_end", "grant_id")
    def _check_grant_period(self):
        """F-4/F-10: a contract runs inside its grant's period (a year-bound
        grant cannot be forwarded beyond its year)."""
        for contract in self:
            grant = contract.grant_id
            start, end = grant._kim_period()
            if contract.date_start < start or contract.date_end > end:
                raise ValidationError(
                    self.env._(
                        "Contract %(name)s must run inside the period of grant "
                        "%(grant)s (%(start)s to %(end)s).",
                        name=contract.name,
                        grant=grant.name,
                        start=format_date(self.env, start),
                        end=format_date(self.env, end),
                    )
                )

    @api.constrains("fte", "position_ids")
    def _check_fte(self):
        """F-1/F-9: the forwarded FTE are not negative and not above the
        FTE of the positions the contract funds."""
        for contract in self:
            if contract.fte < 0:
                raise ValidationError(
                    self.env._("The forwarded FTE cannot be negative.")
                )
            positions_fte = sum(contract.position_ids.mapped("fte"))
            if contract.position_ids and contract.fte > positions_fte + 1e-6:
                raise ValidationError(
                    self.env._(
                        "Contract %(name)s forwards %(fte).2f FTE, more than the "
                        "%(positions).2f FTE of its positions.",
                        name=contract.name,
                        fte=contract.fte,
                        positions=positions_fte,
                    )
                )

    @api.constrains("proof_actual_amount", "proof_filled_months")
    def _check_proof_figures(self):
        """F-8: the recipient's proven costs are not negative and the filled
        months lie between 0 and 12."""
        for contract in self:
            currency = contract.currency_id or self.env.company.currency_id
            if currency.compare_amounts(contract.proof_actual_amount, 0.0) < 0:
                raise ValidationError(
                    self.env._("The proven eligible costs cannot be negative.")
                )
            if not 0 <= contract.proof_filled_months <= 12:
                raise ValidationError(
                    self.env._("The filled months must lie between 0 and 12.")
                )

    @api.constrains("amount", "instalment_ids")
    def _check_instalment_total(self):
        """F-10: the instalments of a contract add up to its amount (checked
        whenever the contract's amount or its instalments are written
        through the contract)."""
        for contract in self:
            instalments = contract.instalment_ids
            if not instalments:
                continue
            currency = contract.currency_id or self.env.company.currency_id
            total = sum(instalments.mapped("amount"))
            if currency.compare_amounts(total, contract.amount):
                raise ValidationError(
                    self.env._(
                        "The instalments of contract %(name)s add up to %(total)s, "
                        "not to the contract amount of %(amount)s.",
                        name=contract.name,
                        total=format_amount(self.env, total, currency),
                        amount=format_amount(self.env, contract.amount, currency),
                    )
                )

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """F-10: the chatter and its uploads (``/mail/...`` routes) open only
        for users with access to the contract: access tokens and signed
        hashes of share links or notification e-mails are not honoured (a
        forwarded or leaked link must not let anybody post or upload)."""
        for key in ("token", "hash", "pid"):
            kwargs.pop(key, None)
        return super()._get_thread_with_access(thread_id, mode, **kwargs)

    def _kim_applying_amendment(self):
        """True inside ``kim.forwarding.amendment.action_apply``: the context
        then holds the amendment record itself, which no RPC or import call
        can pass (their context is plain JSON)."""
        amendment = self.env.context.get("kim_amendment")
        return (
            isinstance(amendment, models.BaseModel)
            and amendment._name == "kim.forwarding.amendment"
            and amendment.contract_id == self
        )

    def write(self, vals):
        if FROZEN_FIELDS & set(vals) and not self._kim_applying_amendment():
            frozen = records_changing(
                self.filtered(lambda c: c.state != "draft" or c.instalment_ids),
                vals,
                FROZEN_FIELDS,
            )
            if frozen:
                raise UserError(
                    self.env._(
                        "Contract %(name)s is signed or billed: its figures are "
                        "frozen; "
                        "record an amendment instead.",
                        name=frozen[0].name,
                    )
                )
        if "instalment_ids" in vals:
            # F-10: the instalments are re-split one by one; the contract's
            # constraint checks their total once they are all written
            return super(
                KimForwardingContract, self.with_context(kim_instalment_split=self)
            ).write(vals)
        return super().write(vals)

    def action_to_sign(self):
        self.filtered(lambda c: c.state == "draft").write({"state": "to_sign"})

    def action_sign(self):
        self.filtered(lambda c: c.state == "to_sign").write({"state": "signed"})

    def _kim_check_welfare(self):
        """F-5: ministry consent, concept justification and the JMD/MBE
        declaration are required for welfare associations."""
        for contract in self.filtered(lambda c: c.recipient_type == "welfare"):
            missing = []
            if not (contract.ministry_consent_date and contract.consent_attachment_ids):
                missing.append(self.env._("ministry consent"))
            if not contract.concept_attachment_ids:
                missing.append(self.env._("concept justification"))
            if not contract.outside_jmd_mbe:
                missing.append(self.env._("declaration outside the JMD/MBE staff plan"))
            if missing:
                raise UserError(
                    self.env._(
                        "Contract %(name)s with a welfare association cannot be "
                        "activated; missing: %(missing)s.",
                        name=contract.name,
                        missing=", ".join(missing),
                    )
                )

    def action_approve(self):
        """F-7: professional approval by the KI (coordination or lead)."""
        if not (
            self.env.user.has_group("kim_case.group_kim_lead")
            or self.env.user.has_group("kim_case.group_kim_coordination")
        ):
            raise UserError(
                self.env._("Only the KI may approve a contract professionally.")
            )
        for contract in self:
            if contract.state != "signed":
                raise UserError(self.env._("Only signed contracts can be approved."))
        self._kim_check_welfare()
        self.write({"approved_by_id": self.env.user.id})

    def action_release(self):
        """F-7: finance releases after the KI's approval (another user); the
        contract becomes active and its instalments are created (F-10)."""
        if not self.env.user.has_group("kim_case.group_kim_finance"):
            raise UserError(self.env._("Only finance staff may release a contract."))
        for contract in self:
            if contract.state != "signed" or not contract.approved_by_id:
                raise UserError(
                    self.env._(
                        "Contract %(name)s needs the KI's approval first.",
                        name=contract.name,
                    )
                )
            if contract.approved_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "Approval and release must be given by two different users."
                    )
                )
        self._kim_check_welfare()
        self.write({"released_by_id": self.env.user.id, "state": "active"})
        self._kim_create_instalments()

    def _kim_create_instalments(self):
        """F-10: the instalments of the contracts; safe to re-run after an
        interrupted run: instalment numbers that exist are not created again."""
        existing = {
            (inst.contract_id.id, inst.sequence)
            for inst in self.env["kim.forwarding.instalment"].search(
                [("contract_id", "in", self.ids)]
            )
        }
        vals_list = []
        for contract in self:
            count = int(contract.instalment_count)
            cents = round(contract.amount * 100)
            base, rest = divmod(cents, count)
            months = 12 // count
            for seq in range(count):
                if (contract.id, seq + 1) in existing:
                    continue
                vals_list.append(
                    {
                        "contract_id": contract.id,
                        "sequence": seq + 1,
                        "due_date": contract.date_start
                        + relativedelta(months=seq * months),
                        "amount": (base + (1 if seq < rest else 0)) / 100.0,
                    }
                )
        return self.env["kim.forwarding.instalment"].create(vals_list)

    def action_create_refund(self):
        """F-8: the unused funds become a customer invoice to the recipient;
        it credits the grant's category (reduces its spending)."""
        self.ensure_one()
        if self.state not in ("active", "settled") or not self.proof_actual_amount:
            raise UserError(
                self.env._("Record the recipient's proof of use on an active contract.")
            )
        if self.refund_move_id:
            raise UserError(self.env._("The refund has already been invoiced."))
        if not self.amount_refund:
            raise UserError(self.env._("Nothing to reclaim."))
        account = self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(self.company_id),
                ("account_type", "=", "income_other"),
            ],
            limit=1,
        ) or self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(self.company_id),
                ("account_type", "=", "income"),
            ],
            limit=1,
        )
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.recipient_id.id,
                "company_id": self.company_id.id,
                "ref": self.name,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": self.env._(
                                "%(name)s: repayment of unused funds", name=self.name
                            ),
                            "quantity": 1,
                            "price_unit": self.amount_refund,
                            "account_id": account.id,
                            "tax_ids": [Command.clear()],
                            "kim_funding_category": self.category,
                            "analytic_distribution": {
                                str(self.grant_id.analytic_account_id.id): 100
                            },
                        }
                    )
                ],
            }
        )
        move.action_post()
        self.write({"refund_move_id": move.id, "state": "settled"})
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": move.id,
            "view_mode": "form",
        }

    def action_settle(self):
        self.filtered(lambda c: c.state == "active").write({"state": "settled"})

    def action_end(self):
        self.filtered(lambda c: c.state == "settled").write({"state": "ended"})
