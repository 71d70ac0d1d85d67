# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.kim_case.tools import kim_serialise


class KimOtherFunding(models.Model):
    """Hours of an employee funded by another programme (F-5)."""

    _name = "kim.other.funding"
    _description = "KIM: Other Funding Programme of an Employee"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade")
    programme = fields.Selection(
        [
            ("jmd", "Jugendmigrationsdienst (JMD)"),
            ("mbe", "Migrationsberatung für Erwachsene (MBE)"),
            ("teilhabe", "Teilhabemanagement (Gemeinsam klappt's)"),
            ("other", "Other"),
        ],
        required=True,
    )
    fte = fields.Float(digits=(4, 2), required=True)
    date_start = fields.Date(required=True)
    date_end = fields.Date()

    @api.constrains("fte", "date_start", "date_end")
    def _check_bounds(self):
        """F-5: other funding covers more than 0 and at most 1 FTE and does
        not end before it starts."""
        for funding in self:
            if not 0 < funding.fte <= 1:
                raise ValidationError(
                    self.env._(
                        "The FTE of another funding programme must be more than 0 "
                        "and at most 1."
                    )
                )
            if funding.date_end and funding.date_end < funding.date_start:
                raise ValidationError(
                    self.env._("Another funding cannot end before it starts.")
                )

    @api.constrains("fte", "date_start", "date_end")
    def _check_double_funding(self):
        kim_serialise(self.employee_id)  # F-5: as the occupations' check
        self.employee_id.kim_occupant_ids._check_double_funding()
