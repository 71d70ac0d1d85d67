# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.kim_case.tools import kim_today

COMMITTEE_TYPES = [
    ("steering", "Steering Group"),
    ("project_group", "Project Group"),
    ("working_group", "Working Group"),
    ("kim_team", "KIM Team"),
    ("exchange_b13", "Exchange Baustein 1/3"),
    ("provider_quarterly", "Providers' Quarterly Meeting"),
    # G-9: quality formats organised by the coordination
    ("service_meeting", "Service Meeting"),
    ("collegial_analysis", "Collegial Case Analysis"),
    ("supervision", "Supervision"),
]
QUALITY_TYPES = ("service_meeting", "collegial_analysis", "supervision")

RHYTHMS = [
    ("none", "No Fixed Rhythm"),
    ("weekly", "Weekly"),
    ("biweekly", "Every Two Weeks"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_yearly", "Twice a Year"),
    ("yearly", "Yearly"),
]
RHYTHM_DELTAS = {
    "weekly": relativedelta(weeks=1),
    "biweekly": relativedelta(weeks=2),
    "monthly": relativedelta(months=1),
    "quarterly": relativedelta(months=3),
    "half_yearly": relativedelta(months=6),
    "yearly": relativedelta(years=1),
}
OPEN_TASK_STATES = (
    "01_in_progress",
    "02_changes_requested",
    "03_approved",
    "04_waiting_normal",
)


class KimCommittee(models.Model):
    """G-1: a body of KIM (Lenkungsgruppe, Projekt-/Arbeitsgruppe, KIM-Team, ...)."""

    _name = "kim.committee"
    _description = "KIM Committee"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    committee_type = fields.Selection(
        COMMITTEE_TYPES, string="Type", required=True, tracking=True
    )
    parent_id = fields.Many2one(
        "kim.committee", string="Parent Body", index=True, ondelete="restrict"
    )
    child_ids = fields.One2many("kim.committee", "parent_id", string="Sub-Bodies")
    district_id = fields.Many2one("kim.district", index="btree_not_null")
    chair_id = fields.Many2one("res.partner", compute="_compute_chair_id", store=True)
    member_ids = fields.One2many(
        "kim.committee.member", "committee_id", string="Members", copy=True
    )
    rules_document = fields.Binary(string="Rules of Procedure", attachment=True)
    rules_document_name = fields.Char()
    rules_version = fields.Char()
    rules_in_force_date = fields.Date(string="Rules in Force Since")
    rhythm = fields.Selection(RHYTHMS, default="none", required=True)
    meeting_ids = fields.One2many("calendar.event", "kim_committee_id", "Meetings")
    decision_ids = fields.One2many("kim.decision", "committee_id", "Decisions")
    meeting_count = fields.Integer(compute="_compute_counts")
    open_mandate_count = fields.Integer(compute="_compute_counts")
    next_meeting_date = fields.Datetime(compute="_compute_counts")

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A body cannot be its own parent."))

    @api.depends("member_ids.role", "member_ids.partner_id")
    def _compute_chair_id(self):
        for committee in self:
            chairs = committee.member_ids.filtered(
                lambda m: m.role == "chair" and m.is_current
            )
            committee.chair_id = chairs[:1].partner_id

    def _compute_counts(self):
        now = fields.Datetime.now()
        meetings = dict(
            self.env["calendar.event"]._read_group(
                [("kim_committee_id", "in", self.ids)],
                ["kim_committee_id"],
                ["__count"],
            )
        )
        upcoming = dict(
            self.env["calendar.event"]._read_group(
                [("kim_committee_id", "in", self.ids), ("start", ">=", now)],
                ["kim_committee_id"],
                ["start:min"],
            )
        )
        mandates = dict(
            self.env["project.task"]._read_group(
                self._kim_open_mandate_domain(), ["kim_committee_id"], ["__count"]
            )
        )
        for committee in self:
            committee.meeting_count = meetings.get(committee, 0)
            committee.open_mandate_count = mandates.get(committee, 0)
            committee.next_meeting_date = upcoming.get(committee, False)

    def _kim_open_mandate_domain(self):
        return [
            ("kim_committee_id", "in", self.ids),
            ("state", "in", OPEN_TASK_STATES),
        ]

    def _kim_open_mandates(self):
        """G-2: mandates of these bodies still open (for the next meeting)."""
        return self.env["project.task"].search(
            self._kim_open_mandate_domain(), order="date_deadline, id"
        )

    def action_plan_next_meeting(self):
        """G-1: plan the next meeting from the rhythm and the last meeting."""
        Event = self.env["calendar.event"]
        new_events = Event
        for committee in self:
            delta = RHYTHM_DELTAS.get(committee.rhythm)
            if not delta:
                raise ValidationError(
                    self.env._(
                        "Body %(name)s has no meeting rhythm.", name=committee.name
                    )
                )
            last = Event.search(
                [("kim_committee_id", "=", committee.id)], order="start desc", limit=1
            )
            if last:
                start = last.start + delta
                duration = last.duration or 1.5
            else:
                start = datetime.combine(
                    kim_today(self) + timedelta(days=1), time(9, 0)
                )
                duration = 1.5
            partners = committee.member_ids.filtered("is_current").partner_id
            new_events |= Event.create(
                {
                    "name": committee.name,
                    "kim_committee_id": committee.id,
                    "start": start,
                    "stop": start + timedelta(hours=duration),
                    "duration": duration,
                    "partner_ids": [Command.set(partners.ids)],
                }
            )
        return new_events

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_governance.kim_committee_meeting_action"
        )
        action["domain"] = [("kim_committee_id", "=", self.id)]
        action["context"] = {"default_kim_committee_id": self.id}
        return action

    def action_view_open_mandates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_governance.kim_mandate_action"
        )
        action["domain"] = self._kim_open_mandate_domain()
        return action
