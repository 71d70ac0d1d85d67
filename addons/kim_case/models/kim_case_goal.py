# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import kim_today, kim_workbook_templates

GOAL_OUTCOMES = [
    ("achieved", "Achieved"),
    ("partly", "Partly Achieved"),
    ("not_achieved", "Not Achieved"),
    ("discarded", "Discarded"),
]


class KimCaseGoal(models.Model):
    """C-6: a goal agreed with the client, per life domain and family member.

    The client's own words are kept next to the case manager's wording: the
    client's view leads every step (Nutzerperspektive).
    """

    _name = "kim.case.goal"
    _description = "Case Goal"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    member_id = fields.Many2one(
        "kim.case.member",
        string="Family Member",
        ondelete="set null",
        domain="[('case_id', '=', case_id)]",
        help="Family member the goal belongs to; empty for the whole family.",
    )
    life_domain_id = fields.Many2one("kim.life.domain")
    name = fields.Char(string="Goal", required=True)
    client_words = fields.Text(
        string="Client's Own Words",
        help="The goal as the client put it (C-6).",
    )
    target_date = fields.Date()
    outcome = fields.Selection(GOAL_OUTCOMES)
    outcome_date = fields.Date()
    measure_ids = fields.One2many("project.task", "kim_goal_id", string="Measures")

    @api.constrains("member_id", "case_id")
    def _check_member_of_case(self):
        for goal in self:
            if goal.member_id and goal.member_id.case_id != goal.case_id:
                raise ValidationError(
                    self.env._(
                        "The goal '%(goal)s' can only name a member of the "
                        "family of its own case.",
                        goal=goal.name,
                    )
                )

    @api.constrains("outcome", "outcome_date")
    def _check_outcome_date(self):
        for goal in self:
            if goal.outcome_date and not goal.outcome:
                raise ValidationError(
                    self.env._(
                        "The goal '%(goal)s' has an outcome date but no outcome.",
                        goal=goal.name,
                    )
                )

    @api.onchange("outcome")
    def _onchange_outcome(self):
        if self.outcome and not self.outcome_date:
            self.outcome_date = kim_today(self)

    @api.model
    def get_import_templates(self):
        """X-5: the KIM workbook template in the import dialog."""
        return kim_workbook_templates(self.env)
