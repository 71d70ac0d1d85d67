# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kim_case.tools import kim_lang_env, x2many_ids_after

THEME_STAGES = [
    ("recorded", "Recorded"),
    ("similar_cases", "Checking Similar Cases"),
    ("working_group", "Working Group"),
    ("project_group", "Project Group"),
    ("steering", "Steering Group"),
    ("solved", "Solved"),
    ("rejected", "Rejected"),
]
STAGE_ORDER = [key for key, _label in THEME_STAGES[:6]]
THEME_LEVELS = [
    ("local", "Local"),
    ("county", "County"),
    ("state", "State"),
    ("federal", "Federal"),
]


class KimGenerativeTheme(models.Model):
    """G-4/C-13: a generative theme: many similar cases pointing to a structural
    gap, worked out from working group to steering group."""

    _name = "kim.generative.theme"
    _description = "Generative Theme"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    description = fields.Text()
    stage = fields.Selection(
        THEME_STAGES, default="recorded", required=True, tracking=True, index=True
    )
    level = fields.Selection(THEME_LEVELS, default="county", required=True)
    observation_ids = fields.Many2many(
        "kim.case.observation",
        "kim_theme_observation_rel",
        "theme_id",
        "observation_id",
        string="Observations",
        groups="kim_case.group_kim_case_manager,kim_case.group_kim_coordination",
        help="C-13: never shown to the steering group; case managers see only "
        "the observations of their own cases.",
    )
    committee_id = fields.Many2one("kim.committee", string="Working Body")
    decision_id = fields.Many2one("kim.decision", readonly=True, copy=False)
    agreement_id = fields.Many2one("kim.agreement", string="Solution", copy=False)
    rejection_reason = fields.Text()
    case_count = fields.Integer(compute="_compute_counts", string="Cases")
    municipality_count = fields.Integer(
        compute="_compute_counts", string="Municipalities"
    )
    legal_domain_count = fields.Integer(
        compute="_compute_counts", string="Legal Domains"
    )
    case_overview = fields.Html(
        compute="_compute_case_overview", sanitize=False, string="Cases Concerned"
    )

    @api.depends("observation_ids")
    def _compute_counts(self):
        # justified: counts over all linked observations, no case data leaves
        Observation = self.env["kim.case.observation"].sudo()
        domain = [("kim_theme_ids", "in", self.ids)]
        cases, municipalities, domains = {}, {}, {}
        for theme, _case in Observation._read_group(
            domain, ["kim_theme_ids", "case_id"]
        ):
            cases[theme.id] = cases.get(theme.id, 0) + 1
        for theme, _municipality in Observation._read_group(
            domain + [("kim_municipality_id", "!=", False)],
            ["kim_theme_ids", "kim_municipality_id"],
        ):
            municipalities[theme.id] = municipalities.get(theme.id, 0) + 1
        for theme, _legal in Observation._read_group(
            domain + [("legal_domain_ids", "!=", False)],
            ["kim_theme_ids", "legal_domain_ids"],
        ):
            domains[theme.id] = domains.get(theme.id, 0) + 1
        for theme in self:
            theme.case_count = cases.get(theme.id, 0)
            theme.municipality_count = municipalities.get(theme.id, 0)
            theme.legal_domain_count = domains.get(theme.id, 0)

    @api.depends("observation_ids")
    @api.depends_context("uid")
    def _compute_case_overview(self):
        """C-13/G-4: one line per linked case; the case number only for its
        own case managers, everyone else sees "Case A", "Case B", ..."""
        uid = self.env.uid
        categories = dict(
            self.env["kim.case.observation"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        for theme in self:
            # justified: renders pseudonyms; real case numbers only to owners
            observations = theme.sudo().observation_ids.sorted(
                lambda o: (o.case_id.id, o.id)
            )
            rows, letters = [], {}
            for observation in observations:
                case = observation.case_id
                if case not in letters:
                    letters[case] = chr(ord("A") + len(letters) % 26)
                own = (
                    case.user_id.id == uid or uid in case.member_ids.case_manager_id.ids
                )
                label = (
                    case.name
                    if own
                    else self.env._("Case %(letter)s", letter=letters[case])
                )
                rows.append(
                    Markup("<li>%s: %s (%s)</li>")
                    % (
                        escape(label),
                        escape(categories.get(observation.category, "")),
                        escape(case.district_id.name or ""),
                    )
                )
            theme.case_overview = Markup("<ul>%s</ul>") % Markup("").join(rows)

    def _kim_linked_cases(self):
        # justified: internal helper, callers only use ids/managers
        return self.sudo().observation_ids.case_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kim_check_added_observations(
                x2many_ids_after(vals.get("observation_ids"), [])
            )
        return super().create(vals_list)

    def write(self, vals):
        if "observation_ids" in vals:
            for theme in self:
                # sudo: the ids already linked, also observations of other cases
                current = theme.sudo().observation_ids.ids
                after = x2many_ids_after(vals["observation_ids"], current)
                self._kim_check_added_observations(set(after) - set(current))
        if "stage" in vals:
            self._kim_check_transition(vals["stage"], vals)
        res = super().write(vals)
        if vals.get("stage") == "steering":
            self.filtered(lambda t: not t.decision_id)._kim_create_decision()
        if vals.get("stage") == "solved":
            self._kim_notify_case_managers()
        return res

    def _kim_check_added_observations(self, observation_ids):
        """G-4/C-13: case managers add observations of their own cases,
        coordinators those of the districts they coordinate: an observation
        the saving user may not read is refused."""
        observations = self.env["kim.case.observation"].browse(observation_ids)
        observations = observations.exists()
        if observations - observations._filtered_access("read"):
            raise AccessError(
                self.env._(
                    "Only observations of cases you have access to can be "
                    "added to a generative theme."
                )
            )

    def _kim_check_transition(self, new_stage, vals):
        for theme in self:
            if new_stage == theme.stage:
                continue
            if new_stage == "rejected":
                if not (vals.get("rejection_reason") or theme.rejection_reason):
                    raise UserError(
                        self.env._("Give a reason before rejecting a theme.")
                    )
                continue
            if theme.stage in ("solved", "rejected"):
                raise UserError(
                    self.env._(
                        "Theme %(name)s is closed; its stage cannot change.",
                        name=theme.name,
                    )
                )
            if STAGE_ORDER.index(new_stage) < STAGE_ORDER.index(theme.stage):
                continue  # sent back for rework
            if new_stage == "solved":
                if not (vals.get("agreement_id") or theme.agreement_id):
                    raise UserError(
                        self.env._(
                            "Link the solution (agreement or interface concept) "
                            "before marking the theme as solved."
                        )
                    )
                continue
            if STAGE_ORDER.index(new_stage) - STAGE_ORDER.index(theme.stage) > 1:
                raise UserError(
                    self.env._(
                        "Theme %(name)s cannot skip a stage of the pipeline.",
                        name=theme.name,
                    )
                )
            if new_stage != "similar_cases" and not theme.observation_ids:
                raise UserError(
                    self.env._("A theme needs at least one case observation.")
                )

    def _kim_create_decision(self):
        """G-4 → G-2: a theme reaching the steering group produces a decision."""
        for theme in self:
            steering = theme.committee_id
            while steering and steering.committee_type != "steering":
                steering = steering.parent_id
            if not steering:
                steering = self.env["kim.committee"].search(
                    [("committee_type", "=", "steering")], limit=1
                )
            if not steering:
                raise UserError(self.env._("There is no steering group to decide."))
            theme.decision_id = self.env["kim.decision"].create(
                {
                    "name": self.env._("Decision on: %(theme)s", theme=theme.name),
                    "committee_id": steering.id,
                    "theme_id": theme.id,
                    "text": theme.description or False,
                }
            )

    def _kim_notify_case_managers(self):
        """G-4: the case managers of linked cases review their cases."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for theme in self:
            for case in theme._kim_linked_cases().filtered("user_id"):
                # justified: only points the case's own manager at their case
                case.sudo().activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=kim_lang_env(case, case.user_id)._(
                        "Review the case: theme %(theme)s solved", theme=theme.name
                    ),
                    note=theme.agreement_id.name or "",
                    user_id=case.user_id.id,
                )

    def action_next_stage(self):
        for theme in self:
            index = STAGE_ORDER.index(theme.stage)
            if index + 1 < len(STAGE_ORDER):
                theme.stage = STAGE_ORDER[index + 1]
        return True
