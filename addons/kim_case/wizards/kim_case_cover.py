# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from itertools import cycle

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import kim_today


class KimCaseCover(models.TransientModel):
    """C-12 (issue #21): holiday cover in one step. All open cases of a case
    manager (or a chosen set) go to one or several substitutes for a date
    range: one substitution per case, the substitutes in turn; the case
    manager's activities due in the range are handed over while it runs and
    go back after. It ends by itself with its last day (hourly job)."""

    _name = "kim.case.cover"
    _description = "Holiday Cover"

    user_id = fields.Many2one(
        "res.users",
        string="Absent Case Manager",
        required=True,
        domain=[("kim_is_case_manager", "=", True)],
    )
    substitute_ids = fields.Many2many(
        "res.users",
        "kim_case_cover_substitute_rel",
        "cover_id",
        "user_id",
        string="Substitutes",
        required=True,
        domain=[("kim_is_case_manager", "=", True)],
    )
    date_from = fields.Date(string="From", required=True, default=kim_today)
    date_to = fields.Date(string="Until", required=True)
    reason = fields.Char(default=lambda self: self.env._("Holiday"))
    case_ids = fields.Many2many(
        "kim.case",
        "kim_case_cover_case_rel",
        "cover_id",
        "case_id",
        string="Cases",
        compute="_compute_case_ids",
        # the cases the user may see, never more
        compute_sudo=False,
        store=True,
        readonly=False,
        help="All open cases of the absent case manager; remove those that "
        "need no cover.",
    )
    move_activities = fields.Boolean(string="Hand Over Activities", default=True)

    @api.depends("user_id")
    def _compute_case_ids(self):
        Case = self.env["kim.case"]
        for cover in self:
            cover.case_ids = (
                Case.search(
                    [("user_id", "=", cover.user_id.id), ("is_closed", "=", False)]
                )
                if cover.user_id
                else Case
            )

    @api.constrains("user_id", "substitute_ids", "date_from", "date_to")
    def _check_cover(self):
        for cover in self:
            if cover.date_to < cover.date_from:
                raise ValidationError(
                    self.env._("A substitution cannot end before it starts.")
                )
            if cover.user_id in cover.substitute_ids:
                raise ValidationError(
                    self.env._(
                        "The absent case manager cannot be their own substitute."
                    )
                )

    def action_confirm(self):
        """One substitution per case, the substitutes in turn."""
        self.ensure_one()
        cases = self.case_ids.filtered(lambda c: not c.is_closed)
        if not cases:
            raise ValidationError(self.env._("Choose at least one open case to cover."))
        stranger = cases.filtered(lambda c: c.user_id != self.user_id)
        if stranger:
            raise ValidationError(
                self.env._(
                    "Only cases of %(user)s can be covered here: %(cases)s",
                    user=self.user_id.name,
                    cases=", ".join(stranger.mapped("name")),
                )
            )
        cases._kim_check_staffing_right()
        ref = uuid.uuid4().hex[:12]
        self.env["kim.case.substitute"].create(
            [
                {
                    "case_id": case.id,
                    "user_id": substitute.id,
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                    "reason": self.reason,
                    "move_activities": self.move_activities,
                    "cover_ref": ref,
                }
                for case, substitute in zip(
                    cases.sorted("id"),
                    cycle(self.substitute_ids.sorted("id")),
                    strict=False,
                )
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Holiday Cover"),
            "res_model": "kim.case.substitute",
            "view_mode": "list",
            "views": [
                (self.env.ref("kim_case.kim_case_substitute_view_list").id, "list")
            ],
            "domain": [("cover_ref", "=", ref)],
            "context": {"create": False},
            "target": "current",
        }
