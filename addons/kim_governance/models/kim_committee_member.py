# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.kim_case.tools import kim_today

MEMBER_ROLES = [
    ("chair", "Chair"),
    ("member", "Member"),
    ("deputy", "Deputy"),
    ("guest", "Guest"),
]


class KimCommitteeMember(models.Model):
    """G-1: membership of a person in a body, with organisation, role and period."""

    _name = "kim.committee.member"
    _description = "KIM Committee Member"
    _order = "committee_id, role, id"

    committee_id = fields.Many2one(
        "kim.committee", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, ondelete="restrict"
    )
    organisation_id = fields.Many2one("res.partner", domain=[("is_company", "=", True)])
    function = fields.Char()
    role = fields.Selection(MEMBER_ROLES, required=True, default="member")
    date_from = fields.Date(string="Member Since")
    date_to = fields.Date(string="Member Until")
    is_current = fields.Boolean(compute="_compute_is_current")

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for member in self:
            if (
                member.date_from
                and member.date_to
                and member.date_to < member.date_from
            ):
                raise ValidationError(
                    self.env._("The membership ends before it starts.")
                )

    @api.depends("date_from", "date_to")
    def _compute_is_current(self):
        today = kim_today(self)
        for member in self:
            member.is_current = (
                not member.date_from or member.date_from <= today
            ) and (not member.date_to or member.date_to >= today)
