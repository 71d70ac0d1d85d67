# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimAbhTopic(models.Model):
    """A-1, A-2: catalogue of cooperation topics with ABH/EBH, each with its
    legal basis, the data categories a release must cover and the response time."""

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
    response_days = fields.Integer(
        string="Response Time (Days)",
        default=14,
        help="The request is due this many days after it was sent.",
    )
    is_case_discussion = fields.Boolean(
        help="Requests of this topic create a calendar event with the case manager "
        "and the authority staff (A-1)."
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The topic code must be unique."),
        (
            "response_days_positive",
            "CHECK(response_days > 0)",
            "The response time must be at least one day.",
        ),
    ]
