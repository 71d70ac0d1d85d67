# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
    carry_over_until = fields.Date(
        help="Last day after the grant year on which postings and payments may "
        "still be charged to the grant (only with a carry-over).",
    )
    categories_coverable = fields.Boolean(
        "Categories mutually coverable",
        help="F-2: the cost categories are not mutually coverable.",
    )
    line_ids = fields.One2many("kim.funding.rule.line", "rule_id", copy=True)
    # F-8 (issue #19): ANBest-P, how far an item of the proof of use may
    # deviate from the financing plan before it needs an explanation
    deviation_percent = fields.Float(
        "Allowed deviation from the financing plan (%)",
        digits=(5, 2),
        default=20.0,
        help="A cost category whose actual costs deviate from the financing plan "
        "by more than this share is flagged in the proof of use and needs an "
        "explanation before submission.",
    )

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

    @api.constrains(
        "coord_fte_kreis",
        "coord_fte_city",
        "admin_fte",
        "extra_fte_per_municipality",
        "min_share",
    )
    def _check_fte(self):
        """F-1: the FTE figures of a rule are not negative; the minimum share
        of a position lies in (0, 1]."""
        for rule in self:
            if (
                min(
                    rule.coord_fte_kreis,
                    rule.coord_fte_city,
                    rule.admin_fte,
                    rule.extra_fte_per_municipality,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("The FTE of a funding rule cannot be negative.")
                )
            if not 0 < rule.min_share <= 1:
                raise ValidationError(
                    self.env._(
                        "The minimum position share must be more than 0 and at "
                        "most 1 FTE."
                    )
                )

    @api.constrains("carry_over", "carry_over_until", "year")
    def _check_carry_over(self):
        """F-4: a carry-over is dated: it needs a last day after the end of
        the rule's year; without a carry-over there is no such day."""
        for rule in self:
            until = rule.carry_over_until
            if rule.carry_over and not (until and until > date(rule.year, 12, 31)):
                raise ValidationError(
                    self.env._(
                        "A carry-over needs a last day after the end of %(year)s.",
                        year=rule.year,
                    )
                )
            if until and not rule.carry_over:
                raise ValidationError(
                    self.env._(
                        "A carry-over date is only allowed when a carry-over is "
                        "allowed."
                    )
                )

    @api.model
    def _kim_rule_for(self, baustein, year):
        return self.search([("baustein", "=", baustein), ("year", "=", year)], limit=1)
