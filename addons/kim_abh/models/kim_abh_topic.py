# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.kim_case.models.kim_deadline_rule import UNITS
from odoo.addons.kim_case.tools import kim_today


class KimAbhTopic(models.Model):
    """A-1, A-2: catalogue of cooperation topics with ABH/EBH, each with its
    legal basis, the data categories a release must cover and the answer time
    (dated deadline rules, ``kim.deadline.rule`` with key ``abh_response``)."""

    _name = "kim.abh.topic"
    _description = "Authority Cooperation Topic"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    legal_basis = fields.Char(required=True)
    authority_type = fields.Selection(
        [
            ("abh", "Foreigners' Authority"),
            ("ebh", "Naturalisation Authority"),
            ("both", "Either"),
        ],
        required=True,
        default="abh",
    )
    data_category_ids = fields.Many2many(
        "kim.data.category",
        "kim_abh_topic_data_category_rel",
        "topic_id",
        "category_id",
        string="Required Data Categories",
        help="The client's release from confidentiality must cover all of them.",
    )
    deadline_rule_ids = fields.One2many(
        "kim.deadline.rule",
        "topic_id",
        string="Answer Times",
        help="A-1: the answer time of requests of this topic, valid from a date "
        "(deadline rules; without one the rule without topic applies).",
    )
    response_days = fields.Integer(
        string="Answer Time",
        compute="_compute_response_time",
        help="The answer time valid today: requests are due this long after "
        "they were sent.",
    )
    response_unit = fields.Selection(
        UNITS, string="Counted In", compute="_compute_response_time"
    )
    is_case_discussion = fields.Boolean(
        help="Requests of this topic create a calendar event with the case manager "
        "and the authority staff (A-1)."
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The topic code must be unique."),
    ]

    def _compute_response_time(self):
        Rule = self.env["kim.deadline.rule"]
        today = kim_today(self)
        for topic in self:
            rule = Rule._kim_rule("abh_response", today, topic_id=topic.id)
            topic.response_days = rule.value
            topic.response_unit = rule.unit
