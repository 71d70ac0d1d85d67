# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import kim_today

OBSERVATION_CATEGORIES = [
    ("missing_offer", "Missing Offer"),
    ("double_structure", "Double Structure"),
    ("access_barrier", "Access Barrier"),
    ("quality_deficit", "Quality Deficit"),
    ("interface_problem", "Interface Problem"),
    ("waiting_time", "Waiting Time"),
]


class KimCaseObservation(models.Model):
    """C-13: a system gap the case manager observed in a case: what blocks the
    client beyond the single case. Raw material for generative themes (G-4)."""

    _name = "kim.case.observation"
    _description = "System-Gap Observation"
    _order = "date desc, id desc"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade", index=True)
    district_id = fields.Many2one(
        related="case_id.district_id", store=True, index=True, readonly=True
    )
    category = fields.Selection(OBSERVATION_CATEGORIES, required=True, index=True)
    legal_domain_ids = fields.Many2many(
        "kim.legal.domain",
        "kim_case_observation_legal_domain_rel",
        "observation_id",
        "legal_domain_id",
        string="Legal Domains",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Organisation Concerned",
        domain=[("is_company", "=", True)],
        index="btree_not_null",
    )
    text = fields.Text(string="Observation", required=True)
    date = fields.Date(required=True, default=kim_today, index=True)
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user
    )

    @api.depends("case_id.name", "category")
    def _compute_display_name(self):
        # pseudonymous: case number and category, never client data
        labels = dict(self._fields["category"]._description_selection(self.env))
        for observation in self:
            observation.display_name = " – ".join(
                filter(
                    None, [observation.case_id.name, labels.get(observation.category)]
                )
            )
