# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, formatLang

from odoo.addons.kim_case.tools import kim_serialise


def _overlaps(start_a, end_a, start_b, end_b):
    return (not end_b or start_a <= end_b) and (not end_a or start_b <= end_a)


class KimPositionOccupant(models.Model):
    _name = "kim.position.occupant"
    _description = "KIM Position Occupant"
    _order = "date_start"

    position_id = fields.Many2one("kim.position", required=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", required=True, ondelete="restrict")
    fte_share = fields.Float("FTE share", digits=(4, 2), required=True)
    date_start = fields.Date(required=True)
    date_end = fields.Date()

    @api.constrains("fte_share", "date_start", "date_end", "position_id")
    def _check_bounds(self):
        """F-1: an occupant holds more than 0 and at most 1 FTE, does not
        leave before starting, and the occupants of a position never hold
        more than its FTE on any day."""
        for occ in self:
            if not 0 < occ.fte_share <= 1:
                raise ValidationError(
                    self.env._(
                        "The FTE share of an occupant must be more than 0 and at "
                        "most 1."
                    )
                )
            if occ.date_end and occ.date_end < occ.date_start:
                raise ValidationError(
                    self.env._("An occupancy cannot end before it starts.")
                )
        self.position_id._kim_check_occupancy()

    @api.constrains("position_id")
    def _check_additional(self):
        """F-3: only confirmed additional positions are occupied with funding."""
        for occ in self:
            if not occ.position_id.is_additional:
                raise ValidationError(
                    self.env._(
                        "Position %(name)s: confirm first that it is an additional "
                        "position (no refinancing of existing staff).",
                        name=occ.position_id.name,
                    )
                )

    @api.constrains("fte_share", "date_start", "date_end", "employee_id")
    def _check_double_funding(self):
        """F-5: a person cannot be funded twice for the same hours (KIM
        positions and other programmes such as JMD/MBE together may not
        exceed the employee's contractual FTE)."""
        # two occupations or programmes of one employee saved at once are
        # serialised on the employee's row; the second counts the first
        kim_serialise(self.employee_id)
        # justified: the check must see all occupations and programmes of the employee
        for occ in self.sudo():
            emp = occ.employee_id
            occupations = occ.search([("employee_id", "=", emp.id)])
            others = (
                self.env["kim.other.funding"]
                .sudo()  # sudo: F-5 check needs every programme of the employee
                .search([("employee_id", "=", emp.id)])
            )  # justified: see above
            periods = [(o.date_start, o.date_end, o.fte_share) for o in occupations]
            periods += [(f.date_start, f.date_end, f.fte) for f in others]
            for start, end, _fte in periods:
                if not _overlaps(occ.date_start, occ.date_end, start, end):
                    continue
                # total at the later start date of the pair
                day = max(start, occ.date_start)
                total = sum(
                    fte for s, e, fte in periods if s <= day and (not e or e >= day)
                )
                if total > emp.kim_fte_capacity + 1e-6:
                    raise ValidationError(
                        self.env._(
                            "%(emp)s would be funded for %(total)s FTE on %(day)s "
                            "(contract %(cap)s FTE, other programmes included): "
                            "double funding is excluded.",
                            emp=emp.name,
                            total=formatLang(self.env, total),
                            day=format_date(self.env, day),
                            cap=formatLang(self.env, emp.kim_fte_capacity),
                        )
                    )
