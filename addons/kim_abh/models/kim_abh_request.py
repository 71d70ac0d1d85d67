# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import statistics
from datetime import date, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.sql import create_index

from odoo.addons.kim_case.suppression import CellSuppression
from odoo.addons.kim_case.tools import (
    kim_lang_env,
    kim_today,
    kim_working_days_between,
)

CASE_GROUPS = "kim_case.group_kim_case_manager,kim_case.group_kim_coordination"
OPEN_STATES = ("new", "in_progress", "question")
NATURALISATION_TOPICS = ("naturalisation", "naturalisation_status")
TITLE_TOPICS = ("residence", "25a", "25b", "104c", "60cd")
ANSWER_DUE = "kim_abh.mail_activity_type_abh_answer_due"
# what authority staff may change on a request addressed to them
AUTHORITY_FIELDS = {
    "state",
    "answer",
    "authority_question",
    "decision",
    "decision_date",
    "authority_user_id",
    "overdue_notified",
    "message_main_attachment_id",
    "date_answered",
}


class KimAbhRequest(models.Model):
    """A-1, C-10: a cooperation request of case management to the foreigners'
    (ABH) or naturalisation authority (EBH) about one client.

    Consent gate: created only while a release from confidentiality of the
    client covers the authority and the topic's data categories; the authority
    sees it only while such a release is valid (record rule, evaluated daily).
    Need-to-know: authority staff get no access to the client contact, the
    case or its content; the request shows them the client's name, date of
    birth, nationality and residence status (and entry/validity dates when the
    topic needs residence data).
    """

    _name = "kim.abh.request"
    _description = "Authority Cooperation Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_request desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    case_id = fields.Many2one(
        "kim.case",
        required=True,
        index=True,
        ondelete="cascade",
        groups=CASE_GROUPS,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        compute="_compute_partner_id",
        store=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Case Manager",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    authority_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain=[("kim_partner_type_id.is_authority", "=", True)],
    )
    authority_user_id = fields.Many2one(
        "res.users", string="Handled By", tracking=True, copy=False
    )
    topic_id = fields.Many2one("kim.abh.topic", required=True, tracking=True)
    legal_basis = fields.Char(related="topic_id.legal_basis")
    question = fields.Text(required=True, help="The case manager's question.")
    state = fields.Selection(
        [
            ("new", "New"),
            ("in_progress", "In Progress"),
            ("question", "Question to Case Manager"),
            ("answered", "Answered"),
            ("decided", "Decided"),
            ("done", "Done"),
        ],
        default="new",
        required=True,
        tracking=True,
        copy=False,
    )
    date_request = fields.Date(string="Sent On", default=kim_today, required=True)
    date_deadline = fields.Date(
        string="Due Date", compute="_compute_date_deadline", store=True, readonly=False
    )
    deadline_days_left = fields.Integer(
        string="Working Days Left",
        compute="_compute_is_overdue",
        help="Working days (company calendar, public holidays excluded) until "
        "the due date; negative: overdue by so many working days.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_overdue")
    overdue_notified = fields.Boolean(copy=False)
    authority_question = fields.Text(
        string="Question Back", help="The authority's question to the case manager."
    )
    reply = fields.Text(help="The case manager's reply to the question back.")
    answer = fields.Html(sanitize=True, copy=False)
    decision = fields.Selection(
        [
            ("positive", "Positive"),
            ("negative", "Negative"),
            ("open", "Open"),
            ("not_responsible", "Not Responsible"),
        ],
        tracking=True,
        copy=False,
    )
    decision_date = fields.Date(tracking=True, copy=False)
    date_answered = fields.Date(copy=False, readonly=True)
    date_done = fields.Date(copy=False, readonly=True)
    response_days = fields.Integer(
        string="Response Time (Days)",
        compute="_compute_response_days",
        store=True,
        aggregator="avg",
    )
    meeting_start = fields.Datetime(
        string="Discussion Date",
        help="Date of the case discussion (topics of type case discussion).",
    )
    event_id = fields.Many2one("calendar.event", string="Case Discussion", copy=False)
    is_case_discussion = fields.Boolean(related="topic_id.is_case_discussion")
    campaign_id = fields.Many2one(
        "kim.abh.campaign",
        index="btree_not_null",
        help="Campaign this request followed from (A-2).",
    )
    # need-to-know view of the client for the authority (read through the request)
    client_birthdate = fields.Date(
        string="Date of Birth", compute="_compute_client_data"
    )
    client_nationality_id = fields.Many2one(
        "res.country", string="Nationality", compute="_compute_client_data"
    )
    client_residence_status_id = fields.Many2one(
        "kim.residence.status",
        string="Residence Status",
        compute="_compute_client_data",
    )
    client_entry_date = fields.Date(
        string="Date of Entry", compute="_compute_client_data"
    )
    client_residence_valid_until = fields.Date(
        string="Residence Valid Until", compute="_compute_client_data"
    )
    kim_release_covers = fields.Boolean(
        string="Release Covers the Topic",
        compute="_compute_kim_release_covers",
        search="_search_kim_release_covers",
        help="The client has a release from confidentiality valid today for the "
        "addressed authority that covers every data category of the topic (C-10).",
    )
    release_consent_ids = fields.Many2many(
        "kim.consent",
        "kim_abh_request_release_rel",
        "request_id",
        "consent_id",
        string="Covering Releases",
        compute="_compute_release_consent_ids",
        store=True,
        groups=CASE_GROUPS,
        help="Releases from confidentiality of the client for the addressed "
        "authority that cover every data category of the topic, whatever their "
        "dates; whether one is valid today is checked when the request is read.",
    )
    release_valid_from = fields.Date(
        compute="_compute_release_window",
        store=True,
        groups=CASE_GROUPS,
        help="First day of the covering releases' validity that includes today "
        "or, if none does, of the next one (days of overlapping or adjacent "
        "releases joined).",
    )
    release_valid_until = fields.Date(
        compute="_compute_release_window",
        store=True,
        groups=CASE_GROUPS,
        help="Last day of that validity (empty: open-ended). Past it the "
        "authority loses access; the nightly job then looks for a later release.",
    )
    release_in_force = fields.Boolean(
        compute="_compute_release_window",
        store=True,
        index=True,
        groups=CASE_GROUPS,
        help="Today lies within that validity: the authority's record rule reads "
        "this flag (Odoo's standard rule context holds no Berlin day). The "
        "hourly job moves it on when a validity begins or ends.",
    )
    readiness_html = fields.Html(
        string="Readiness Check",
        compute="_compute_readiness_html",
        sanitize=False,
        groups=CASE_GROUPS,
    )

    def init(self):
        # the authority rule: requests addressed to it whose covered span
        # includes today, counted from the index alone (issue #8, R10)
        create_index(
            self.env.cr,
            "kim_abh_request_authority_release_index",
            self._table,
            ["authority_id", "release_valid_from", "release_valid_until"],
        )
        # the lists' default order: the first page without sorting every
        # visible request (an authority sees thousands)
        create_index(
            self.env.cr,
            "kim_abh_request_date_request_id_index",
            self._table,
            ["date_request DESC", "id DESC"],
        )

    @api.depends("case_id")
    def _compute_partner_id(self):
        for request in self:
            # sudo: the client of the request's own case, stored for the record rules
            request.partner_id = request.sudo().case_id.partner_id

    @api.depends("date_request", "topic_id")
    def _compute_date_deadline(self):
        """A-1: the answer time of the topic valid on the day the request was
        sent (dated deadline rule, usually working days of the company's
        calendar); recomputed for open requests when a rule or a public
        holiday changes."""
        Rule = self.env["kim.deadline.rule"]
        for request in self:
            request.date_deadline = request.topic_id and Rule._kim_due_date(
                "abh_response",
                request.date_request,
                topic_id=request.topic_id.id,
            )

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = kim_today(self)
        days_left = {}
        for request in self:
            running = bool(request.state in OPEN_STATES and request.date_deadline)
            if running and request.date_deadline not in days_left:
                days_left[request.date_deadline] = kim_working_days_between(
                    self, today, request.date_deadline
                )
            request.deadline_days_left = (
                days_left[request.date_deadline] if running else 0
            )
            request.is_overdue = bool(running and request.date_deadline < today)

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("date_deadline", "<", kim_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("date_request", "date_answered")
    def _compute_response_days(self):
        for request in self:
            end = request.date_answered
            request.response_days = (
                (end - request.date_request).days if end and request.date_request else 0
            )

    @api.depends("partner_id", "topic_id")
    def _compute_client_data(self):
        residence = self.env.ref("kim_case.dcat_residence")
        for request in self:
            # justified: need-to-know fields of the client of a request the
            # user may read (record rules checked the consent)
            client = request.partner_id.sudo()
            with_residence = residence in request.topic_id.data_category_ids
            request.client_birthdate = client.kim_birthdate
            request.client_nationality_id = client.kim_nationality_id
            request.client_residence_status_id = client.kim_residence_status_id
            request.client_entry_date = with_residence and client.kim_entry_date
            request.client_residence_valid_until = (
                with_residence and client.kim_residence_valid_until
            )

    def _compute_readiness_html(self):
        Rule = self.env["kim.abh.readiness.rule"]
        for request in self:
            request.readiness_html = (
                Rule._kim_check_html(request.partner_id) if request.partner_id else ""
            )

    @api.depends(
        "partner_id",
        "authority_id",
        "topic_id.data_category_ids",
        "partner_id.kim_consent_ids.consent_type",
        "partner_id.kim_consent_ids.recipient_id",
        "partner_id.kim_consent_ids.data_category_ids",
    )
    def _compute_release_consent_ids(self):
        """Stored for the authority record rule (issue #8, R10): a join over
        the covering releases and their dates instead of checking the data
        categories of every release for every request on each search. Which
        releases cover a request is ``kim.consent._kim_covering``'s answer."""
        Consent = self.env["kim.consent"]
        # sudo: the releases of the requests' own clients, kept for the rule
        releases = Consent.sudo().search(
            Consent._kim_covering_domain(
                partner=self.partner_id,
                consent_type="release",
                recipient=self.authority_id,
            )
        )
        by_client = {}
        for release in releases:
            by_client.setdefault(release.partner_id.id, []).append(release.id)
        for request in self:
            candidates = releases.browse(by_client.get(request.partner_id.id, ()))
            request.release_consent_ids = [
                Command.set(
                    candidates._kim_covering(
                        recipient=request.authority_id,
                        categories=request.topic_id.data_category_ids,
                    ).ids
                )
            ]

    @api.depends(
        "release_consent_ids.valid_from",
        "release_consent_ids.valid_until",
        "release_consent_ids.withdrawn_date",
    )
    def _compute_release_window(self):
        """The days the request is covered (issue #8, R10): the authority rule
        compares two dates on the request instead of joining the releases on
        every search. The days each release is in force are
        ``kim.consent._kim_in_force_period``'s. Overlapping or adjacent
        releases make one span; stored is the span that includes today or, if
        none does, the next one. A later span after a gap needs the nightly
        refresh (``_cron_refresh_release_window``); until then the request
        stays hidden, never the other way round."""
        today = kim_today(self)
        one_day = timedelta(days=1)
        for request in self:
            spans = [
                period
                for period in (
                    release._kim_in_force_period()
                    for release in request.release_consent_ids
                )
                if period
            ]
            joined = []
            for start, end in sorted(spans, key=lambda span: span[0]):
                last = joined[-1] if joined else None
                if last and (last[1] is None or start <= last[1] + one_day):
                    last[1] = None if None in (last[1], end) else max(last[1], end)
                else:
                    joined.append([start, end])
            window = next(
                (span for span in joined if span[1] is None or span[1] >= today),
                (False, False),
            )
            request.release_valid_from = window[0]
            request.release_valid_until = window[1] or False
            request.release_in_force = bool(window[0]) and window[0] <= today

    @api.model
    def _kim_release_stale_domain(self):
        """Requests whose stored span or flag no longer fits today: the span
        has ended (a later release after a gap may follow), or today has
        entered or left it."""
        today = kim_today(self)
        return [
            "|",
            "|",
            ("release_valid_until", "<", today),
            "&",
            ("release_in_force", "=", False),
            ("release_valid_from", "<=", today),
            "&",
            ("release_in_force", "=", True),
            ("release_valid_from", ">", today),
        ]

    @api.model
    def _cron_refresh_release_window(self, batch_size=1000):
        """Hourly (C-10): requests whose covered span has ended get their next
        span (a later release after a gap) or none, and the in-force flag the
        authority rule reads follows today. Only stale requests are touched,
        so the job works in batches, is safe to re-run and reports its
        progress to the cron."""
        domain = self._kim_release_stale_domain()
        # sudo: system job over all requests, no user session
        requests = self.sudo().with_context(active_test=False)
        stale = requests.search(domain, limit=batch_size)
        self.env.add_to_compute(self._fields["release_valid_from"], stale)
        stale.flush_recordset(
            ["release_valid_from", "release_valid_until", "release_in_force"]
        )
        remaining = requests.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(stale), remaining=remaining)
        return stale

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # The authority rule compares the stored span of the covering
        # releases: releases changed in this transaction are computed first,
        # also for a rule checked in Python (nothing to do when none changed).
        self.flush_model(
            [
                "release_consent_ids",
                "release_valid_from",
                "release_valid_until",
                "release_in_force",
            ]
        )
        return super()._search(domain, offset, limit, order)

    @api.model
    def _kim_release_valid_domain(self):
        """Requests covered by a release today: the stored span of their
        covering releases (searches; the record rule reads the stored flag)."""
        today = kim_today(self)
        return [
            ("release_valid_from", "<=", today),
            "|",
            ("release_valid_until", "=", False),
            ("release_valid_until", ">=", today),
        ]

    def _compute_kim_release_covers(self):
        covered = set(
            self.search([("id", "in", self.ids), ("kim_release_covers", "=", True)]).ids
        )
        for request in self:
            request.kim_release_covers = request.id in covered

    def _search_kim_release_covers(self, operator, value):
        """A covering release of the client for the addressed authority,
        valid today (C-10)."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the release check."))
        domain = self._kim_release_valid_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------ CRUD
    def _kim_check_consent(self, vals_list):
        Case = self.env["kim.case"]
        Topic = self.env["kim.abh.topic"]
        Partner = self.env["res.partner"]
        Consent = self.env["kim.consent"]
        for vals in vals_list:
            case = Case.browse(vals.get("case_id"))
            authority = Partner.browse(vals.get("authority_id"))
            topic = Topic.browse(vals.get("topic_id"))
            if not (case and authority and topic):
                raise ValidationError(
                    self.env._("A request needs a case, an authority and a topic.")
                )
            # sudo: reads the partner type's authority flag only
            if not authority.sudo().kim_partner_type_id.is_authority:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a foreigners' or naturalisation authority.",
                        name=authority.name,
                    )
                )
            if topic.is_case_discussion and not vals.get("meeting_start"):
                raise ValidationError(
                    self.env._("A case discussion request needs a discussion date.")
                )
            # justified: the client of a case the user may read (checked below)
            client = case.sudo().partner_id
            Consent._kim_check_transfer(client, authority, topic.data_category_ids)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                case = self.env["kim.case"].browse(vals.get("case_id"))
                case.check_access("read")
        self._kim_check_consent(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("kim.abh.request")
        requests = super().create(vals_list)
        requests._kim_log_disclosure()
        requests._kim_notify_authority()
        requests.filtered("topic_id.is_case_discussion")._kim_create_discussion()
        return requests

    def _kim_is_authority_only(self):
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("kim_case.group_kim_authority")
            and not user.has_group("kim_case.group_kim_case_manager")
            and not user.has_group("kim_case.group_kim_coordination")
        )

    def write(self, vals):
        if self._kim_is_authority_only() and set(vals) - AUTHORITY_FIELDS:
            raise AccessError(
                self.env._(
                    "Authority staff may only answer, ask back or decide: "
                    "%(fields)s cannot be changed.",
                    fields=", ".join(sorted(set(vals) - AUTHORITY_FIELDS)),
                )
            )
        if {"authority_id", "topic_id", "case_id"} & set(vals):
            self._kim_check_consent(
                [
                    {
                        "case_id": vals.get("case_id", request.case_id.id),
                        "authority_id": vals.get(
                            "authority_id", request.authority_id.id
                        ),
                        "topic_id": vals.get("topic_id", request.topic_id.id),
                        "meeting_start": vals.get(
                            "meeting_start", request.meeting_start
                        ),
                    }
                    for request in self
                ]
            )
        res = super().write(vals)
        if {"authority_id", "topic_id", "case_id"} & set(vals):
            self._kim_log_disclosure()
        return res

    def _kim_log_disclosure(self):
        """C-10: a request passes the client's data in the topic's categories
        to the authority: one entry in the client's sharing log, on the
        release that allowed it (``_kim_check_consent``)."""
        Disclosure = self.env["kim.disclosure"]
        for request in self:
            # justified: the client of a case the user may read (create checks)
            case = request.sudo().case_id
            Disclosure._kim_record(
                case.partner_id,
                request.authority_id,
                "abh_request",
                request.topic_id.data_category_ids,
                case=case.with_env(self.env),
                source=request,
            )

    # --------------------------------------------------------------- actions
    def _kim_check_state(self, states):
        for request in self:
            if request.state not in states:
                raise UserError(
                    self.env._(
                        "Request %(name)s is in state %(state)s: this step is not "
                        "possible.",
                        name=request.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[request.state],
                    )
                )

    def action_start(self):
        self._kim_check_state(("new",))
        self.write({"state": "in_progress", "authority_user_id": self.env.user.id})
        return True

    def action_ask_back(self):
        self._kim_check_state(("new", "in_progress"))
        if any(not (r.authority_question or "").strip() for r in self):
            raise UserError(self.env._("Write the question back first."))
        self.write({"state": "question"})
        for request in self:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=kim_lang_env(request, request.user_id)._(
                    "Question back from the authority"
                ),
                note=request.authority_question,
                user_id=request.user_id.id,
            )
        return True

    def action_reply(self):
        self._kim_check_state(("question",))
        if any(not (r.reply or "").strip() for r in self):
            raise UserError(self.env._("Write the reply first."))
        self.write({"state": "in_progress"})
        return True

    def action_answer(self):
        self._kim_check_state(("new", "in_progress"))
        if any(r.answer is False or not r.answer.striptags().strip() for r in self):
            raise UserError(self.env._("Write the answer first."))
        self.write({"state": "answered", "date_answered": kim_today(self)})
        self._kim_notify_case_manager()
        return True

    def action_decide(self):
        self._kim_check_state(("new", "in_progress", "answered"))
        if any(not r.decision for r in self):
            raise UserError(self.env._("Choose the decision first."))
        for request in self:
            request.write(
                {
                    "state": "decided",
                    "date_answered": request.date_answered or kim_today(self),
                    "decision_date": request.decision_date or kim_today(self),
                }
            )
        self._kim_notify_case_manager()
        return True

    def action_done(self):
        self._kim_check_state(("answered", "decided"))
        self.write({"state": "done", "date_done": kim_today(self)})
        self.activity_unlink(["mail.mail_activity_data_todo", ANSWER_DUE])
        return True

    # -------------------------------------------------------------- business
    def _kim_authority_staff(self):
        self.ensure_one()
        if self.authority_user_id:
            return self.authority_user_id
        # justified: the staff of the addressed authority, to assign the work
        return (
            self.env["res.users"]
            .sudo()  # sudo: user ids for activities/invitations, never shown
            .search(
                [
                    ("kim_authority_id", "=", self.authority_id.id),
                    (
                        "groups_id",
                        "in",
                        self.env.ref("kim_case.group_kim_authority").id,
                    ),
                ]
            )
        )

    def _kim_notify_authority(self):
        """A-1: an "authority answer due" activity (KIM activity type) for each
        staff member of the addressed authority (or the type's default user),
        due on the request's deadline (dated deadline rules)."""
        default_user = self.env.ref(ANSWER_DUE).default_user_id
        for request in self:
            for user in request._kim_authority_staff() or default_user:
                request.activity_schedule(
                    ANSWER_DUE,
                    date_deadline=request.date_deadline,
                    summary=kim_lang_env(request, user)._("New cooperation request"),
                    user_id=user.id,
                )

    def _kim_notify_case_manager(self):
        for request in self:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=kim_lang_env(request, request.user_id)._(
                    "The authority answered"
                ),
                user_id=request.user_id.id,
            )

    def _kim_create_discussion(self):
        """A-1: a calendar event with the case manager and the authority staff;
        the title carries the reference only, no client data."""
        Event = self.env["calendar.event"]
        for request in self:
            partners = request.user_id.partner_id | (
                request._kim_authority_staff().partner_id
            )
            event = Event.create(
                {
                    # shared by the case manager and the authority: the
                    # Kreis' language
                    "name": kim_lang_env(request)._(
                        "Case discussion %(ref)s", ref=request.name
                    ),
                    "start": request.meeting_start,
                    "stop": request.meeting_start + timedelta(hours=1),
                    "partner_ids": [Command.set(partners.ids)],
                    "user_id": request.user_id.id,
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": request.id,
                    "privacy": "private",
                }
            )
            request.event_id = event

    @api.model
    def _cron_overdue(self):
        """Overdue requests get one activity for whoever has to act."""
        overdue = self.search(
            [("is_overdue", "=", True), ("overdue_notified", "=", False)]
        )
        for request in overdue:
            users = request.user_id
            if request.state != "question":
                users = (
                    request._kim_authority_staff().filtered(
                        lambda u, r=request: r.with_user(u).has_access("read")
                    )
                    or users
                )
            for user in users:
                request.activity_schedule(
                    "mail.mail_activity_data_warning",
                    summary=kim_lang_env(request, user)._("Request overdue"),
                    user_id=user.id,
                )
        overdue.overdue_notified = True
        return True

    # ------------------------------------------------------------ statistics
    @api.model
    def _kim_abh_statistics(self, year):
        """A-1, A-2: aggregated figures of one year for the steering group and
        the state. Counts between 1 and the minimum cell size (dated data,
        ``kim.statistics.limit``) are suppressed (None), and a count
        from which one of them could be worked out (the breakdowns by topic,
        authority and month add up to the same requests) is "x"; the median
        response time only shown from 5 answered requests."""
        user = self.env.user
        if not (
            user.has_group("kim_case.group_kim_steering")
            or user.has_group("kim_case.group_kim_coordination")
        ):
            raise AccessError(
                self.env._("Only the steering group and coordination see statistics.")
            )
        min_cell = self.env["kim.statistics.limit"]._kim_min_cell()
        Request = self.sudo()  # justified: aggregated counts, small cells suppressed
        # X-2 (issue #19): the counts by topic, authority and month break down
        # the same requests; a shown zero is a zero, 1 to 4 is "< 5" (None),
        # and a cell from which a suppressed one could be worked out is "x"
        control = CellSuppression(limit=min_cell, zero_shown=True)

        def breakdown(name, groups, total):
            keys = {}
            for key, count in groups:
                keys[key] = control.add((name, key), count)
            control.relate(total, keys.values())
            return keys

        def value(cell):
            if cell in control.primary:
                return None
            if cell in control.secondary:
                return control.text(cell)  # "x"
            return control.values[cell]

        def shown(keys):
            return {key: value(cell) for key, cell in keys.items()}

        start, end = date(year, 1, 1), date(year, 12, 31)
        sent = [("date_request", ">=", start), ("date_request", "<=", end)]
        decided = [("decision_date", ">=", start), ("decision_date", "<=", end)]
        [[sent_count]] = Request._read_group(sent, [], ["__count"])
        sent_total = control.add("sent", sent_count, hidden=True)
        by_topic = breakdown(
            "topic",
            (
                (topic.name, count)
                for topic, count in Request._read_group(sent, ["topic_id"], ["__count"])
            ),
            sent_total,
        )
        by_authority = breakdown(
            "authority",
            (
                (authority.name, count)
                for authority, count in Request._read_group(
                    sent, ["authority_id"], ["__count"]
                )
            ),
            sent_total,
        )
        by_month = breakdown(
            "month",
            (
                (month.strftime("%Y-%m"), count)
                for month, count in Request._read_group(
                    sent, ["date_request:month"], ["__count"]
                )
            ),
            sent_total,
        )
        decided_groups = Request._read_group(
            decided + [("decision", "!=", False)], ["decision"], ["__count"]
        )
        by_decision = breakdown(
            "decision",
            decided_groups,
            control.add("decided", sum(c for _d, c in decided_groups), hidden=True),
        )
        [[days]] = Request._read_group(
            [("date_answered", ">=", start), ("date_answered", "<=", end)],
            [],
            ["response_days:array_agg"],
        )
        days = days or []
        positive = decided + [("decision", "=", "positive")]
        [[naturalised]] = Request._read_group(
            positive + [("topic_id.code", "in", NATURALISATION_TOPICS)],
            [],
            ["partner_id:count_distinct"],
        )
        [[titles]] = Request._read_group(
            positive + [("topic_id.code", "in", TITLE_TOPICS)],
            [],
            ["partner_id:count_distinct"],
        )
        people = {
            "clients_naturalised": control.add("naturalised", naturalised),
            "clients_with_title": control.add("titles", titles),
        }
        control.protect()
        return {
            "year": year,
            "by_topic": shown(by_topic),
            "by_authority": shown(by_authority),
            "by_month": shown(by_month),
            "by_decision": shown(by_decision),
            "median_response_days": statistics.median(days)
            if len(days) >= min_cell
            else None,
            "min_cell": min_cell,
            **shown(people),
        }
