# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import api, fields, models

KIM_OCCASIONS = [
    ("closure", "At Closure"),
    ("goal_agreement", "After the Goal Agreement"),
]


class SurveyUserInput(models.Model):
    """C-6 (issue #21): an answer to the KIM client survey carries no name,
    no e-mail and no case: only the occasion, the constellation and the
    district of the case, the dimensions the yearly report counts by (n >= 5).
    Answers to other surveys keep every KIM field empty."""

    _inherit = "survey.user_input"

    kim_occasion = fields.Selection(KIM_OCCASIONS, string="KIM Occasion", readonly=True)
    kim_case_type_id = fields.Many2one(
        "kim.case.type", string="KIM Constellation", readonly=True
    )
    kim_district_id = fields.Many2one(
        "kim.district", string="KIM District", readonly=True
    )

    @api.model
    def _kim_evaluation_counts(self, year):
        """C-6: answered KIM client surveys of ``year`` counted per question
        and answer option: ``{question: {answer: count}}`` plus the number of
        completed questionnaires; aggregates only, never an answer record."""
        # sudo: counts only; the answers stay unreadable for every KIM role
        Input = self.sudo()
        survey = Input.env.ref("kim_case.survey_client_evaluation", False)
        if not survey:
            return {}, 0
        start = datetime.combine(datetime(year, 1, 1), time.min)
        end = datetime.combine(datetime(year + 1, 1, 1), time.min)
        done = Input.search_count(
            [
                ("survey_id", "=", survey.id),
                ("state", "=", "done"),
                ("test_entry", "=", False),
                ("create_date", ">=", start),
                ("create_date", "<", end),
            ]
        )
        Line = self.env["survey.user_input.line"].sudo()  # sudo: grouped counts only
        groups = Line._read_group(
            [
                ("survey_id", "=", survey.id),
                ("user_input_id.state", "=", "done"),
                ("user_input_id.test_entry", "=", False),
                ("user_input_id.create_date", ">=", start),
                ("user_input_id.create_date", "<", end),
                ("answer_type", "=", "suggestion"),
            ],
            ["question_id", "suggested_answer_id"],
            ["__count"],
        )
        counts = {}
        for question in survey.question_ids.sorted("sequence"):
            counts[question] = {
                answer: 0 for answer in question.suggested_answer_ids.sorted("sequence")
            }
        for question, answer, count in groups:
            counts.setdefault(question, {})[answer] = count
        return counts, done
