# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import kim_today
from .kim_case import ACCESS_CHANNELS


class CrmLead(models.Model):
    """C-1: an inquiry of the KIM intake team ("KIM Zugang") is a CRM lead.

    It is either turned into a case (``action_kim_open_case``) or closed with one
    of Odoo's lost reasons (e.g. referred directly to the MBE).
    """

    _inherit = "crm.lead"

    # issue #21: the KIM intake pipeline shows its own stages only, every
    # other team Odoo's as before
    stage_id = fields.Many2one(group_expand="_kim_read_group_stage_ids")
    kim_intake = fields.Boolean(related="team_id.kim_intake")
    kim_channel = fields.Selection(
        ACCESS_CHANNELS, string="Access Channel", tracking=True
    )
    kim_channel_partner_id = fields.Many2one(
        "res.partner",
        string="Referring Organisation",
        help="First-contact point of a municipality or partner that referred or "
        "handed over the person.",
    )
    kim_employer_id = fields.Many2one(
        "res.partner",
        string="For Organisation",
        compute="_compute_kim_employer_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("kim_is_employer", "=", True)],
        index="btree_not_null",
        tracking=True,
        help="Organisation whose intake handles the inquiry: only its case "
        "managers and coordination see it, as for cases (C-1, X-1).",
    )
    kim_first_contact_date = fields.Date(
        string="First Contact",
        compute="_compute_kim_first_contact_date",
        store=True,
        readonly=False,
        precompute=True,
    )
    kim_case_id = fields.Many2one(
        "kim.case",
        string="KIM Case",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    @api.depends("team_id")
    def _compute_kim_first_contact_date(self):
        """C-1: an inquiry of a KIM intake team starts on the day of first
        contact, today unless given; an ordinary lead gets no KIM default
        (issue #17)."""
        for lead in self:
            if lead.team_id.kim_intake and not lead.kim_first_contact_date:
                lead.kim_first_contact_date = kim_today(lead)
            else:
                lead.kim_first_contact_date = lead.kim_first_contact_date

    @api.depends("team_id")
    def _compute_kim_employer_id(self):
        """C-1, X-1: an inquiry of a KIM intake team is for the organisation of
        the user who records it, unless given; an ordinary lead gets none."""
        for lead in self:
            if lead.team_id.kim_intake and not lead.kim_employer_id:
                lead.kim_employer_id = self.env.user.kim_employer_id
            else:
                lead.kim_employer_id = lead.kim_employer_id

    @api.model_create_multi
    def create(self, vals_list):
        """Issue #21: an inquiry of the KIM intake starts in its first stage
        (Odoo would put it in its general first stage)."""
        intake_teams = None
        for vals in vals_list:
            team_id = vals.get("team_id", self.env.context.get("default_team_id"))
            if not team_id or vals.get("stage_id"):
                continue
            if intake_teams is None:
                intake_teams = set(
                    # sudo: which teams are KIM's intake (no record content)
                    self.env["crm.team"].sudo().search([("kim_intake", "=", True)]).ids
                )
            if team_id in intake_teams:
                first = self._kim_intake_stages(team_id)[:1]
                if first:
                    vals["stage_id"] = first.id
        return super().create(vals_list)

    @api.model
    def _kim_intake_stages(self, team_id):
        """The open stages of a KIM intake team, in order."""
        Stage = self.env["crm.stage"].sudo()  # sudo: stage names and order only
        return Stage.search(
            [("team_id", "=", team_id), ("is_won", "=", False), ("fold", "=", False)]
        )

    @api.model
    def _kim_read_group_stage_ids(self, stages, domain):
        """Kanban columns: in the KIM intake (``default_team_id``), the intake
        team's stages; elsewhere what Odoo's CRM shows."""
        team_id = self.env.context.get("default_team_id")
        Team = self.env["crm.team"].sudo()  # sudo: is the pipeline KIM's intake
        team = Team.browse(team_id if isinstance(team_id, int) else [])
        if team.exists() and team.kim_intake:
            # sudo: stage names of the pipeline, as Odoo's own method reads them
            Stage = stages.sudo()
            found = Stage._search(
                ["|", ("id", "in", stages.ids), ("team_id", "=", team.id)],
                order=stages._order,
            )
            return stages.browse(found)
        return self._read_group_stage_ids(stages, domain)

    def action_set_lost(self, **additional_values):
        """Issue #21: a KIM inquiry closed without a case ends in the stage of
        its reason (referred / closed without case)."""
        res = super().action_set_lost(**additional_values)
        intake = self.filtered("team_id.kim_intake")
        if intake:
            default = self.env.ref(
                "kim_case.crm_stage_kim_closed", raise_if_not_found=False
            )
            for lead in intake:
                stage = lead.lost_reason_id.kim_stage_id or default
                if stage and lead.stage_id != stage:
                    lead.stage_id = stage
        return res

    # --------------------------------------------------------------- actions
    def action_kim_open_case(self):
        """Open a KIM case from the inquiry: the client (created if needed),
        access channel, referrer and first contact date are taken over, the
        inquiry is linked to the case and marked won."""
        self.ensure_one()
        if self.kim_case_id:
            return self.kim_case_id._kim_form_action()
        if not self.team_id.kim_intake:
            raise UserError(
                self.env._("Only inquiries of a KIM intake team can open a KIM case.")
            )
        if not self.active:
            raise UserError(
                self.env._(
                    "The inquiry %(name)s is closed: restore it before opening a case.",
                    name=self.name,
                )
            )
        partner = self.partner_id
        if partner.is_company:
            raise UserError(
                self.env._(
                    "The client of a case is a person, not the organisation "
                    "%(name)s: clear the customer and enter the contact name.",
                    name=partner.name,
                )
            )
        name = (self.contact_name or self.partner_name or "").strip()
        if not partner and not name:
            raise UserError(
                self.env._(
                    "Enter the contact name of the person before opening a case."
                )
            )
        if not partner:
            # justified: case managers are no contact managers; the client is
            # created from their own inquiry and guarded by the KIM client rule
            partner = (
                self.env["res.partner"]
                .sudo()  # sudo: creates the inquiring person only, see above
                .create(self._kim_client_values(name))
                .sudo(False)
            )
        case = self.env["kim.case"].create(self._kim_case_values(partner))
        self.write({"partner_id": partner.id, "kim_case_id": case.id})
        self.action_set_won()
        # an inquiry still in one of Odoo's general stages (before issue #21)
        # ends in the intake's own won stage all the same
        won = self.env.ref(
            "kim_case.crm_stage_kim_case_opened", raise_if_not_found=False
        )
        if won and won.team_id == self.team_id and self.stage_id != won:
            self.stage_id = won
        self.message_post(
            body=self.env._("Case %(case)s opened.", case=case.name),
        )
        return case._kim_form_action()

    def _kim_client_values(self, name):
        self.ensure_one()
        return {
            "name": name,
            "kim_is_client": True,
            "is_company": False,
            "type": "contact",
            "email": self.email_from,
            "phone": self.phone,
            "street": self.street,
            "street2": self.street2,
            "zip": self.zip,
            "city": self.city,
            "country_id": self.country_id.id,
            "lang": self.lang_id.code or False,
        }

    def _kim_case_values(self, partner):
        self.ensure_one()
        vals = {
            "partner_id": partner.id,
            "channel": self.kim_channel,
            "channel_partner_id": self.kim_channel_partner_id.id,
            "first_contact_date": self.kim_first_contact_date or kim_today(self),
        }
        referrer = self.kim_channel_partner_id
        if referrer.kim_is_municipality:
            vals["municipality_id"] = referrer.id
            if referrer.kim_district_id:
                vals["district_id"] = referrer.kim_district_id.id
        return vals
