# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import kim_serialise, kim_today


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
    # issue #21: a holiday cover hands the case manager's activities over
    # for its range and back after it
    move_activities = fields.Boolean(
        string="Hand Over Activities",
        help="While the substitution runs, the case manager's open activities "
        "on the case that fall due within it are the substitute's; they go "
        "back when it ends.",
    )
    cover_ref = fields.Char(
        string="Holiday Cover",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Substitutions set up together in one holiday cover.",
    )
    is_active = fields.Boolean(
        string="In Force Today",
        compute="_compute_is_active",
        store=True,
        index=True,
        help="The substitution covers today (Europe/Berlin). Stored for the "
        "case's set of entitled users; the hourly job moves it on when a "
        "substitution begins or ends.",
    )

    # Who may see a case depends on its substitutions: only those who decide
    # who works on the case may change them (checked before writing); the
    # case's stored set of entitled users (kim.case.kim_access_user_ids) follows.
    @api.model_create_multi
    def create(self, vals_list):
        self.env["kim.case"].browse(
            {vals.get("case_id") for vals in vals_list} - {None}
        )._kim_check_staffing_right()
        records = super().create(vals_list)
        # two staffing edits of one case at once (or the hourly job): the
        # second is retried, so the case's set of entitled users holds both
        kim_serialise(records.case_id)
        records._kim_hand_over_activities()
        return records

    def write(self, vals):
        (
            self.case_id | self.env["kim.case"].browse(vals.get("case_id"))
        )._kim_check_staffing_right()
        kim_serialise(self.case_id | self.env["kim.case"].browse(vals.get("case_id")))
        return super().write(vals)

    def unlink(self):
        self.case_id._kim_check_staffing_right()
        kim_serialise(self.case_id)
        self._kim_hand_back_activities()
        return super().unlink()

    # ------------------------------------------- activities (issue #21)
    def _kim_hand_over_activities(self):
        """The case manager's open activities on the case, due within the
        running substitution, become the substitute's (once; safe to re-run).
        One search for all substitutions of a cover."""
        subs = self.filtered(
            lambda s: (
                s.move_activities
                and s.is_active
                and s.case_id.user_id
                and s.case_id.user_id != s.user_id
            )
        )
        if not subs:
            return
        # sudo: the caller may change the staffing of these cases (checked
        # when the substitutions were written); the activities follow it
        Activity = self.env["mail.activity"].sudo()
        activities = Activity.search(
            [
                ("res_model", "=", "kim.case"),
                ("res_id", "in", subs.case_id.ids),
                ("user_id", "in", subs.case_id.user_id.ids),
                ("kim_substitute_id", "=", False),
            ]
        )
        by_case = activities.grouped("res_id")
        for sub in subs:
            moving = by_case.get(sub.case_id.id, Activity).filtered(
                lambda a, sub=sub: (
                    a.user_id == sub.case_id.user_id
                    and a.date_deadline <= sub.date_to
                    and not a.kim_substitute_id
                )
            )
            if moving:
                moving.write(
                    {
                        "kim_original_user_id": sub.case_id.user_id.id,
                        "kim_substitute_id": sub.id,
                        "user_id": sub.user_id.id,
                    }
                )

    def _kim_hand_back_activities(self):
        """Activities handed over by these substitutions go back to the user
        they came from (safe to re-run)."""
        Activity = self.env["mail.activity"].sudo()  # sudo: only those moved here
        activities = Activity.search([("kim_substitute_id", "in", self.ids)])
        for user, group in activities.grouped("kim_original_user_id").items():
            group.write(
                {
                    "user_id": user.id or False,
                    "kim_substitute_id": False,
                    "kim_original_user_id": False,
                }
            )

    @api.depends("date_from", "date_to")
    def _compute_is_active(self):
        today = kim_today(self)
        for sub in self:
            sub.is_active = bool(
                sub.date_from and sub.date_to and sub.date_from <= today <= sub.date_to
            )

    @api.model
    def _kim_stale_domain(self):
        """Substitutions whose stored ``is_active`` no longer fits today."""
        today = kim_today(self)
        return [
            "|",
            "&",
            ("is_active", "=", True),
            "|",
            ("date_from", ">", today),
            ("date_to", "<", today),
            "&",
            ("is_active", "=", False),
            "&",
            ("date_from", "<=", today),
            ("date_to", ">=", today),
        ]

    @api.model
    def _cron_refresh_active(self, batch_size=1000):
        """Hourly (C-12): substitutions that began or ended since the last run
        give or take the access to their cases. Only stale rows are touched,
        in batches; safe to re-run; reports its progress to the cron."""
        # sudo: system job over the substitutions of all cases
        substitutes = self.sudo()
        stale = substitutes.search(self._kim_stale_domain(), limit=batch_size)
        self.env.add_to_compute(self._fields["is_active"], stale)
        stale.flush_recordset(["is_active"])
        # a recomputation marks no dependent field: the cases' sets follow
        cases = stale.case_id
        kim_serialise(cases)
        self.env.add_to_compute(cases._fields["kim_access_user_ids"], cases)
        cases.flush_recordset(["kim_access_user_ids"])
        # issue #21: activities go over when a cover begins, back when it ends
        stale.filtered("is_active")._kim_hand_over_activities()
        stale.filtered(lambda s: not s.is_active)._kim_hand_back_activities()
        remaining = substitutes.search_count(self._kim_stale_domain())
        self.env["ir.cron"]._notify_progress(done=len(stale), remaining=remaining)
        return stale

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for sub in self:
            if sub.date_to < sub.date_from:
                raise ValidationError(
                    self.env._("A substitution cannot end before it starts.")
                )
