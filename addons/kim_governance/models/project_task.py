# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProjectTask(models.Model):
    """G-2: a mandate (Auftrag) of a decision, in the governance project."""

    _inherit = "project.task"

    kim_decision_id = fields.Many2one(
        "kim.decision", string="Decision", index="btree_not_null", ondelete="cascade"
    )
    kim_committee_id = fields.Many2one(
        related="kim_decision_id.committee_id", store=True, string="Mandating Body"
    )

    @api.model_create_multi
    def create(self, vals_list):
        project = None
        for vals in vals_list:
            if vals.get("kim_decision_id") and not vals.get("project_id"):
                if project is None:
                    project = self.env.ref("kim_governance.project_governance")
                vals["project_id"] = project.id
        return super().create(vals_list)
