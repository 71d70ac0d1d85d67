# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimDistrict(models.Model):
    """G-6: social area (Sozialraum/Bezirk) of the Kreis, supervised by
    coordinators (Fachaufsicht over its case management)."""

    _name = "kim.district"
    _description = "District (Sozialraum)"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    municipality_ids = fields.One2many(
        "res.partner", "kim_district_id", string="Municipalities"
    )
    coordinator_ids = fields.Many2many(
        "res.users",
        "kim_district_coordinator_rel",
        "district_id",
        "user_id",
        string="Coordinators",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("kim_case.group_kim_coordination").id)
        ],
    )
    coordination_fte = fields.Float(string="Coordination FTE", digits=(4, 2))
    municipality_count = fields.Integer(compute="_compute_municipality_count")

    _sql_constraints = [
        ("name_unique", "unique(name)", "A district with this name already exists."),
    ]

    def _compute_municipality_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("kim_district_id", "in", self.ids)], ["kim_district_id"], ["__count"]
            )
        )
        for district in self:
            district.municipality_count = counts.get(district, 0)
