# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from odoo.addons.kim_case.tools import kim_today

MILESTONE_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("reached", "Reached"),
    ("postponed", "Postponed"),
    ("dropped", "Dropped"),
]


class ProjectMilestone(models.Model):
    """G-8: a yearly milestone of the KIM programme (first-contact points, CM
    concept, case reconstructions, Integreat app, cooperation and interface
    concepts, municipal action plans) in the year's action-plan project.
    Milestones of other projects keep Odoo's behaviour: every KIM field stays
    empty on them and nothing here writes to them."""

    _inherit = "project.milestone"

    # not stored: ordinary milestones keep no KIM value; the year lives on
    # the action-plan project (grouping in the views is by that project)
    kim_plan_year = fields.Integer(
        string="Action Plan Year",
        compute="_compute_kim_plan_year",
        inverse="_inverse_kim_plan_year",
        search="_search_kim_plan_year",
        help="Year of the KIM action plan; a milestone entered with a year "
        "lands in that year's action-plan project.",
    )
    kim_state = fields.Selection(
        MILESTONE_STATES,
        string="Milestone Status",
        tracking=True,
    )
    kim_responsible_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index="btree_not_null",
        domain=[("share", "=", False)],
    )
    kim_note = fields.Text(string="Status Note")
    kim_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_kim_overdue",
        search="_search_kim_overdue",
    )

    @api.depends("project_id.kim_action_plan_year")
    def _compute_kim_plan_year(self):
        for milestone in self:
            milestone.kim_plan_year = milestone.project_id.kim_action_plan_year

    def _inverse_kim_plan_year(self):
        """Moves the milestone into the action plan of the year entered
        (create and write map the year before Odoo's required project)."""
        for milestone in self:
            year = milestone.kim_plan_year
            if year and year != milestone.project_id.kim_action_plan_year:
                self._kim_check_year(year)
                milestone.project_id = self.env[
                    "project.project"
                ]._kim_action_plan_project(year)

    def _search_kim_plan_year(self, operator, value):
        return [("project_id.kim_action_plan_year", operator, value)]

    @api.depends("deadline", "is_reached", "kim_state")
    def _compute_kim_overdue(self):
        today = kim_today(self)
        for milestone in self:
            milestone.kim_overdue = bool(
                milestone.kim_plan_year
                and milestone.deadline
                and milestone.deadline < today
                and milestone.kim_state in ("planned", "in_progress", "postponed")
            )

    def _search_kim_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on overdue."))
        domain = [
            ("project_id.kim_action_plan_year", "!=", False),
            ("deadline", "<", kim_today(self)),
            ("kim_state", "in", ["planned", "in_progress", "postponed"]),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", "&", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        Project = self.env["project.project"]
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            year = vals.pop("kim_plan_year", False)
            if year and not vals.get("project_id"):
                self._kim_check_year(year)
                vals["project_id"] = Project._kim_action_plan_project(year).id
            if year or self._kim_is_plan_project(vals.get("project_id")):
                vals.setdefault(
                    "kim_state", "reached" if vals.get("is_reached") else "planned"
                )
                if vals.get("kim_state") == "reached":
                    vals["is_reached"] = True
        return super().create(vals_list)

    def write(self, vals):
        if not isinstance(vals, dict):
            # not ours to judge: Odoo refuses (or accepts) it as before
            return super().write(vals)
        if "kim_plan_year" in vals or "kim_state" in vals:
            vals = dict(vals)
            year = vals.pop("kim_plan_year", False)
            if year and "project_id" not in vals:
                self._kim_check_year(year)
                vals["project_id"] = (
                    self.env["project.project"]._kim_action_plan_project(year).id
                )
            if "kim_state" in vals and "is_reached" not in vals:
                vals["is_reached"] = vals["kim_state"] == "reached"
        result = super().write(vals)
        if "is_reached" in vals and "kim_state" not in vals:
            # Odoo's checkbox: keep the KIM status in step, on KIM milestones only
            plan = self.filtered("kim_plan_year")
            reached = plan.filtered(lambda m: m.is_reached and m.kim_state != "reached")
            reopened = plan.filtered(
                lambda m: not m.is_reached and m.kim_state == "reached"
            )
            if reached:
                super(ProjectMilestone, reached).write({"kim_state": "reached"})
            if reopened:
                super(ProjectMilestone, reopened).write({"kim_state": "in_progress"})
        return result

    def _kim_check_year(self, year):
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            raise ValidationError(
                self.env._(
                    "The action plan year %(year)s is not a valid year.", year=year
                )
            )

    @api.model
    def _kim_is_plan_project(self, project_id):
        if not project_id:
            return False
        # sudo: reads only the year marker of the milestone's project
        project = self.env["project.project"].sudo().browse(project_id)
        return bool(project.kim_action_plan_year)

    @api.model
    def _kim_report_rows(self, year):
        """G-8: the milestones of ``year`` for the committee report: name,
        deadline and status — programme facts, no personal data (the
        responsible colleague stays in Odoo, the report also goes to the
        state)."""
        states = dict(MILESTONE_STATES)
        translated = dict(self._fields["kim_state"]._description_selection(self.env))
        milestones = self.search(
            [("project_id.kim_action_plan_year", "=", year)],
            order="deadline, name, id",
        )
        rows = []
        for milestone in milestones:
            state = milestone.kim_state or "planned"
            label = translated.get(state, states.get(state, state))
            if milestone.kim_overdue:
                label = self.env._("%(state)s (overdue)", state=label)
            rows.append(
                [
                    milestone.name,
                    format_date(self.env, milestone.deadline),
                    label,
                ]
            )
        reached = len(milestones.filtered(lambda m: m.kim_state == "reached"))
        return rows, reached, len(milestones)
