# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

KIM_FUNDING_GROUPS = "kim_case.group_kim_lead,kim_case.group_kim_finance"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    kim_fte_capacity = fields.Float(
        "Contractual FTE",
        digits=(4, 2),
        default=1.0,
        groups="hr.group_hr_user",
        copy=False,
    )
    # KIM's funding records are KIM finance's and the lead's (their access
    # rights): an HR officer without a KIM role opens employees as before
    # (issue #17)
    kim_other_funding_ids = fields.One2many(
        "kim.other.funding",
        "employee_id",
        string="Other funding programmes",
        groups=KIM_FUNDING_GROUPS,
    )
    kim_occupant_ids = fields.One2many(
        "kim.position.occupant", "employee_id", groups=KIM_FUNDING_GROUPS
    )

    @api.constrains("kim_fte_capacity")
    def _check_kim_fte_capacity(self):
        """F-5: an employee's contractual FTE lies in (0, 1]."""
        for employee in self:
            if not 0 < employee.kim_fte_capacity <= 1:
                raise ValidationError(
                    self.env._(
                        "The contractual FTE of %(name)s must be more than 0 and "
                        "at most 1.",
                        name=employee.name,
                    )
                )
