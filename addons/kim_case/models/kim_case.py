# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools import (
    kim_import_clean,
    kim_import_messages,
    kim_lang_env,
    kim_today,
    kim_workbook_templates,
)

ACCESS_CHANNELS = [
    ("self", "Self-Referral"),
    ("first_contact", "First-Contact Point of a Municipality"),
    ("referral", "Referral by a Partner"),
    ("warm_handover", "Warm Handover by a Partner"),
    ("outreach", "Outreach"),
    ("info_event", "Information Event"),
]


class KimCase(models.Model):
    """A KIM case: one family/household in cross-jurisdiction case management.

    The display name is the case number only (pseudonymous): Odoo reads
    many2one names as superuser, so a name here would travel to finance,
    authority and portal views.
    """

    _name = "kim.case"
    _description = "KIM Case"
    # life cycle (closing, retention, anonymisation, alerts) in its own file
    _inherit = ["mail.thread", "mail.activity.mixin", "kim.case.lifecycle.mixin"]
    _order = "id desc"
    _rec_names_search = ["name"]

    name = fields.Char(
        string="Case Number", required=True, readonly=True, copy=False, default="/"
    )
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        tracking=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", False)],
        help="Main client (applicant) of the family case.",
    )
    member_ids = fields.One2many("kim.case.member", "case_id", string="Family")
    member_count = fields.Integer(compute="_compute_member_count")
    user_id = fields.Many2one(
        "res.users",
        string="Case Manager",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("kim_case.group_kim_case_manager").id)
        ],
    )
    employer_id = fields.Many2one(
        "res.partner",
        string="Organisation",
        default=lambda self: self.env.user.kim_employer_id,
        domain=[("kim_is_employer", "=", True)],
        tracking=True,
        index=True,
        help="Employing organisation responsible for the case (X-1).",
    )
    district_id = fields.Many2one("kim.district", tracking=True, index=True)
    municipality_id = fields.Many2one(
        "res.partner",
        domain=[("kim_is_municipality", "=", True)],
        index=True,
    )
    type_id = fields.Many2one(
        "kim.case.type",
        string="Constellation",
        required=True,
        tracking=True,
        default=lambda self: self.env["kim.case.type"].search([], limit=1),
    )
    stage_id = fields.Many2one(
        "kim.case.stage",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_expand_full",
        default=lambda self: self.env["kim.case.stage"].search(
            [("is_closed", "=", False)], limit=1
        ),
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, index=True)
    target_group_ids = fields.Many2many(
        "kim.target.group",
        "kim_case_target_group_rel",
        "case_id",
        "target_group_id",
        string="Target Groups",
    )
    color = fields.Integer()

    # --- access (C-1)
    channel = fields.Selection(ACCESS_CHANNELS, string="Access Channel", tracking=True)
    channel_partner_id = fields.Many2one(
        "res.partner",
        string="Referred By",
        help="First-contact point or partner that referred or handed over the client.",
    )
    first_contact_date = fields.Date(default=kim_today)
    # G-7/issue #8 R5: stored month key for pivots and graphs; grouping by
    # "first_contact_date:month" makes read_group format every group's month
    # with babel (~60 us per group), this plain "YYYY-MM" key needs none
    first_contact_month = fields.Char(
        string="First Contact (Month)",
        compute="_compute_first_contact_month",
        store=True,
        index=True,
        help="Month of the first contact as YYYY-MM, for grouping in analyses.",
    )
    first_meeting_date = fields.Date()
    waiting_days = fields.Integer(
        compute="_compute_waiting_days",
        store=True,
        aggregator="avg",
        help="Days from first contact to the first meeting.",
    )

    # --- admission criteria (C-3)
    crit_complex_problems = fields.Boolean(string="Complex Problems, Several Offices")
    crit_several_domains = fields.Boolean(string="Several Legal Domains Involved")
    crit_long_term = fields.Boolean(string="Longer-Term Support Expected")
    crit_able_to_reflect = fields.Boolean(string="Client Able to Reflect")
    crit_long_term_commitment = fields.Boolean(
        string="Willing to Engage Long-Term with One Contact"
    )
    crit_own_resources = fields.Boolean(string="Willing to Use Own Resources")
    admission_decision = fields.Selection(
        [
            ("admitted", "Admitted to Case Management"),
            ("not_admitted", "Not Admitted"),
            ("conflict", "Conflict: Coordination Decides"),
        ],
        tracking=True,
    )
    admission_date = fields.Date()

    # --- language (X-4, issue #21): shown at the top of the case
    kim_client_language_ids = fields.Many2many(
        related="partner_id.kim_language_ids",
        string="Client's Languages",
        groups="kim_case.group_kim_case_manager,kim_case.group_kim_coordination",
    )
    kim_needs_interpreter = fields.Boolean(
        related="partner_id.kim_needs_interpreter",
        string="Needs Language Mediation",
        groups="kim_case.group_kim_case_manager,kim_case.group_kim_coordination",
    )
    kim_interpreter_language_id = fields.Many2one(
        related="partner_id.kim_interpreter_language_id",
        string="Mediation Language",
        groups="kim_case.group_kim_case_manager,kim_case.group_kim_coordination",
    )

    # --- substitution (C-12)
    substitute_ids = fields.One2many(
        "kim.case.substitute", "case_id", string="Substitutions"
    )
    kim_access_user_ids = fields.Many2many(
        "res.users",
        "kim_case_access_user_rel",
        "case_id",
        "user_id",
        string="Entitled Users",
        compute="_compute_kim_access_user_ids",
        store=True,
        compute_sudo=True,
        groups="base.group_system",
        help="Case manager, family members' case managers and today's "
        "substitutes: the record rules read this set (X-1, C-12).",
    )

    # --- contacts (C-8 input)
    contact_ids = fields.One2many("kim.case.contact", "case_id", string="Contacts")
    last_contact_date = fields.Date(
        compute="_compute_last_contact_date", store=True, index=True
    )

    # --- closing and reactivation (C-8)
    close_reason_id = fields.Many2one(
        "kim.case.close.reason", string="Closing Reason", tracking=True, copy=False
    )
    closed_date = fields.Date(copy=False, tracking=True)
    reactivation_count = fields.Integer(copy=False, readonly=True)
    reactivated_date = fields.Date(
        string="Reactivated On",
        copy=False,
        readonly=True,
        help="C-8: a reactivated case starts a fresh inactivity period on this day.",
    )
    auto_close_date = fields.Date(
        string="Closes Automatically On",
        compute="_compute_auto_close_date",
        help="C-8: without a contact until then, the case closes on this day.",
    )
    keep_open_date = fields.Date(
        string="Kept Open On",
        copy=False,
        readonly=True,
        help="C-8: the case manager gave a reason to keep the case open on "
        "this day; a fresh inactivity period starts from it.",
    )
    keep_open_reason = fields.Char(
        string="Reason to Keep Open", copy=False, readonly=True, tracking=True
    )
    # C-6 (issue #21): when the client questionnaire was offered; the answers
    # themselves are not linked to the case (anonymous)
    kim_survey_goal_date = fields.Date(
        string="Questionnaire Offered After Goal Agreement", copy=False, readonly=True
    )
    kim_survey_closure_date = fields.Date(
        string="Questionnaire Offered at Closure", copy=False, readonly=True
    )
    close_warning_ref = fields.Date(
        string="Closing Warning Sent for Period From",
        copy=False,
        readonly=True,
        help="C-8: start of the inactivity period for which the case manager "
        "was warned of the automatic closing (once per period).",
    )
    legal_hold = fields.Boolean(
        tracking=True,
        help="§ 84 SGB X restriction: retention never anonymises this case.",
    )

    # --- inquiries and consents of the case (C-1, C-10)
    kim_lead_ids = fields.One2many("crm.lead", "kim_case_id", string="Inquiries")
    kim_lead_count = fields.Integer(compute="_compute_kim_lead_count")
    kim_consent_count = fields.Integer(compute="_compute_kim_consent_count")
    kim_disclosure_count = fields.Integer(
        string="Disclosures", compute="_compute_kim_disclosure_count"
    )

    # --- assessments (C-5)
    assessment_ids = fields.One2many(
        "kim.case.assessment", "case_id", string="Assessments"
    )
    assessment_count = fields.Integer(compute="_compute_assessment_count")

    # --- system-gap observations (C-13)
    observation_ids = fields.One2many(
        "kim.case.observation", "case_id", string="System-Gap Observations"
    )

    # --- goals (C-6), help plan (C-7), case conferences (C-9)
    goal_ids = fields.One2many("kim.case.goal", "case_id", string="Goals")
    measure_ids = fields.One2many(
        "project.task",
        "kim_case_id",
        string="Measures",
    )
    conference_ids = fields.One2many(
        "calendar.event", "kim_case_id", string="Case Conferences"
    )
    conference_count = fields.Integer(compute="_compute_conference_count")

    _sql_constraints = [
        ("name_unique", "unique(name)", "The case number must be unique."),
    ]

    @api.depends("member_ids")
    def _compute_member_count(self):
        for case in self:
            case.member_count = len(case.member_ids)

    @api.depends("first_contact_date")
    def _compute_first_contact_month(self):
        for case in self:
            case.first_contact_month = (
                case.first_contact_date and case.first_contact_date.strftime("%Y-%m")
            )

    @api.depends("first_contact_date", "first_meeting_date")
    def _compute_waiting_days(self):
        for case in self:
            if case.first_contact_date and case.first_meeting_date:
                case.waiting_days = (
                    case.first_meeting_date - case.first_contact_date
                ).days
            else:
                case.waiting_days = 0

    @api.depends(
        "last_contact_date",
        "first_contact_date",
        "reactivated_date",
        "keep_open_date",
        "type_id.inactivity_months",
        "stage_id",
    )
    def _compute_auto_close_date(self):
        for case in self:
            case.auto_close_date = case._kim_auto_close_date()

    @api.depends("contact_ids.date", "contact_ids.outcome")
    def _compute_last_contact_date(self):
        # C-8: a missed appointment (no-show) is no contact
        data = dict(
            self.env["kim.case.contact"]._read_group(
                [("case_id", "in", self.ids), ("outcome", "=", "held")],
                ["case_id"],
                ["date:max"],
            )
        )
        for case in self:
            case.last_contact_date = data.get(case)

    @api.constrains("first_contact_date", "first_meeting_date")
    def _check_meeting_after_contact(self):
        for case in self:
            if (
                case.first_contact_date
                and case.first_meeting_date
                and case.first_meeting_date < case.first_contact_date
            ):
                raise ValidationError(
                    self.env._("The first meeting cannot be before the first contact.")
                )

    @api.constrains("employer_id")
    def _check_employer_own_organisation(self):
        """X-1: a case manager files cases under their own organisation only
        (another one would hand the case to that organisation's team); the
        KI lead and coordination may assign any organisation."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("kim_case.group_kim_lead")
            or user.has_group("kim_case.group_kim_coordination")
        ):
            return
        for case in self:
            if case.employer_id and case.employer_id != user.kim_employer_id:
                raise ValidationError(
                    self.env._(
                        "Cases can only be filed under your own organisation, "
                        "not under %(org)s.",
                        org=case.employer_id.display_name,
                    )
                )

    def init(self):
        res = super().init()
        # the nightly closing selects and counts open cases by last contact:
        # only the open ones in the index, not the many closed ones (issue #8,
        # R6); the condition is the one Odoo writes for is_closed = False
        create_index(
            self.env.cr,
            "kim_case_open_last_contact_index",
            self._table,
            ["last_contact_date"],
            where="is_closed IS NULL OR NOT is_closed",
        )
        return res

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _check_dp_agreement(self, stage, partner, label=""):
        """C-10: no case file beyond the first meeting without a valid signed
        data-protection agreement. Checked before writing: nothing changes."""
        if stage.requires_dp_agreement and not self.env[
            "kim.consent"
        ]._kim_valid_dp_agreement(partner):
            raise ValidationError(
                self.env._(
                    "Case %(case)s cannot move to stage '%(stage)s': the client "
                    "has no valid signed data-protection agreement. Record it "
                    "under Consents first.",
                    case=label,
                    stage=stage.name,
                )
            )

    def action_kim_print_client_document(
        self, partner=None, document=None, consent=None
    ):
        """C-10 / X-4: the print dialog of the client documents."""
        self.ensure_one()
        context = {
            "default_case_id": self.id,
            "default_partner_id": (partner or self.partner_id).id,
        }
        if document:
            context["default_document"] = document
        if consent:
            context["default_consent_id"] = consent.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Print a Client Document"),
            "res_model": "kim.client.document.print",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    @api.model_create_multi
    def create(self, vals_list):
        Stage, Partner = self.env["kim.case.stage"], self.env["res.partner"]
        District = self.env["kim.district"]
        for vals in vals_list:
            if vals.get("admission_decision") == "conflict":
                self._kim_check_conflict_district(
                    District.browse(vals.get("district_id")),
                    self.env._("(new)"),
                )
        self._kim_check_person_access(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        for vals in vals_list:
            if vals.get("stage_id"):
                self._check_dp_agreement(
                    Stage.browse(vals["stage_id"]),
                    Partner.browse(vals.get("partner_id")),
                )
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("kim.case") or "/"
        cases = super().create(vals_list)
        cases._sync_applicant_member()
        cases.partner_id.sudo().kim_is_client = True  # justified: flag only
        cases.filtered(
            lambda c: c.admission_decision == "conflict"
        )._kim_schedule_admission_conflict()
        return cases

    def write(self, vals):
        conflicts = self.browse()
        if vals.get("admission_decision") == "conflict":
            conflicts = self.filtered(lambda c: c.admission_decision != "conflict")
            new_district = (
                self.env["kim.district"].browse(vals["district_id"])
                if "district_id" in vals
                else None
            )
            for case in conflicts:
                self._kim_check_conflict_district(
                    case.district_id if new_district is None else new_district,
                    case.name,
                )
        if vals.get("partner_id"):
            self._kim_check_person_access([vals["partner_id"]])
        if "stage_id" in vals or "partner_id" in vals:
            stage = self.env["kim.case.stage"].browse(vals.get("stage_id"))
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            for case in self:
                self._check_dp_agreement(
                    stage or case.stage_id, partner or case.partner_id, case.name
                )
        closing = (
            "stage_id" in vals
            and self.env["kim.case.stage"].browse(vals["stage_id"]).is_closed
        )
        res = super().write(vals)
        if "partner_id" in vals:
            self._sync_applicant_member()
            self.partner_id.sudo().kim_is_client = True  # justified: flag only
        if closing:
            self.filtered(lambda c: not c.closed_date).write(
                {"closed_date": kim_today(self)}
            )
        conflicts._kim_schedule_admission_conflict()
        return res

    def _sync_applicant_member(self):
        for case in self:
            if case.partner_id not in case.member_ids.partner_id:
                case.member_ids = [
                    Command.create(
                        {"partner_id": case.partner_id.id, "role": "applicant"}
                    )
                ]

    # C-3: a conflicting admission decision goes to the district's
    # coordination (Fachaufsicht) as a to-do activity per coordinator
    @api.model
    def _kim_check_conflict_district(self, district, label):
        """Refuse a conflict nobody would be told about (before writing)."""
        if not district:
            raise UserError(
                self.env._(
                    "Case %(case)s: an admission conflict is decided by the "
                    "district's coordination, but the case has no district. "
                    "Set the district first.",
                    case=label,
                )
            )
        if not district.coordinator_ids:
            raise UserError(
                self.env._(
                    "Case %(case)s: district '%(district)s' has no coordinator "
                    "to decide the admission conflict. Ask the KIM lead to "
                    "assign one.",
                    case=label,
                    district=district.name,
                )
            )

    def _kim_schedule_admission_conflict(self):
        for case in self:
            for coordinator in case.district_id.coordinator_ids:
                env = kim_lang_env(case, coordinator)
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=coordinator.id,
                    summary=env._("Decide on admission (conflict)"),
                    note=env._(
                        "The case manager could not decide on the admission of "
                        "case %(case)s to case management. Please decide as "
                        "coordination (Fachaufsicht).",
                        case=case.name,
                    ),
                )

    # --------------------------------------------------------------- actions
    def action_close(self, reason=None):
        """Close the cases with a reason (manual closing or the C-8 cron)."""
        stage = self.env["kim.case.stage"].search([("is_closed", "=", True)], limit=1)
        if not stage:
            raise UserError(self.env._("No closing stage is configured."))
        open_cases = self.filtered(lambda c: not c.is_closed)
        open_cases.write(
            {
                "stage_id": stage.id,
                "close_reason_id": reason.id if reason else False,
                "closed_date": kim_today(self),
            }
        )
        return open_cases

    def action_reactivate(self):
        """C-8: a closed case can be reactivated at any time; history is kept."""
        stage = self.env["kim.case.stage"].search([("is_closed", "=", False)], limit=1)
        for case in self.filtered("is_closed"):
            case.write(
                {
                    "stage_id": stage.id,
                    "closed_date": False,
                    "close_reason_id": False,
                    "reactivation_count": case.reactivation_count + 1,
                    "reactivated_date": kim_today(self),
                }
            )
            case.message_post(body=self.env._("Case reactivated."))
        return True

    def action_kim_record_contact(self):
        """C-8 (issue #21): record a contact of the case in a dialog, e.g.
        from the list of cases that will close automatically."""
        self.ensure_one()
        self.check_access("write")
        self.env["kim.case.contact"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Contact"),
            "res_model": "kim.case.contact",
            "view_mode": "form",
            "views": [(self.env.ref("kim_case.kim_case_contact_view_form").id, "form")],
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_kim_survey(self):
        """C-6 (issue #21): offer the client questionnaire (dialog)."""
        self.ensure_one()
        self.check_access("write")
        self.env["kim.case.survey"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Client Survey"),
            "res_model": "kim.case.survey",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_kim_keep_open(self):
        """C-8 (issue #21): give a reason to keep the case open (dialog)."""
        self.ensure_one()
        self.check_access("write")
        self.env["kim.case.keep.open"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Keep Case Open"),
            "res_model": "kim.case.keep.open",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _kim_keep_open(self, reason):
        """C-8: a fresh inactivity period from today, with the reason in the
        chatter. Raises for a closed case or an empty reason."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give the reason to keep the case open."))
        for case in self:
            if case.is_closed:
                raise UserError(
                    self.env._(
                        "Case %(case)s is closed; reactivate it instead.",
                        case=case.name,
                    )
                )
        self.write({"keep_open_date": kim_today(self), "keep_open_reason": reason})
        for case in self:
            case.message_post(
                body=self.env._("Kept open: %(reason)s", reason=reason),
            )
        return True

    # -------------------------------------------------------------- access
    def _kim_check_staffing_right(self):
        """X-1 / C-12: who works on a case (substitutions, a family member's own
        case manager) is decided by its case manager, a coordinator of its
        district or the KIM lead. Checked before the record that would open
        the case is written: the rule that record opens cannot vouch for it."""
        if self.env.su:
            return
        user = self.env.user
        if user.has_group("kim_case.group_kim_lead"):
            return
        coordinator = user.has_group("kim_case.group_kim_coordination")
        # sudo: reads only the case manager and district of the named cases
        for case in self.sudo():
            if case.user_id == user or (
                coordinator and user in case.district_id.coordinator_ids
            ):
                continue
            raise AccessError(
                self.env._(
                    "Only the case manager of a case, a coordinator of its "
                    "district or the KIM lead can decide who works on it "
                    "(substitutions, own case managers of family members)."
                )
            )

    @api.model
    def _kim_check_person_access(self, partner_ids):
        """X-1: linking a person to a case shows the person to everyone on the
        case: the user must already be allowed to read the person (an existing
        client of another organisation is found through the controlled check,
        kim.client.lookup, never by id)."""
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if self.env.su or not partners:
            return
        if partners._filtered_access("read") != partners:
            raise AccessError(
                self.env._(
                    "You cannot link this person to a case: you have no access "
                    "to them. Use 'Is the Person Known?' under Clients to ask "
                    "the coordination."
                )
            )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # The record rules read the stored set of entitled users. Odoo flushes
        # the columns a domain reads, not a many2many's relation table: a
        # member or substitution changed in this transaction is written first
        # (also for linked records, whose rules search cases; nothing to do
        # when nothing is pending).
        self.flush_model(["kim_access_user_ids"])
        return super()._search(domain, offset, limit, order)

    @api.depends(
        "user_id",
        "member_ids.case_manager_id",
        "substitute_ids.user_id",
        "substitute_ids.is_active",
    )
    def _compute_kim_access_user_ids(self):
        """X-1, C-12: the people entitled to the case by its own data: its case
        manager, the case managers of its family members and today's
        substitutes. The record rules (security/kim_case_security.xml) read this
        stored set, the employer's team sharing and the district's
        coordinators with Odoo's standard rule context only, so saving a
        member or a substitution changes rows, never cached rule domains."""
        for case in self:
            substitutes = case.substitute_ids.filtered("is_active")
            case.kim_access_user_ids = (
                case.user_id | case.member_ids.case_manager_id | substitutes.user_id
            )

    # -------- inquiries and consents of the case (C-1, C-10)
    # Links of a case to its inquiry (C-1) and to the client's consents (C-10).

    @api.depends("kim_lead_ids")
    def _compute_kim_lead_count(self):
        for case in self:
            case.kim_lead_count = len(case.kim_lead_ids)

    @api.depends("partner_id")
    def _compute_kim_consent_count(self):
        counts = dict(
            self.env["kim.consent"]._read_group(
                [("partner_id", "in", self.partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for case in self:
            case.kim_consent_count = counts.get(case.partner_id, 0)

    def _compute_kim_disclosure_count(self):
        counts = dict(
            self.env["kim.disclosure"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.kim_disclosure_count = counts.get(case, 0)

    def _kim_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "kim.case",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_view_kim_consents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_case.kim_consent_action"
        )
        action["domain"] = [("partner_id", "=", self.partner_id.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_case_id": self.id,
        }
        return action

    def action_view_kim_disclosures(self):
        """C-10: the sharing log of this case."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_case.kim_disclosure_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        return action

    def action_view_kim_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_case.crm_lead_action_kim_intake"
        )
        action["domain"] = [("kim_case_id", "=", self.id)]
        action["context"] = {"active_test": False, "create": False}
        if len(self.kim_lead_ids) == 1:
            action["views"] = [
                (self.env.ref("kim_case.crm_lead_view_form_kim").id, "form")
            ]
            action["res_id"] = self.kim_lead_ids.id
        return action

    # -------- import: clean external ids, messages in the user's language
    @api.model
    def load(self, fields, data):
        data = kim_import_clean(fields, data)
        return kim_import_messages(self.env, super().load(fields, data))

    # -------- assessments (C-5)

    @api.depends("assessment_ids")
    def _compute_assessment_count(self):
        counts = dict(
            self.env["kim.case.assessment"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.assessment_count = counts.get(case, 0)

    def action_new_assessment(self):
        """C-5: start an (re-)assessment with one line per active life domain;
        an open draft is reopened instead of starting a second one."""
        self.ensure_one()
        Assessment = self.env["kim.case.assessment"]
        assessment = Assessment.search(
            [("case_id", "=", self.id), ("state", "=", "draft")], limit=1
        )
        if not assessment:
            assessment = Assessment.create(
                {"case_id": self.id, "line_ids": Assessment._prepare_lines(self)}
            )
        return assessment.action_open()

    def action_view_assessment_history(self):
        """C-5: score per life domain over the assessment dates of this case."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_case.kim_case_assessment_line_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    # -------- help plan
    # Goals (C-6), help plan (C-7), case conferences and the pseudonymised
    # summary for anonymised collegial consultation (C-9).

    @api.depends("conference_ids")
    def _compute_conference_count(self):
        data = dict(
            self.env["calendar.event"]._read_group(
                [("kim_case_id", "in", self.ids)], ["kim_case_id"], ["__count"]
            )
        )
        for case in self:
            case.conference_count = data.get(case, 0)

    # --------------------------------------------------------------- actions
    def action_kim_case_conference(self):
        """C-9: plan a case conference: a new calendar event for this case."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Case Conference"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_kim_case_id": self.id,
                "default_name": self.env._("Case Conference %(case)s", case=self.name),
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_privacy": "private",
            },
        }

    def action_kim_view_conferences(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "calendar.action_calendar_event"
        )
        action.update(
            {
                "domain": [("kim_case_id", "=", self.id)],
                "context": {
                    "default_kim_case_id": self.id,
                    "default_res_model": self._name,
                    "default_res_id": self.id,
                    "default_privacy": "private",
                },
            }
        )
        return action

    # -------------------------------------------------------------- business
    def _kim_check_attendees(self, partners):
        """C-9: attendees from outside organisations need a release of the
        client covering their organisation; the case's own organisation and
        the case manager's employer are no outside organisations."""
        self.ensure_one()
        organisations = self._kim_outside_organisations(partners)
        missing = organisations.filtered(
            lambda org: (
                not self.env["kim.consent"]._kim_may_transfer(self.partner_id, org)
            )
        )
        if missing:
            raise UserError(
                self.env._(
                    "The case conference cannot include %(organisations)s: no "
                    "valid release from confidentiality of the client covers "
                    "these organisations. Record the release under Consents "
                    "first or remove these participants.",
                    organisations=", ".join(missing.mapped("name")),
                )
            )
        return True

    def _kim_outside_organisations(self, partners):
        """The organisations of ``partners`` other than the case's own
        organisation and the case manager's employer."""
        self.ensure_one()
        own = self.employer_id | self.user_id.kim_employer_id
        return partners.commercial_partner_id.filtered("is_company") - own

    def _kim_log_conference(self, event, partners):
        """C-10: a case conference with participants of outside organisations
        is a disclosure to each of them (the release that allowed it)."""
        self.ensure_one()
        Disclosure = self.env["kim.disclosure"]
        for organisation in self._kim_outside_organisations(partners):
            Disclosure._kim_record(
                self.partner_id,
                organisation,
                "case_conference",
                case=self,
                source=event,
            )

    @api.model
    def _kim_age_band(self, birthdate, today=None):
        """Ten-year age band such as "30–39" instead of a birth date."""
        if not birthdate:
            return self.env._("unknown")
        today = today or kim_today(self)
        age = (
            today.year
            - birthdate.year
            - ((today.month, today.day) < (birthdate.month, birthdate.day))
        )
        low = max(age, 0) // 10 * 10
        return f"{low}–{low + 9}"

    def _kim_pseudonymised_summary(self):
        """C-9: the case without anything that identifies the family, for
        anonymised collegial consultation and planning conferences.

        No name, no birth date (age band instead), no address, no case number;
        free-text goals are scrubbed of the family members' names. Returns a
        dict of plain values (strings, lists of dicts): reports and other
        addons (kim_governance) render it without touching the case.
        """
        self.ensure_one()
        self.check_access("read")
        # justified: only age bands and scrubbed texts leave this method
        case = self.sudo()
        members = case.member_ids
        names = set()
        for person in members.partner_id | case.partner_id:
            names.update(
                p for p in re.split(r"[\s,.\-]+", person.name or "") if len(p) > 2
            )
        pattern = (
            re.compile(
                "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)),
                re.IGNORECASE,
            )
            if names
            else None
        )

        def scrub(text):
            text = text or ""
            return pattern.sub("…", text) if pattern else text

        roles = dict(
            self.env["kim.case.member"]._fields["role"]._description_selection(self.env)
        )
        outcomes = dict(
            self.env["kim.case.goal"]
            ._fields["outcome"]
            ._description_selection(self.env)
        )
        kinds = dict(
            self.env["project.task"]
            ._fields["kim_measure_kind"]
            ._description_selection(self.env)
        )
        member_index = {member: index for index, member in enumerate(members, 1)}

        def person_label(member):
            if not member:
                return self.env._("whole family")
            return self.env._(
                "Person %(number)s (%(role)s)",
                number=member_index.get(member, "?"),
                role=roles.get(member.role, ""),
            )

        life_domains = case.goal_ids.life_domain_id | case.contact_ids.life_domain_ids
        return {
            "constellation": case.type_id.name or "",
            "stage": case.stage_id.name or "",
            "district": case.district_id.name or "",
            "members": [
                {
                    "label": person_label(member),
                    "role": roles.get(member.role, ""),
                    "age_band": self._kim_age_band(member.partner_id.kim_birthdate),
                }
                for member in members
            ],
            "life_domains": life_domains.sorted("sequence").mapped("name"),
            "goals": [
                {
                    "life_domain": goal.life_domain_id.name or "",
                    "person": person_label(goal.member_id),
                    "goal": scrub(goal.name),
                    "outcome": outcomes.get(goal.outcome, ""),
                }
                for goal in case.goal_ids
            ],
            "measures": [
                {
                    "kind": kinds.get(task.kim_measure_kind, ""),
                    "legal_domain": task.kim_legal_domain_id.name or "",
                    "partner_type": task.kim_partner_org_id.kim_partner_type_id.name
                    or "",
                    "closed": task.state in ("1_done", "1_canceled"),
                }
                for task in case.measure_ids
            ],
        }

    # -------- chatter (C-10)
    # C-10: the chatter of a case is a way out of the case file. Messages and
    # followers outside the case's own organisation need a valid release of the
    # client for the recipient's organisation, as case conferences do; staff
    # without access to the case get nothing.
    def _kim_blocked_recipients(self, partners):
        """The partners among ``partners`` that may not receive content of
        the case ``self``: internal users without access to the case, and
        outside people whose organisation no valid release covers. The client
        and the family members are the data subjects themselves."""
        self.ensure_one()
        # sudo: who the partners are (users, organisation) and the case's
        # family; nothing of it is returned to the caller
        case = self.sudo()
        subjects = case.partner_id | case.member_ids.partner_id
        own = case.employer_id | case.user_id.kim_employer_id
        Consent = self.env["kim.consent"]
        blocked = self.env["res.partner"]
        # sudo: the recipients' users and organisations, read to decide only
        for partner in partners.sudo() - subjects:
            staff = partner.user_ids.filtered(lambda u: not u.share)
            if staff:
                if not any(self.with_user(u).has_access("read") for u in staff):
                    blocked |= partner
            elif partner.commercial_partner_id not in own and not (
                Consent._kim_may_transfer(case.partner_id, partner)
            ):
                blocked |= partner
        return blocked.with_env(self.env)

    def _kim_check_recipients(self, partner_ids):
        if not partner_ids:
            return True
        partners = self.env["res.partner"].browse(partner_ids)
        # sudo: the names of recipients the user picked, for the message only
        names_env = partners.sudo().env
        for case in self:
            blocked = case._kim_blocked_recipients(partners)
            if blocked:
                raise UserError(
                    self.env._(
                        "Case %(case)s cannot go to %(names)s: they have no "
                        "access to the case and no valid release from "
                        "confidentiality of the client covers them. Nothing was "
                        "sent.",
                        case=case.name,
                        names=", ".join(
                            blocked.with_env(names_env).mapped("display_name")
                        ),
                    )
                )
        return True

    def message_post(self, **kwargs):
        if not self.env.su:
            self._kim_check_recipients(kwargs.get("partner_ids") or [])
        message = super().message_post(**kwargs)
        self._kim_log_sent(message, kwargs.get("partner_ids") or [])
        return message

    def _kim_log_sent(self, message, partner_ids):
        """C-10: a message (with its documents) sent to people of an outside
        organisation is a disclosure to that organisation."""
        if not partner_ids:
            return
        # sudo: who the recipients are (users, organisation), to decide only
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        outside = partners.filtered(lambda p: all(p.user_ids.mapped("share")))
        for case in self:
            # sudo: the family of a case the user posts on
            subjects = case.sudo().partner_id | case.sudo().member_ids.partner_id
            organisations = case._kim_outside_organisations(outside - subjects)
            for organisation in organisations.with_env(self.env):
                self.env["kim.disclosure"]._kim_record(
                    case.partner_id,
                    organisation,
                    "document_sent",
                    case=case,
                    source=message,
                )

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        if not self.env.su:
            self._kim_check_recipients(partner_ids or [])
        return super()._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """Followers whose release was withdrawn or expired since they were
        added get no more notifications (also for messages posted as
        superuser)."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if len(self) != 1 or not recipients:
            return recipients
        partners = self.env["res.partner"].browse(
            [r["id"] for r in recipients if r.get("id")]
        )
        blocked = set(self._kim_blocked_recipients(partners).ids)
        return [r for r in recipients if r.get("id") not in blocked]

    @api.model
    def get_import_templates(self):
        """X-5: the KIM workbook template in the import dialog."""
        return kim_workbook_templates(self.env)

    @api.model
    def _kim_persons_per(self, column, start, end):
        """G-7 (issue #19): the persons of the cases active in ``start`` to
        ``end`` — every family member, the client included, counted once —
        per ``district_id`` or ``municipality_id`` of the case, and in all
        (a person in cases of two groups counts in both and once in the
        total). One query, past the record rules: aggregate counts for the
        reports only, each of which checks its reader first. Returns
        ``({group id or False: count}, total)``."""
        if column not in ("district_id", "municipality_id"):
            raise ValueError(column)
        self.flush_model([column, "first_contact_date", "closed_date"])
        self.env["kim.case.member"].flush_model(["case_id", "partner_id"])
        group = SQL.identifier("c", column)
        self.env.cr.execute(
            SQL(
                """SELECT %(group)s, count(DISTINCT m.partner_id),
                          grouping(%(group)s)
                     FROM kim_case_member m
                     JOIN kim_case c ON c.id = m.case_id
                    WHERE c.first_contact_date <= %(end)s
                      AND (c.closed_date IS NULL OR c.closed_date >= %(start)s)
                    GROUP BY GROUPING SETS ((%(group)s), ())""",
                group=group,
                start=start,
                end=end,
            )
        )
        per_group, total = {}, 0
        for group_id, count, is_total in self.env.cr.fetchall():
            if is_total:
                total = count
            else:
                per_group[group_id or False] = count
        return per_group, total
