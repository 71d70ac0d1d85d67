# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PARAMETER_KEYS = [
    ("reconstructions_per_year", "Case Reconstructions per Year"),
]


class KimGovernanceParameter(models.Model):
    """G-3: dated programme parameters set by a steering-group mandate (e.g.
    "up to four case reconstructions a year" from 25.01.2024 on)."""

    _name = "kim.governance.parameter"
    _description = "KIM Dated Governance Parameter"
    _order = "key, valid_from desc"

    key = fields.Selection(PARAMETER_KEYS, required=True, index=True)
    value = fields.Integer(required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date()
    decision_id = fields.Many2one("kim.decision", string="Based on Decision")

    @api.constrains("key", "valid_from", "valid_to")
    def _check_no_overlap(self):
        for param in self:
            if param.valid_to and param.valid_to < param.valid_from:
                raise ValidationError(
                    self.env._("The end of validity lies before its start.")
                )
            domain = [
                ("id", "!=", param.id),
                ("key", "=", param.key),
                "|",
                ("valid_to", "=", False),
                ("valid_to", ">=", param.valid_from),
            ]
            if param.valid_to:
                domain.append(("valid_from", "<=", param.valid_to))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "Another value of this parameter is valid in the same period."
                    )
                )

    @api.model
    def _kim_value(self, key, on_date, default=None):
        """The value of ``key`` valid on ``on_date`` (or ``default``)."""
        # justified: a programme parameter, no personal data; every role needs it
        param = self.sudo().search(
            [
                ("key", "=", key),
                ("valid_from", "<=", on_date),
                "|",
                ("valid_to", "=", False),
                ("valid_to", ">=", on_date),
            ],
            limit=1,
        )
        return param.value if param else default
