# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProjectProject(models.Model):
    """G-8: the yearly action plan ("Handlungskonzept <Jahr>") with milestones."""

    _inherit = "project.project"

    # not copied: a duplicated project is no action plan, and an ordinary
    # project's copy would write 0 and collide with the next copy (issue #17)
    kim_action_plan_year = fields.Integer(
        string="KIM Action Plan Year",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )

    _sql_constraints = [
        (
            "kim_action_plan_year_unique",
            "unique(kim_action_plan_year)",
            "There is only one KIM action plan per year.",
        ),
    ]

    @api.model
    def _kim_action_plan_project(self, year):
        """The action-plan project of ``year``, created on demand."""
        # justified: creates/reads only the yearly action-plan project
        Project = self.sudo()
        project = Project.search([("kim_action_plan_year", "=", year)], limit=1)
        if not project:
            project = Project.create(
                {
                    "name": self.env._("Action Plan %(year)s", year=year),
                    "kim_action_plan_year": year,
                    "allow_milestones": True,
                    "privacy_visibility": "employees",
                }
            )
        return self.browse(project.id)

    @api.model
    def _kim_add_milestone(self, year, name, deadline):
        """G-8: a yearly milestone of the action plan."""
        project = self._kim_action_plan_project(year)
        return self.env["project.milestone"].create(
            {"name": name, "project_id": project.id, "deadline": deadline}
        )
