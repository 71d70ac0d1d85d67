# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.kim_case.tools import kim_today

# written by action_apply only: the figures before the amendment and the flag
APPLY_FIELDS = {"amount_old", "fte_old", "applied"}


class KimForwardingAmendment(models.Model):
    """Recorded amendment of a signed contract: the only way to change its
    frozen figures; the difference goes to the instalments not yet billed."""

    _name = "kim.forwarding.amendment"
    _description = "KIM Forwarding Contract Amendment"
    _order = "contract_id, id"

    contract_id = fields.Many2one(
        "kim.forwarding.contract", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    date = fields.Date(required=True, default=kim_today)
    reason = fields.Text(required=True)
    amount_old = fields.Monetary(readonly=True)
    amount_new = fields.Monetary(required=True)
    fte_old = fields.Float(digits=(4, 2), readonly=True)
    fte_new = fields.Float(digits=(4, 2), required=True)
    applied = fields.Boolean(readonly=True)

    @api.constrains("amount_new", "fte_new", "reason", "contract_id")
    def _check_figures(self):
        """F-7/F-10: an amendment states its reason, a positive new amount not
        below what is already billed or paid, and FTE that are not negative."""
        for amendment in self.filtered(lambda a: not a.applied):
            contract = amendment.contract_id
            currency = contract.currency_id or self.env.company.currency_id
            if not (amendment.reason or "").strip():
                raise ValidationError(self.env._("An amendment needs a reason."))
            if currency.compare_amounts(amendment.amount_new, 0.0) <= 0:
                raise ValidationError(
                    self.env._("The new amount of an amendment must be positive.")
                )
            billed = sum(contract.instalment_ids.filtered("move_id").mapped("amount"))
            if currency.compare_amounts(amendment.amount_new, billed) < 0:
                raise ValidationError(
                    self.env._(
                        "The new amount is below the %(billed).2f already billed.",
                        billed=billed,
                    )
                )
            if amendment.fte_new < 0:
                raise ValidationError(
                    self.env._("The new FTE of an amendment cannot be negative.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any(APPLY_FIELDS & set(vals) for vals in vals_list):
            raise UserError(self._kim_apply_only_message())
        return super().create(vals_list)

    def write(self, vals):
        """F-10: an applied amendment is the contract's history and stays as
        it is; the old figures and the flag are written by applying it (the
        record itself in the context, which no RPC call can pass)."""
        applying = self.env.context.get("kim_amendment_apply")
        if not (isinstance(applying, models.BaseModel) and applying == self):
            if self.filtered("applied"):
                raise UserError(self.env._("An applied amendment cannot be changed."))
            if APPLY_FIELDS & set(vals):
                raise UserError(self._kim_apply_only_message())
        return super().write(vals)

    def _kim_apply_only_message(self):
        return self.env._(
            "The figures before an amendment and its state are set by applying "
            "it (button Apply), not entered."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_applied(self):
        if self.filtered("applied"):
            raise UserError(self.env._("An applied amendment cannot be deleted."))

    def action_apply(self):
        for amendment in self.filtered(lambda a: not a.applied):
            # the instalments are re-split one by one; their total is checked
            # against the new amount when the contract is written below
            amendment = amendment.with_context(kim_instalment_split=amendment)
            contract = amendment.contract_id
            planned = contract.instalment_ids.filtered(lambda i: not i.move_id)
            billed = sum((contract.instalment_ids - planned).mapped("amount"))
            if amendment.amount_new < billed:
                raise UserError(
                    self.env._(
                        "The new amount is below the %(billed).2f already billed.",
                        billed=billed,
                    )
                )
            if contract.instalment_ids and not planned:
                raise UserError(
                    self.env._("All instalments are billed; no amendment possible.")
                )
            if planned:
                cents = round((amendment.amount_new - billed) * 100)
                base, rest = divmod(cents, len(planned))
                # F-7: an instalment of nothing is no instalment: planned ones
                # left without money (the new amount is what is billed) go
                unpaid = self.env["kim.forwarding.instalment"]
                for index, inst in enumerate(planned.sorted("sequence")):
                    amount = base + (1 if index < rest else 0)
                    if amount:
                        inst.amount = amount / 100.0
                    else:
                        unpaid |= inst
                # sudo: planned, unbilled instalments of the amended contract
                # only; finance applies amendments but deletes no instalments
                unpaid.sudo().unlink()
            amendment.with_context(kim_amendment_apply=amendment).write(
                {
                    "amount_old": contract.amount,
                    "fte_old": contract.fte,
                    "applied": True,
                }
            )
            contract.with_context(kim_amendment=amendment).write(
                {"amount": amendment.amount_new, "fte": amendment.fte_new}
            )
            contract.message_post(
                body=self.env._(
                    "Amendment applied: %(old).2f → %(new).2f (%(reason)s)",
                    old=amendment.amount_old,
                    new=amendment.amount_new,
                    reason=amendment.reason,
                )
            )
