# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import kim_today

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
        return super().create(vals_list)

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
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_done(self):
        """Complete the assessments: every life domain needs a score."""
        for assessment in self:
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
