# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.osv import expression

from ..tools import KIM_TZ, kim_today

TILE_KEYS = [
    ("appointments_today", "Appointments Today"),
    ("activities_due", "Due and Overdue Activities"),
    ("reassessments_due", "Re-Assessments Due"),
    ("consents_expiring", "Consents and Releases Expiring"),
    ("cases_closing", "Cases Closing Automatically"),
    ("new_inquiries", "New Inquiries"),
]

# tile key -> (model, list views of the opened list)
TILE_MODELS = {
    "appointments_today": ("calendar.event", "list,calendar,form"),
    "activities_due": ("mail.activity", "list,form"),
    "reassessments_due": ("mail.activity", "list,form"),
    "consents_expiring": ("kim.consent", "list,form"),
    "cases_closing": ("kim.case", "list,form"),
    "new_inquiries": ("crm.lead", "list,kanban,form"),
}


class KimDayTile(models.Model):
    """C-5, C-8, C-10, C-12 (issue #21): the tiles of "My day", the first
    screen of case managers and coordinators.

    Each tile counts one kind of work that is due and opens its list. The
    tiles are data: the KIM lead renames, reorders, archives them and sets
    the look-ahead (days) of a tile; which records a tile counts is code
    (``tile_key``). A tile counts under the user's own record rules, so a
    coordinator's team tiles count the cases of their districts and a case
    manager's tiles the cases they are entitled to today (substitutions
    included)."""

    _name = "kim.day.tile"
    _description = "My Day Tile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    tile_key = fields.Selection(TILE_KEYS, string="Counts", required=True)
    scope = fields.Selection(
        [("own", "My Cases"), ("team", "My Team")],
        required=True,
        default="own",
        help="My Cases: the user's own cases, inquiries and activities (and "
        "the cases they cover today). My Team: everything of the cases the "
        "user may read, e.g. a coordinator's districts.",
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Shown To",
        required=True,
        ondelete="cascade",
        help="Users of this role see the tile on their day.",
    )
    horizon_days = fields.Integer(
        string="Look-Ahead (Days)",
        default=0,
        help="Counts what falls due within this many days from today "
        "(e.g. consents expiring within 30 days).",
    )
    color = fields.Integer()
    count = fields.Integer(compute="_compute_count")

    _sql_constraints = [
        (
            "horizon_days_positive",
            "CHECK(horizon_days >= 0)",
            "The look-ahead cannot be negative.",
        ),
    ]

    @api.depends_context("uid")
    def _compute_count(self):
        for tile in self:
            model, _views = TILE_MODELS[tile.tile_key]
            tile.count = self.env[model].search_count(tile._kim_domain())

    # ------------------------------------------------------------ domains
    def _kim_domain(self):
        """The records the tile counts, as the current user sees them."""
        self.ensure_one()
        today = kim_today(self)
        horizon = today + timedelta(days=self.horizon_days)
        return getattr(self, f"_kim_domain_{self.tile_key}")(today, horizon)

    def _kim_own_cases(self):
        """Cases the user manages or covers today (C-12)."""
        uid = self.env.uid
        return [
            "|",
            ("user_id", "=", uid),
            (
                "substitute_ids",
                "any",
                [("user_id", "=", uid), ("is_active", "=", True)],
            ),
        ]

    def _kim_domain_appointments_today(self, today, horizon):
        # the KIM day (Europe/Berlin), as UTC for calendar.event
        tz = pytz.timezone(KIM_TZ)
        day_start = tz.localize(datetime.combine(today, time.min))
        day_end = tz.localize(datetime.combine(horizon + timedelta(days=1), time.min))
        domain = [
            ("start", "<", day_end.astimezone(pytz.utc).replace(tzinfo=None)),
            ("stop", ">=", day_start.astimezone(pytz.utc).replace(tzinfo=None)),
        ]
        if self.scope == "own":
            return domain + [("partner_ids", "in", self.env.user.partner_id.ids)]
        return domain + [("kim_case_id", "!=", False)]

    def _kim_domain_activities_due(self, today, horizon):
        domain = [("date_deadline", "<=", horizon)]
        if self.scope == "own":
            return domain + [("user_id", "=", self.env.uid)]
        return domain + [("res_model", "=", "kim.case")]

    def _kim_domain_reassessments_due(self, today, horizon):
        activity_type = self.env.ref(
            "kim_case.mail_activity_type_reassessment_due", raise_if_not_found=False
        )
        if not activity_type:
            return expression.FALSE_DOMAIN
        domain = [
            ("activity_type_id", "=", activity_type.id),
            ("res_model", "=", "kim.case"),
            ("date_deadline", "<=", horizon),
        ]
        if self.scope == "own":
            return domain + [("user_id", "=", self.env.uid)]
        return domain

    def _kim_domain_consents_expiring(self, today, horizon):
        domain = self.env["kim.consent"]._kim_ending_domain(today, horizon)
        if self.scope == "own":
            return domain + [("case_id", "any", self._kim_own_cases())]
        return domain

    def _kim_domain_cases_closing(self, today, horizon):
        domain = self.env["kim.case"]._kim_auto_close_domain(horizon)
        if self.scope == "own":
            return expression.AND([domain, self._kim_own_cases()])
        return domain

    def _kim_domain_new_inquiries(self, today, horizon):
        domain = [
            ("team_id.kim_intake", "=", True),
            ("type", "=", "opportunity"),
            ("kim_case_id", "=", False),
            ("stage_id.is_won", "=", False),
        ]
        if self.scope == "own":
            return domain + [("user_id", "in", [False, self.env.uid])]
        return domain

    # ------------------------------------------------------------ actions
    def action_open(self):
        """Opens the list of what the tile counts."""
        self.ensure_one()
        model, views = TILE_MODELS[self.tile_key]
        action = {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": model,
            "view_mode": views,
            "views": [(False, view) for view in views.split(",")],
            "domain": self._kim_domain(),
            "context": {"create": False},
            "target": "current",
        }
        if model == "kim.case":
            action["views"] = [
                (self.env.ref("kim_case.kim_case_view_list_closing").id, "list"),
                (False, "form"),
            ]
        return action

    @api.model
    def action_kim_my_day(self):
        """The home of case managers and coordinators: the tiles of their
        roles (server action ``action_kim_my_day``)."""
        # sudo: the id and path of KIM's own home action, nothing else
        home = self.env.ref("kim_case.action_kim_my_day").sudo()
        return {
            # the server action's id and path: the web client opens the KIM
            # app's menu with it and a reload runs it again
            "id": home.id,
            "path": home.path,
            "type": "ir.actions.act_window",
            "name": self.env._("My Day"),
            "res_model": "kim.day.tile",
            "view_mode": "kanban",
            "views": [(self.env.ref("kim_case.kim_day_tile_view_kanban").id, "kanban")],
            "domain": [("group_id", "in", self.env.user.groups_id.ids)],
            "context": {"create": False},
            "target": "current",
        }
