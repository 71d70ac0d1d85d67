# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .kim_abh_request import OPEN_STATES


class KimDeadlineRule(models.Model):
    """A-1: the answer time of an authority request, per topic (a rule
    without topic applies to topics without their own)."""

    _inherit = "kim.deadline.rule"

    key = fields.Selection(
        selection_add=[("abh_response", "Authority Answer Time")],
        ondelete={"abh_response": "cascade"},
    )
    topic_id = fields.Many2one(
        "kim.abh.topic", index="btree_not_null", ondelete="cascade"
    )

    @api.model
    def _kim_scope_fields(self):
        return [*super()._kim_scope_fields(), "topic_id"]

    @api.model
    def _kim_due_date_fields(self):
        return [
            *super()._kim_due_date_fields(),
            ("kim.abh.request", "date_deadline", [("state", "in", OPEN_STATES)]),
        ]
