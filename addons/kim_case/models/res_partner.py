# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

CLIENT_FIELDS_GROUPS = (
    "kim_case.group_kim_case_manager,kim_case.group_kim_coordination,"
    "kim_case.group_kim_authority"
)
HEALTH_GROUPS = "kim_case.group_kim_case_manager"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # --- employing organisation (X-1, C-12)
    kim_is_employer = fields.Boolean(
        string="KIM Employing Organisation",
        help="Employs KIM staff (Anstellungsträger): the Kreis' KI, a municipality "
        "or a welfare association.",
    )
    kim_share_cases_in_team = fields.Boolean(
        string="Share Cases Within the Organisation",
        help="Set by the KIM lead: every case manager of this organisation may open "
        "all of its cases (team access, C-12).",
        groups="kim_case.group_kim_lead",
    )
    kim_employee_user_ids = fields.One2many(
        "res.users",
        "kim_employer_id",
        string="KIM Staff",
        groups="kim_case.group_kim_lead",
    )

    # --- clients (persons)
    kim_is_client = fields.Boolean(
        string="KIM Client",
        index=True,
        help="Person supported by KIM case management. Only users entitled to one "
        "of the person's cases can see the contact.",
    )
    kim_birthdate = fields.Date(string="Birth Date", groups=CLIENT_FIELDS_GROUPS)
    kim_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("diverse", "Diverse")],
        string="Client Gender",
        groups=CLIENT_FIELDS_GROUPS,
    )
    kim_nationality_id = fields.Many2one(
        "res.country", string="Nationality", groups=CLIENT_FIELDS_GROUPS
    )
    kim_language_ids = fields.Many2many(
        "kim.language",
        "kim_partner_language_rel",
        "partner_id",
        "language_id",
        string="Languages Spoken",
        groups=CLIENT_FIELDS_GROUPS,
    )
    kim_needs_interpreter = fields.Boolean(
        string="Needs Language Mediation", groups=CLIENT_FIELDS_GROUPS
    )
    kim_interpreter_language_id = fields.Many2one(
        "kim.language", string="Mediation Language", groups=CLIENT_FIELDS_GROUPS
    )
    kim_residence_status_id = fields.Many2one(
        "kim.residence.status", string="Residence Status", groups=CLIENT_FIELDS_GROUPS
    )
    kim_residence_valid_until = fields.Date(
        string="Residence Valid Until", groups=CLIENT_FIELDS_GROUPS
    )
    kim_entry_date = fields.Date(string="Date of Entry", groups=CLIENT_FIELDS_GROUPS)
    kim_benefit_domain_ids = fields.Many2many(
        "kim.legal.domain",
        "kim_partner_benefit_domain_rel",
        "partner_id",
        "domain_id",
        string="Current Benefits",
        help="Legal domains the person currently receives benefits from.",
        groups=CLIENT_FIELDS_GROUPS,
    )
    kim_case_member_ids = fields.One2many(
        "kim.case.member", "partner_id", string="KIM Case Memberships"
    )
    kim_health_note = fields.Text(string="Health Notes", groups=HEALTH_GROUPS)
    kim_legal_hold = fields.Boolean(
        string="Restriction of Processing",
        help="§ 84 SGB X: the data must be kept (legal hold); retention does not "
        "anonymise this person.",
        groups="kim_case.group_kim_lead",
    )

    # --- network partners (organisations)
    kim_partner_type_id = fields.Many2one("kim.partner.type", string="Partner Type")
    kim_legal_domain_ids = fields.Many2many(
        "kim.legal.domain",
        "kim_partner_legal_domain_rel",
        "partner_id",
        "domain_id",
        string="Legal Domains Served",
    )
    kim_life_domain_ids = fields.Many2many(
        "kim.life.domain",
        "kim_partner_life_domain_rel",
        "partner_id",
        "domain_id",
        string="Life Domains Served",
    )
    kim_has_own_case_management = fields.Boolean(
        string="Own Case Management",
        help="The partner runs its own case management: KIM refers (C-7).",
    )

    # --- municipalities (kreisangehörige Kommunen)
    kim_is_municipality = fields.Boolean(string="Municipality", index=True)
    kim_ags = fields.Char(
        string="Municipality Key (AGS)",
        size=8,
        help="8-digit official municipality key (Amtlicher Gemeindeschlüssel).",
    )
    kim_district_id = fields.Many2one("kim.district", string="District", index=True)
    kim_has_abh = fields.Boolean(string="Own Foreigners' Authority")
    kim_has_youth_office = fields.Boolean(string="Own Youth Office")
    kim_has_integration_council = fields.Boolean(string="Integration Council")

    _sql_constraints = [
        (
            "kim_ags_unique",
            "unique(kim_ags)",
            "This municipality key (AGS) is already used by another municipality.",
        ),
    ]

    @api.model
    def _kim_client_access_domain(self):
        """Client contacts the current user may see (rule ``kim_client_access()``):
        the people of the cases the user may see, and clients the user recorded
        who have no case yet. Other addons OR their audience in (e.g. kim_abh:
        authority staff see the clients of requests addressed to them)."""
        return expression.OR(
            [
                [
                    ("kim_case_member_ids", "=", False),
                    ("create_uid", "=", self.env.uid),
                ],
                self.env["kim.case"]._kim_access_domain("kim_case_member_ids.case_id"),
            ]
        )

    def write(self, vals):
        res = super().write(vals)
        if "kim_share_cases_in_team" in vals:
            # the case access rules read this flag: recompute rule domains
            self.env.registry.clear_cache()
        return res

    @api.constrains("kim_ags")
    def _check_kim_ags(self):
        for partner in self.filtered("kim_ags"):
            ags = partner.kim_ags
            # Land digits 01–16, then Regierungsbezirk, Kreis, Gemeinde
            if not (ags.isdigit() and len(ags) == 8 and 1 <= int(ags[:2]) <= 16):
                raise ValidationError(
                    self.env._(
                        "The municipality key (AGS) %(ags)s of %(name)s is invalid: "
                        "it has 8 digits and starts with the number of a German "
                        "state (01–16).",
                        ags=ags,
                        name=partner.name,
                    )
                )
