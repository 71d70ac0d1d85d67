# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

from odoo.addons.kim_case.tools import kim_serialise, kim_today, x2many_ids_after

DEFAULT_PER_YEAR = 4


class KimCaseReconstruction(models.Model):
    """G-3: a case reconstruction (Fallrekonstruktion) of 3–4 pseudonymised cases."""

    _name = "kim.case.reconstruction"
    _description = "Case Reconstruction"
    _inherit = ["mail.thread"]
    _order = "year desc, date desc, id desc"

    name = fields.Char(required=True)
    date = fields.Date(required=True, default=kim_today)
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    case_ids = fields.Many2many(
        "kim.case",
        "kim_reconstruction_case_rel",
        "reconstruction_id",
        "case_id",
        string="Cases",
    )
    summary = fields.Html(
        compute="_compute_summary",
        store=True,
        sanitize=False,
        string="Pseudonymised Cases",
        help="C-9: snapshot of the pseudonymised summaries, taken when the cases "
        "are chosen and on each refresh. A case whose client has no valid "
        "data-protection agreement on that day is left out.",
    )
    summary_date = fields.Date(
        string="Snapshot Date",
        compute="_compute_summary",
        store=True,
        help="Day the pseudonymised summaries were taken from the cases.",
    )
    findings = fields.Html()
    theme_ids = fields.Many2many("kim.generative.theme", string="Themes Raised")

    @api.depends("date")
    def _compute_year(self):
        for record in self:
            record.year = record.date.year if record.date else 0

    @api.depends("case_ids")
    def _compute_summary(self):
        """C-9/C-10: one block per case from kim_case's pseudonymised summary,
        only for clients whose data-protection agreement is valid today."""
        today = kim_today(self)
        Consent = self.env["kim.consent"]
        for record in self:
            parts = []
            for index, case in enumerate(record.case_ids, 1):
                if not Consent._kim_valid_dp_agreement(case.partner_id, today):
                    case.check_access("read")
                    parts.append(
                        Markup("<h4>%s</h4><p><em>%s</em></p>")
                        % (
                            self.env._("Case %(number)s", number=index),
                            self.env._(
                                "Left out: the client's data-protection agreement "
                                "is not valid (withdrawn, expired or missing)."
                            ),
                        )
                    )
                    continue
                data = case._kim_pseudonymised_summary()
                members = ", ".join(
                    f"{m['label']} {m['age_band']}".strip() for m in data["members"]
                )
                goals = Markup("").join(
                    Markup("<li>%s: %s (%s)</li>")
                    % (g["life_domain"], g["goal"], g["outcome"])
                    for g in data["goals"]
                )
                parts.append(
                    Markup("<h4>%s</h4><p>%s · %s · %s</p><p>%s</p><ul>%s</ul>")
                    % (
                        self.env._("Case %(number)s", number=index),
                        data["constellation"],
                        data["district"],
                        ", ".join(data["life_domains"]),
                        escape(members),
                        goals,
                    )
                )
            record.summary = Markup("").join(parts)
            record.summary_date = today

    @api.constrains("case_ids")
    def _check_case_count(self):
        for record in self:
            if not 3 <= len(record.case_ids) <= 4:
                raise ValidationError(
                    self.env._("A case reconstruction covers three to four cases.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kim_check_added_cases(x2many_ids_after(vals.get("case_ids"), []))
        return super().create(vals_list)

    def write(self, vals):
        if "case_ids" in vals:
            for record in self:
                # sudo: the ids already linked, also cases the user cannot read
                current = record.sudo().case_ids.ids
                after = x2many_ids_after(vals["case_ids"], current)
                self._kim_check_added_cases(set(after) - set(current))
        return super().write(vals)

    def _kim_check_added_cases(self, case_ids):
        """G-3/C-9: a coordinator reconstructs cases of the districts it
        coordinates: a case the saving user may not read is refused."""
        cases = self.env["kim.case"].browse(case_ids).exists()
        if cases - cases._filtered_access("read"):
            raise AccessError(
                self.env._(
                    "Only cases you have access to can be added to a case "
                    "reconstruction."
                )
            )

    def action_refresh_summary(self):
        """G-3/C-9: take the snapshot again from the cases as they are today.
        Clients who withdrew their data-protection agreement (or whose
        agreement expired) are left out; the reconstruction must still fit the
        dated per-year limit of the steering group's mandate."""
        self.check_access("write")
        self._check_case_count()
        self._check_limit_per_year()
        self._compute_summary()
        for record in self:
            record.message_post(
                body=self.env._(
                    "Pseudonymised snapshot refreshed on %(date)s.",
                    date=format_date(self.env, record.summary_date),
                )
            )
        return True

    @api.constrains("date")
    def _check_limit_per_year(self):
        """G-3: the limit belongs to the Kreis, not to the saving user: it is
        counted over every reconstruction of the year, also those of districts
        the user does not coordinate. Two coordinators saving at once are
        serialised on the Kreis' company row (the limit has no other row both
        would write)."""
        Parameter = self.env["kim.governance.parameter"]
        if self:
            kim_serialise(self.env.company)
        # sudo: the yearly limit counts every district's reconstructions
        Reconstruction = self.sudo()
        for year in set(self.mapped("year")):
            limit = Parameter._kim_value(
                "reconstructions_per_year", date(year, 12, 31), DEFAULT_PER_YEAR
            )
            count = Reconstruction.search_count([("year", "=", year)])
            if count > limit:
                raise ValidationError(
                    self.env._(
                        "Only %(limit)s case reconstructions are allowed in "
                        "%(year)s (mandate of the steering group); %(count)s "
                        "would exceed it.",
                        limit=limit,
                        year=year,
                        count=count,
                    )
                )
