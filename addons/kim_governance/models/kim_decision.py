# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.kim_case.tools import kim_today

from .kim_committee import OPEN_TASK_STATES


class KimDecision(models.Model):
    """G-2: a decision (Beschluss) of a body; its mandates (Aufträge) are
    tasks of the governance project, so their status is visible at the next
    meeting."""

    _name = "kim.decision"
    _description = "KIM Decision"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    text = fields.Html(string="Decision Text")
    date = fields.Date(required=True, default=kim_today, tracking=True)
    committee_id = fields.Many2one(
        "kim.committee", string="Body", required=True, index=True, ondelete="restrict"
    )
    event_id = fields.Many2one(
        "calendar.event",
        string="Meeting",
        domain="[('kim_committee_id', '=', committee_id)]",
        ondelete="set null",
    )
    theme_id = fields.Many2one(
        "kim.generative.theme", string="Generative Theme", index="btree_not_null"
    )
    mandate_ids = fields.One2many("project.task", "kim_decision_id", string="Mandates")
    open_mandate_count = fields.Integer(compute="_compute_open_mandate_count")

    @api.constrains("event_id", "committee_id")
    def _check_event(self):
        for decision in self:
            if (
                decision.event_id
                and decision.event_id.kim_committee_id != decision.committee_id
            ):
                raise ValidationError(
                    self.env._(
                        "The meeting does not belong to the body of the decision."
                    )
                )

    @api.depends("mandate_ids.state")
    def _compute_open_mandate_count(self):
        for decision in self:
            decision.open_mandate_count = len(
                decision.mandate_ids.filtered(lambda t: t.state in OPEN_TASK_STATES)
            )

    def _kim_add_mandate(self, name, user, deadline, description=None):
        """G-2: record a mandate of this decision as a governance task."""
        self.ensure_one()
        return self.env["project.task"].create(
            {
                "name": name,
                "kim_decision_id": self.id,
                "user_ids": [(6, 0, user.ids)],
                "date_deadline": deadline,
                "description": description or False,
            }
        )
