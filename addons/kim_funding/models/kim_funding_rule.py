# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

BAUSTEINE = [("1", "Baustein 1"), ("2", "Baustein 2"), ("3", "Baustein 3")]

CATEGORIES = [
    ("coord_personnel", "Personnel: coordination"),
    ("admin_personnel", "Personnel: administrative assistance"),
    ("coord_material", "Material costs: coordination"),
    ("admin_material", "Material costs: administrative assistance"),
    ("consulting", "Consulting days"),
    ("exchange", "Exchange and qualification days"),
    ("implementation", "Implementation measures"),
    ("gap_analysis", "Measures from the gap analysis"),
    ("flat_rate", "Flat rate per FTE"),
]


class KimFundingRule(models.Model):
    """Programme parameters of one guideline year (F-1 … F-4): dated data,
    never constants in code. A new guideline year is a new record."""

    _name = "kim.funding.rule"
    _description = "KIM Funding Rule"
    _order = "year desc, baustein"

    name = fields.Char(compute="_compute_name", store=True)
    baustein = fields.Selection(BAUSTEINE, required=True)
    year = fields.Integer(required=True)
    active = fields.Boolean(default=True)
    coord_fte_kreis = fields.Float(
        "Coordination FTE (Kreis)", digits=(4, 2), default=3.5
    )
    coord_fte_city = fields.Float(
        "Coordination FTE (kreisfreie Stadt)", digits=(4, 2), default=2.5
    )
    admin_fte = fields.Float("Administrative FTE", digits=(4, 2), default=0.5)
    extra_fte_per_municipality = fields.Float(
        "Extra coordination FTE per qualifying municipality", digits=(4, 2), default=1.0
    )
    min_share = fields.Float("Minimum position share", digits=(4, 2), default=0.5)
    full_funding = fields.Boolean(default=True)
    carry_over = fields.Boolean(
        "Carry-over allowed",
        help="Baustein 2 is a year-bound flat rate: no carry-over (F-4).",
    )
    categories_coverable = fields.Boolean(
        "Categories mutually coverable",
        help="F-2: the cost categories are not mutually coverable.",
    )
    line_ids = fields.One2many("kim.funding.rule.line", "rule_id", copy=True)

    _sql_constraints = [
        (
            "baustein_year_uniq",
            "unique(baustein, year)",
            "There is already a funding rule for this Baustein and year.",
        )
    ]

    @api.depends("baustein", "year")
    def _compute_name(self):
        for rule in self:
            rule.name = f"Baustein {rule.baustein or '?'} / {rule.year or ''}"

    @api.model
    def _kim_rule_for(self, baustein, year):
        return self.search([("baustein", "=", baustein), ("year", "=", year)], limit=1)
