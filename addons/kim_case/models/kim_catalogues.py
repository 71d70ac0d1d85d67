# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Small configurable catalogues of kim_case (one short class each)."""

from odoo import fields, models


class KimLanguage(models.Model):
    """X-4: languages clients speak (incl. those Odoo's UI languages lack)."""

    _name = "kim.language"
    _inherit = "kim.catalogue.mixin"
    _description = "Language (KIM)"


class KimLegalDomain(models.Model):
    """Legal domain (Rechtskreis): SGB II, III, VIII, XII, AsylbLG, AufenthG …"""

    _name = "kim.legal.domain"
    _inherit = "kim.catalogue.mixin"
    _description = "Legal Domain"

    has_own_case_management = fields.Boolean(
        help="Services of this legal domain run their own case management: KIM "
        "refers clients there (Verweisberatung, C-7)."
    )


class KimLifeDomain(models.Model):
    """C-5: life domains (Lebensbereiche) of the assessment."""

    _name = "kim.life.domain"
    _inherit = "kim.catalogue.mixin"
    _description = "Life Domain"


class KimPartnerType(models.Model):
    """Type of a network partner organisation (Jobcenter, ABH, MBE, JMD …)."""

    _name = "kim.partner.type"
    _inherit = "kim.catalogue.mixin"
    _description = "Network Partner Type"

    is_authority = fields.Boolean(
        help="Foreigners' or naturalisation authority (Baustein 3 addressee)."
    )


class KimTargetGroup(models.Model):
    """C-11: locally defined target groups, changing over time."""

    _name = "kim.target.group"
    _inherit = "kim.catalogue.mixin"
    _description = "Target Group"

    color = fields.Integer()


class KimDataCategory(models.Model):
    """C-10: categories of personal data a release from confidentiality covers."""

    _name = "kim.data.category"
    _inherit = "kim.catalogue.mixin"
    _description = "Data Category"


class KimResidenceStatus(models.Model):
    """Residence status with its legal basis (e.g. § 25 Abs. 2 AufenthG)."""

    _name = "kim.residence.status"
    _inherit = "kim.catalogue.mixin"
    _description = "Residence Status"

    legal_basis = fields.Char()
    is_tolerated = fields.Boolean(help="Duldung / Gestattung rather than a title.")
