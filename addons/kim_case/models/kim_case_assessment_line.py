# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SCORE_MIN, SCORE_MAX = 1, 5


class KimCaseAssessmentLine(models.Model):
    """C-5: one life domain of an assessment: situation, needs, the client's
    own resources (Selbsthilferessourcen), priority and a 1–5 score."""

    _name = "kim.case.assessment.line"
    _description = "Assessment Line (Life Domain)"
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one(
        "kim.case.assessment", required=True, ondelete="cascade", index=True
    )
    case_id = fields.Many2one(
        related="assessment_id.case_id", store=True, index=True, readonly=True
    )
    assessment_date = fields.Date(
        related="assessment_id.date", store=True, readonly=True
    )
    state = fields.Selection(related="assessment_id.state", store=True)
    life_domain_id = fields.Many2one(
        "kim.life.domain", required=True, ondelete="restrict", index=True
    )
    sequence = fields.Integer(related="life_domain_id.sequence", store=True)
    situation = fields.Text()
    needs = fields.Text()
    own_resources = fields.Text(
        help="The client's own resources and abilities (Selbsthilferessourcen).",
    )
    priority = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        default="medium",
    )
    score = fields.Integer(
        aggregator="avg",
        help="1 = acute need for support … 5 = no need for support. Empty until "
        "the life domain has been assessed.",
    )

    _sql_constraints = [
        (
            "score_range",
            f"CHECK(score IS NULL OR score BETWEEN {SCORE_MIN} AND {SCORE_MAX})",
            "The score must be between 1 and 5.",
        ),
        (
            "domain_unique",
            "unique(assessment_id, life_domain_id)",
            "Each life domain appears once per assessment.",
        ),
    ]

    @api.model
    def _check_score_value(self, vals):
        """Refuse a score outside 1–5 before anything is written."""
        score = vals.get("score")
        if "score" in vals and not (
            isinstance(score, int) and SCORE_MIN <= score <= SCORE_MAX
        ):
            raise ValidationError(
                self.env._(
                    "The score of a life domain must be a whole number from "
                    "%(min)s to %(max)s (got %(score)s).",
                    min=SCORE_MIN,
                    max=SCORE_MAX,
                    score=score,
                )
            )

    def _check_assessment_open(self, assessments):
        # frozen for users; superuser processes (e.g. retention) may rewrite
        if not self.env.su and assessments.filtered(lambda a: a.state == "done"):
            raise UserError(
                self.env._(
                    "A completed assessment is part of the case history and "
                    "cannot be changed. Start a re-assessment instead."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "score" in vals and vals["score"] in (False, None, 0):
                # not yet scored: keep the column empty (NULL), not 0
                del vals["score"]
            self._check_score_value(vals)
        self._check_assessment_open(
            self.env["kim.case.assessment"].browse(
                [
                    vals["assessment_id"]
                    for vals in vals_list
                    if vals.get("assessment_id")
                ]
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_score_value(vals)
        self._check_assessment_open(self.assessment_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        self._check_assessment_open(self.assessment_id)
