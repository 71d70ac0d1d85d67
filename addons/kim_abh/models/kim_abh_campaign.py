# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.kim_case.tools import kim_today


class KimAbhCampaign(models.Model):
    """A-1, A-2: information and naturalisation campaigns with migrant
    organisations. Holds no client data: the follow-up requests are counted."""

    _name = "kim.abh.campaign"
    _description = "Information or Naturalisation Campaign"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    campaign_type = fields.Selection(
        [
            ("naturalisation", "Naturalisation Campaign"),
            ("information", "Information on Right to Stay"),
            ("press", "Press Work"),
        ],
        string="Type",
        required=True,
        default="naturalisation",
    )
    date = fields.Date(required=True, default=kim_today)
    format = fields.Selection(
        [
            ("event", "Information Event"),
            ("consultation", "Consultation Hours"),
            ("social_media", "Social Media"),
            ("print", "Print Material"),
            ("press", "Press Release"),
        ],
        required=True,
        default="event",
    )
    language_ids = fields.Many2many(
        "kim.language",
        "kim_abh_campaign_language_rel",
        "campaign_id",
        "language_id",
        string="Languages",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "kim_abh_campaign_partner_rel",
        "campaign_id",
        "partner_id",
        string="Partner Organisations",
        domain=[("is_company", "=", True)],
        help="Migrant organisations (MSO) and other partners involved.",
    )
    authority_id = fields.Many2one(
        "res.partner",
        domain=[("kim_partner_type_id.is_authority", "=", True)],
    )
    audience_reached = fields.Integer(help="Number of people reached (estimate).")
    request_ids = fields.One2many(
        "kim.abh.request", "campaign_id", string="Follow-up Requests"
    )
    request_count = fields.Integer(
        string="Follow-up Requests Created", compute="_compute_request_count"
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "audience_positive",
            "CHECK(audience_reached >= 0)",
            "The audience reached cannot be negative.",
        ),
    ]

    def _compute_request_count(self):
        # justified: a count only; the requests themselves stay protected
        counts = dict(
            self.env["kim.abh.request"]
            .sudo()  # sudo: request count per campaign only, no request is read
            ._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            campaign.request_count = counts.get(campaign, 0)
