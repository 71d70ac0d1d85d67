# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError


class KimCaseObservation(models.Model):
    _inherit = "kim.case.observation"

    kim_theme_ids = fields.Many2many(
        "kim.generative.theme",
        "kim_theme_observation_rel",
        "observation_id",
        "theme_id",
        string="Generative Themes",
    )
    kim_municipality_id = fields.Many2one(
        related="case_id.municipality_id", store=True, string="Municipality"
    )

    def action_kim_create_theme(self):
        """G-4: coordination groups the selected observations into a theme."""
        if not self:
            raise UserError(self.env._("Select the observations for the theme."))
        theme = self.env["kim.generative.theme"].create(
            {
                "name": self.env._(
                    "New theme from %(count)s observations", count=len(self)
                ),
                "observation_ids": [Command.set(self.ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "kim.generative.theme",
            "res_id": theme.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
