# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .kim_abh_readiness_rule import LANGUAGE_LEVELS

CASE_GROUPS = "kim_case.group_kim_case_manager,kim_case.group_kim_coordination"


class ResPartner(models.Model):
    """Facts the readiness checks need (A-2), visible to case staff only, and
    the consents of a client for the authority record rule.

    Authority staff get no access to client contacts at all: what they need to
    know is shown on the request (kim.abh.request, need-to-know fields), so
    the KIM client rule is deliberately not extended.
    """

    _inherit = "res.partner"

    kim_authority_user_ids = fields.One2many(
        "res.users",
        "kim_authority_id",
        string="Authority Staff",
        groups="base.group_system",
        help="Users working for this authority: the authority's record rule on "
        "requests reads them in SQL, so a user's change of authority needs no "
        "cache reset (A-1).",
    )
    kim_consent_ids = fields.One2many(
        "kim.consent", "partner_id", string="Consents", groups=CASE_GROUPS
    )
    kim_abh_language_level = fields.Selection(
        LANGUAGE_LEVELS,
        string="German Language Level",
        groups=CASE_GROUPS,
        help="Highest certified level (CEFR).",
        copy=False,
    )
    kim_abh_test_passed = fields.Boolean(
        string="Naturalisation Test Passed", groups=CASE_GROUPS, copy=False
    )
    kim_abh_livelihood_secured = fields.Boolean(
        string="Livelihood Secured",
        groups=CASE_GROUPS,
        help="Livelihood secured without SGB II/XII benefits (as assessed).",
        copy=False,
    )
    kim_abh_special_integration = fields.Boolean(
        string="Special Integration Achievements", groups=CASE_GROUPS, copy=False
    )
    kim_abh_minor_child = fields.Boolean(
        string="Lives With a Minor Child", groups=CASE_GROUPS, copy=False
    )
    kim_abh_school_or_qualification = fields.Boolean(
        string="School Attendance or Qualification in Germany",
        groups=CASE_GROUPS,
        copy=False,
    )
