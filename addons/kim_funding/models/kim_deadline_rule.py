# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KimDeadlineRule(models.Model):
    """F-8: the deadline of the proof of use after the funding period."""

    _inherit = "kim.deadline.rule"

    key = fields.Selection(
        selection_add=[("proof_of_use", "Proof of Use (After the Funding Period)")],
        ondelete={"proof_of_use": "cascade"},
    )

    @api.model
    def _kim_due_date_fields(self):
        return [
            *super()._kim_due_date_fields(),
            ("kim.proof.of.use", "date_due", [("state", "=", "draft")]),
        ]
