# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import kim_form_action, kim_lang_env, kim_today

LINE_COPY_FIELDS = ("situation", "needs", "own_resources", "priority", "score")


class KimCaseAssessment(models.Model):
    """C-5: assessment of a case, one line per life domain.

    Re-assessments are new records numbered per case; completed assessments
    are kept as history (never changed, never deleted).
    """

    _name = "kim.case.assessment"
    _description = "Case Assessment"
    _order = "case_id, number desc, id desc"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade", index=True)
    number = fields.Integer(
        readonly=True,
        copy=False,
        help="Position of this assessment in the case's history (1 = first).",
    )
    is_reassessment = fields.Boolean(
        string="Re-Assessment", compute="_compute_is_reassessment", store=True
    )
    date = fields.Date(required=True, default=kim_today, index=True)
    user_id = fields.Many2one(
        "res.users", string="Assessed By", default=lambda self: self.env.user
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Completed")],
        required=True,
        default="draft",
        copy=False,
    )
    line_ids = fields.One2many(
        "kim.case.assessment.line", "assessment_id", string="Life Domains", copy=True
    )
    average_score = fields.Float(compute="_compute_average_score", digits=(3, 1))

    _sql_constraints = [
        (
            "case_number_unique",
            "unique(case_id, number)",
            "An assessment with this number already exists for the case.",
        ),
    ]

    @api.depends("number")
    def _compute_is_reassessment(self):
        for assessment in self:
            assessment.is_reassessment = assessment.number > 1

    @api.depends("line_ids.score")
    def _compute_average_score(self):
        for assessment in self:
            scores = [s for s in assessment.line_ids.mapped("score") if s]
            assessment.average_score = sum(scores) / len(scores) if scores else 0.0

    @api.depends("case_id.name", "number")
    def _compute_display_name(self):
        # pseudonymous like the case: number and sequence only, no client data
        for assessment in self:
            assessment.display_name = self.env._(
                "%(case)s / Assessment %(number)s",
                case=assessment.case_id.name or "",
                number=assessment.number,
            )

    @api.model_create_multi
    def create(self, vals_list):
        case_ids = {vals["case_id"] for vals in vals_list if vals.get("case_id")}
        # refuse foreign cases before numbering (the user sees every assessment
        # of a case they may access, so the numbering below is complete)
        self.env["kim.case"].browse(case_ids).check_access("read")
        last = dict(
            self._read_group(
                [("case_id", "in", list(case_ids))], ["case_id"], ["number:max"]
            )
        )
        last = {case.id: number for case, number in last.items()}
        for vals in vals_list:
            if vals.get("case_id"):
                last[vals["case_id"]] = last.get(vals["case_id"], 0) + 1
                vals["number"] = last[vals["case_id"]]
        assessments = super().create(vals_list)
        assessments._kim_warn_art13_missing()
        return assessments

    def _kim_warn_art13_missing(self):
        """C-10: the Art. 13 information is handed out by the assessment at the
        latest. An assessment started without it gives its case manager a
        To-Do due on the day of the assessment (in their language); completing
        the assessment is refused until it is recorded."""
        Consent = self.env["kim.consent"]
        for assessment in self.filtered(lambda a: a.state == "draft"):
            case = assessment.case_id
            if Consent._kim_art13_handed_out(case.partner_id, assessment.date):
                continue
            user = case.user_id or self.env.user
            env = kim_lang_env(self, user)
            # justified: the To-Do of the case manager on their own case
            case.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=assessment.date,
                summary=env._("Hand out the Art. 13 information"),
                note=env._(
                    "Give the client the data-protection information (Art. 13/14 "
                    "GDPR) in their language and record it under Consents before "
                    "the assessment is completed."
                ),
                user_id=user.id,
            )

    def write(self, vals):
        # frozen for users; superuser processes (e.g. retention) may rewrite
        if (
            not self.env.su
            and self.filtered(lambda a: a.state == "done")
            and set(vals) - {"state"}
        ):
            raise UserError(
                self.env._(
                    "A completed assessment is part of the case history and "
                    "cannot be changed. Start a re-assessment instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if not self.env.su and self.filtered(lambda a: a.state == "done"):
            raise UserError(
                self.env._(
                    "A completed assessment is part of the case history and "
                    "cannot be deleted."
                )
            )

    def action_open(self):
        self.ensure_one()
        return kim_form_action(self)

    def action_done(self):
        """Complete the assessments: every life domain needs a score, and the
        client has received the Art. 13 information (C-10)."""
        Consent = self.env["kim.consent"]
        for assessment in self:
            if not Consent._kim_art13_handed_out(
                assessment.case_id.partner_id, assessment.date
            ):
                raise UserError(
                    self.env._(
                        "Assessment %(name)s cannot be completed: the client has "
                        "not received the data-protection information (Art. 13/14 "
                        "GDPR) by the day of the assessment. Hand it out and "
                        "record it under Consents first.",
                        name=assessment.display_name,
                    )
                )
            if not assessment.line_ids:
                raise UserError(
                    self.env._(
                        "Assessment %(name)s has no life domains.",
                        name=assessment.display_name,
                    )
                )
            unscored = assessment.line_ids.filtered(lambda line: not line.score)
            if unscored:
                raise UserError(
                    self.env._(
                        "Score every life domain (1–5) before completing the "
                        "assessment. Missing: %(domains)s",
                        domains=", ".join(unscored.life_domain_id.mapped("name")),
                    )
                )
        self.write({"state": "done"})
        self._kim_schedule_reassessment()
        return True

    def _kim_schedule_reassessment(self):
        """C-5: a completed assessment plans the next one: one "re-assessment
        due" activity (KIM activity type) per case for its case manager (or
        the type's default user), due after the type's delay (data, six months
        shipped); completing again replaces the previous one."""
        xmlid = "kim_case.mail_activity_type_reassessment_due"
        activity_type = self.env.ref(xmlid, raise_if_not_found=False)
        if not activity_type:
            return
        for case in self.case_id:
            case.activity_unlink([xmlid])
            case.activity_schedule(
                xmlid,
                date_deadline=activity_type._get_date_deadline(),
                user_id=(
                    case.user_id.id or activity_type.default_user_id.id or self.env.uid
                ),
            )

    @api.model
    def _prepare_lines(self, case):
        """One line per active life domain, pre-filled from the case's latest
        completed assessment (a re-assessment starts from the last view)."""
        previous = self.search(
            [("case_id", "=", case.id), ("state", "=", "done")],
            order="number desc",
            limit=1,
        )
        by_domain = {line.life_domain_id: line for line in previous.line_ids}
        commands = []
        for domain in self.env["kim.life.domain"].search([]):
            vals = {"life_domain_id": domain.id}
            if domain in by_domain:
                old = by_domain[domain]
                vals |= {name: old[name] for name in LINE_COPY_FIELDS if old[name]}
            commands.append(Command.create(vals))
        return commands
