# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import kim_today


class KimCaseSubstitute(models.Model):
    """C-12: dated substitution (holiday cover), also across employers."""

    _name = "kim.case.substitute"
    _description = "Case Substitution"
    _order = "date_from desc"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Substitute",
        required=True,
        index=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("kim_case.group_kim_case_manager").id)
        ],
    )
    date_from = fields.Date(required=True, default=kim_today)
    date_to = fields.Date(required=True)
    reason = fields.Char()
    is_active = fields.Boolean(compute="_compute_is_active")

    # Who may see a case depends on its substitutions: only those who decide
    # who works on the case may change them (checked before writing), and the
    # cached record-rule domains (kim.case._kim_access_domain) are recomputed.
    @api.model_create_multi
    def create(self, vals_list):
        self.env["kim.case"].browse(
            {vals.get("case_id") for vals in vals_list} - {None}
        )._kim_check_staffing_right()
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        (
            self.case_id | self.env["kim.case"].browse(vals.get("case_id"))
        )._kim_check_staffing_right()
        res = super().write(vals)
        if {"user_id", "date_from", "date_to", "case_id"} & set(vals):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        self.case_id._kim_check_staffing_right()
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @api.depends("date_from", "date_to")
    def _compute_is_active(self):
        today = kim_today(self)
        for sub in self:
            sub.is_active = sub.date_from <= today <= sub.date_to

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for sub in self:
            if sub.date_to < sub.date_from:
                raise ValidationError(
                    self.env._("A substitution cannot end before it starts.")
                )
