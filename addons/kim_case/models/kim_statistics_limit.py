# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools import kim_today


class KimStatisticsLimit(models.Model):
    """X-2 (issue #19): the minimum cell size of the KIM statistics as dated
    data. A count below it is shown as "< n" and every figure it could be
    worked out from is hidden too. The KIM lead sets a new figure from a
    later day (e.g. when the state or the data protection officer asks for
    a higher one); a report always uses the figure valid on the day it is
    made, so a re-run of an old period is protected as strictly as today."""

    _name = "kim.statistics.limit"
    _description = "KIM Minimum Cell Size of Statistics"
    _inherit = ["mail.thread"]
    _order = "valid_from desc, id desc"
    _rec_name = "value"

    value = fields.Integer(
        "Minimum Cell Size",
        required=True,
        help="Counts below this figure are not shown in any KIM statistics.",
        tracking=True,
    )
    valid_from = fields.Date(required=True, tracking=True)
    valid_to = fields.Date(tracking=True)
    note = fields.Char(help="Legal basis or decision behind this figure.")

    @api.constrains("value", "valid_from", "valid_to")
    def _check_no_overlap(self):
        for limit in self:
            if limit.value < 2:
                raise ValidationError(
                    self.env._("The minimum cell size must be at least 2.")
                )
            if limit.valid_to and limit.valid_to < limit.valid_from:
                raise ValidationError(
                    self.env._("The end of validity lies before its start.")
                )
            domain = [
                ("id", "!=", limit.id),
                "|",
                ("valid_to", "=", False),
                ("valid_to", ">=", limit.valid_from),
            ]
            if limit.valid_to:
                domain.append(("valid_from", "<=", limit.valid_to))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._("Another minimum cell size is valid in the same period.")
                )

    @api.model
    def _kim_min_cell(self, on_date=None):
        """The minimum cell size valid on ``on_date`` (default: the KIM day).
        Without a valid figure no report is made: publishing unprotected
        counts is worse than publishing none."""
        on_date = on_date or kim_today(self)
        # sudo: programme data without personal data, every report needs it
        limit = self.sudo().search(
            [
                ("valid_from", "<=", on_date),
                "|",
                ("valid_to", "=", False),
                ("valid_to", ">=", on_date),
            ],
            limit=1,
        )
        if not limit:
            raise UserError(
                self.env._(
                    "No minimum cell size of the statistics is valid on %(day)s. "
                    "The KIM lead sets it under Configuration › Minimum Cell Size.",
                    day=format_date(self.env, on_date),
                )
            )
        return limit.value
