# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, formatLang


class KimPosition(models.Model):
    _name = "kim.position"
    _description = "KIM Funded Position"
    _inherit = ["mail.thread"]
    _order = "grant_id, role, id"

    name = fields.Char(required=True)
    grant_id = fields.Many2one("kim.grant", required=True, ondelete="restrict")
    baustein = fields.Selection(related="grant_id.baustein", store=True)
    role = fields.Selection(
        [
            ("coordination", "Coordination"),
            ("admin", "Administrative assistance"),
            ("case_management", "Case management"),
            ("abh", "Foreigners' authority (ABH)"),
            ("ebh", "Naturalisation authority (EBH)"),
        ],
        required=True,
    )
    fte = fields.Float("FTE", digits=(4, 2), required=True)
    employer_type = fields.Selection(
        [
            ("ki", "Kommunales Integrationszentrum (Kreis)"),
            ("municipality", "Municipality"),
            ("welfare", "Welfare association"),
        ],
        required=True,
        default="ki",
    )
    employer_id = fields.Many2one("res.partner", string="Employing organisation")
    municipality_id = fields.Many2one(
        "res.partner", domain=[("kim_is_municipality", "=", True)]
    )
    district_id = fields.Many2one("kim.district")
    is_additional = fields.Boolean(
        "Additional position confirmed",
        help="F-3: only additional positions or increased hours are funded, "
        "no refinancing of existing staff.",
        tracking=True,
    )
    occupant_ids = fields.One2many("kim.position.occupant", "position_id")
    company_id = fields.Many2one(related="grant_id.company_id", store=True)

    @api.constrains("fte")
    def _check_fte(self):
        """F-1: a position has a positive FTE, and its occupants together never
        hold more than it on any day."""
        for position in self:
            if position.fte <= 0:
                raise ValidationError(
                    self.env._(
                        "Position %(name)s: the FTE must be positive.",
                        name=position.name,
                    )
                )
        self._kim_check_occupancy()

    def _kim_check_occupancy(self):
        """F-1: the occupancies of a position add up to at most its FTE on
        every day (checked on each day an occupancy starts)."""
        Occupant = self.env["kim.position.occupant"]
        for position in self:
            # sudo: the sum needs every occupancy of the position
            occupants = Occupant.sudo().search([("position_id", "=", position.id)])
            for day in set(occupants.mapped("date_start")):
                total = sum(
                    occ.fte_share
                    for occ in occupants
                    if occ.date_start <= day
                    and (not occ.date_end or occ.date_end >= day)
                )
                if total > position.fte + 1e-6:
                    raise ValidationError(
                        self.env._(
                            "Position %(name)s: on %(day)s its occupants hold "
                            "%(total)s FTE, more than the position's %(fte)s FTE.",
                            name=position.name,
                            day=format_date(self.env, day),
                            total=formatLang(self.env, total),
                            fte=formatLang(self.env, position.fte),
                        )
                    )

    @api.constrains("fte", "role", "grant_id")
    def _check_min_share(self):
        """F-1: shares of at least the rule's minimum FTE."""
        for position in self:
            rule = position.grant_id.rule_id
            if rule and position.role in ("coordination", "admin"):
                if position.fte < rule.min_share - 1e-6:
                    raise ValidationError(
                        self.env._(
                            "Position %(name)s: %(fte).2f FTE is below the minimum "
                            "share of %(min).2f FTE.",
                            name=position.name,
                            fte=position.fte,
                            min=rule.min_share,
                        )
                    )

    @api.constrains("role", "municipality_id", "employer_type")
    def _check_qualifying_municipality(self):
        """F-1: the coordination position of a qualifying municipality (own ABH,
        youth office and integration council) must be forwarded to it."""
        for position in self:
            muni = position.municipality_id
            if (
                position.role == "coordination"
                and muni._kim_qualifies_for_coordination()
                and position.employer_type != "municipality"
            ):
                raise ValidationError(
                    self.env._(
                        "The coordination position of %(muni)s must be forwarded "
                        "to the municipality.",
                        muni=muni.name,
                    )
                )

    def _kim_occupied_fte(self, ref_date):
        """Occupied FTE per position at a reference date (F-4)."""
        result = dict.fromkeys(self.ids, 0.0)
        for occ in self.occupant_ids:
            if occ.date_start <= ref_date and (
                not occ.date_end or occ.date_end >= ref_date
            ):
                result[occ.position_id.id] += occ.fte_share
        return result

    def _kim_occupancy(self, ref_date):
        """(filled FTE, total FTE) at a reference date, e.g. 31.03 (F-4)."""
        filled = sum(self._kim_occupied_fte(ref_date).values())
        return round(min(filled, sum(self.mapped("fte"))), 2), round(
            sum(self.mapped("fte")), 2
        )

    def _kim_vacancy_months(self, year, until=None):
        """Months of the year in which a position is not (fully) occupied,
        checked on the 15th; with ``until`` only the months whose 15th lies
        on or before that day (the year so far)."""
        result = {}
        for position in self:
            months = 0
            for month in range(1, 13):
                day = date(year, month, 1) + relativedelta(day=15)
                if until and day > until:
                    break
                if position._kim_occupied_fte(day)[position.id] < position.fte - 1e-6:
                    months += 1
            result[position.id] = months
        return result
