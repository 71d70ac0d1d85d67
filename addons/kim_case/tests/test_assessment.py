# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon


class TestAssessment(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a = cls._case(cls.user_cm_a, cls._client("Klientin A"))
        cls.case_b = cls._case(
            cls.user_cm_b, cls._client("Klient B"), district_id=cls.district_south.id
        )
        # C-10: both received the Art. 13 information before any assessment
        for case in cls.case_a | cls.case_b:
            cls._consent(case.partner_id, "info_art13")
        cls.life_domains = cls.env["kim.life.domain"].search([])
        cls.health = cls.env.ref("kim_case.life_health")
        cls.housing = cls.env.ref("kim_case.life_housing")

    def _new(self, case=None, user=None):
        case = (case or self.case_a).with_user(user or self.user_cm_a)
        action = case.action_new_assessment()
        return (
            self.env["kim.case.assessment"]
            .with_user(user or self.user_cm_a)
            .browse(action["res_id"])
        )

    def _score_all(self, assessment, score, **overrides):
        for line in assessment.line_ids:
            line.score = overrides.get(line.life_domain_id.code, score)

    def test_nine_life_domains_in_data(self):
        """C-5: the nine life domains of case recording are shipped as data."""
        self.assertEqual(
            set(self.life_domains.mapped("code")),
            {
                "family",
                "health",
                "migration",
                "housing",
                "language",
                "work",
                "livelihood",
                "mobility",
                "participation",
            },
        )

    def test_new_assessment_prefills_active_life_domains(self):
        """C-5: "New assessment" creates one line per active life domain with
        situation, needs, own resources, priority and score to fill in."""
        with freeze_time("2026-03-02"):
            assessment = self._new()
        self.assertEqual(assessment.case_id, self.case_a)
        self.assertEqual(assessment.number, 1)
        self.assertFalse(assessment.is_reassessment)
        self.assertEqual(assessment.date, date(2026, 3, 2))
        self.assertEqual(assessment.user_id, self.user_cm_a)
        self.assertEqual(assessment.line_ids.life_domain_id, self.life_domains)
        self.assertFalse(any(assessment.line_ids.mapped("score")))
        line = assessment.line_ids.filtered(lambda x: x.life_domain_id == self.health)
        line.write(
            {
                "situation": "Chronische Erkrankung, kein Hausarzt",
                "needs": "Anbindung an Hausarztpraxis",
                "own_resources": "Tochter begleitet zu Terminen",
                "priority": "high",
                "score": 2,
            }
        )
        self.assertEqual(line.case_id, self.case_a)
        self.assertEqual(self.case_a.assessment_count, 1)
        # an open draft is reopened instead of starting a second assessment
        self.assertEqual(self._new(), assessment)
        # an archived life domain is not offered in new assessments
        self.env.ref("kim_case.life_mobility").active = False
        self._score_all(assessment, 3)
        assessment.action_done()
        self.assertEqual(len(self._new().line_ids), len(self.life_domains) - 1)

    def test_reassessment_keeps_history_and_graph(self):
        """C-5: a re-assessment is a new numbered assessment pre-filled from the
        last one; the completed one stays unchanged; the history shows the
        score per life domain over the assessment dates."""
        with freeze_time("2026-03-02"):
            first = self._new()
            first.line_ids.filtered(
                lambda x: x.life_domain_id == self.health
            ).own_resources = "Familie unterstützt"
            self._score_all(first, 3, health=1, housing=2)
            first.action_done()
        self.assertEqual(first.state, "done")
        with freeze_time("2026-09-01"):
            second = self._new()
        self.assertNotEqual(second, first)
        self.assertEqual(second.number, 2)
        self.assertTrue(second.is_reassessment)
        health = second.line_ids.filtered(lambda x: x.life_domain_id == self.health)
        self.assertEqual(health.score, 1, "pre-filled from the last assessment")
        self.assertEqual(health.own_resources, "Familie unterstützt")
        health.score = 4
        second.line_ids.filtered(lambda x: x.life_domain_id == self.housing).score = 5
        second.action_done()

        # history kept: the first assessment did not change
        self.assertEqual(self.case_a.assessment_ids, first | second)
        first_health = first.line_ids.filtered(
            lambda x: x.life_domain_id == self.health
        )
        self.assertEqual(first_health.score, 1)
        # the graph/pivot of the case: score per life domain and date
        action = self.case_a.with_user(self.user_cm_a).action_view_assessment_history()
        self.assertEqual(action["res_model"], "kim.case.assessment.line")
        groups = (
            self.env["kim.case.assessment.line"]
            .with_user(self.user_cm_a)
            ._read_group(
                action["domain"],
                ["life_domain_id", "assessment_date:day"],
                ["score:avg"],
            )
        )
        history = {(d.code, day): score for d, day, score in groups}
        self.assertEqual(history[("health", date(2026, 3, 2))], 1)
        self.assertEqual(history[("health", date(2026, 9, 1))], 4)
        self.assertEqual(history[("housing", date(2026, 3, 2))], 2)
        self.assertEqual(history[("housing", date(2026, 9, 1))], 5)

    def test_completed_assessment_is_frozen(self):
        """C-5: a completed assessment is history: it cannot be edited or
        deleted, neither its lines."""
        assessment = self._new()
        self._score_all(assessment, 3)
        assessment.action_done()
        line = assessment.line_ids[0]
        with self.assertRaises(UserError):
            line.score = 5
        with self.assertRaises(UserError):
            assessment.date = date(2020, 1, 1)
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            assessment.unlink()
        with self.assertRaises(UserError):
            line.create(
                {
                    "assessment_id": assessment.id,
                    "life_domain_id": line.life_domain_id.id,
                }
            )
        self.assertEqual(line.score, 3)
        self.assertTrue(assessment.exists())
        self.assertEqual(len(assessment.line_ids), len(self.life_domains))
        # superuser processes (retention/anonymisation) may still rewrite texts
        line.sudo().situation = "anonymisiert"
        self.assertEqual(line.situation, "anonymisiert")

    def test_complete_requires_every_score(self):
        """C-5: an assessment is completed only when every life domain has a
        score; the message names the missing domains."""
        assessment = self._new()
        for line in assessment.line_ids - assessment.line_ids.filtered(
            lambda x: x.life_domain_id == self.health
        ):
            line.score = 3
        with self.assertRaisesRegex(UserError, "Health"):
            assessment.action_done()
        self.assertEqual(assessment.state, "draft")

    def test_score_outside_range_refused(self):
        """C-5: a score outside 1–5 is refused with a clear message before
        anything is written; the database refuses it as well."""
        assessment = self._new()
        line = assessment.line_ids[0]
        line.score = 4
        for bad in (0, 6, -1, 10):
            with (
                self.subTest(score=bad),
                self.assertRaisesRegex(ValidationError, "from 1 to 5"),
            ):
                line.score = bad
        self.assertEqual(line.score, 4)
        Line = self.env["kim.case.assessment.line"].with_user(self.user_cm_a)
        count = Line.search_count([])
        with self.assertRaises(ValidationError):
            assessment.line_ids = [
                (0, 0, {"life_domain_id": self.health.id, "score": 7})
            ]
        self.assertEqual(Line.search_count([]), count)
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.cr.execute(
                "UPDATE kim_case_assessment_line SET score = 9 WHERE id = %s",
                [line.id],
            )

    def test_access_follows_the_case(self):
        """C-5 / C-12: assessments follow the case's access: case manager B
        neither sees nor creates assessments of case A; the coordination of
        the district reads them; finance, steering and authority get none."""
        assessment = self._new()
        own_b = self._new(self.case_b, self.user_cm_b)
        Assessment = self.env["kim.case.assessment"]
        self.assertEqual(Assessment.with_user(self.user_cm_b).search([]), own_b)
        self.assertFalse(
            self.env["kim.case.assessment.line"]
            .with_user(self.user_cm_b)
            .search([("case_id", "=", self.case_a.id)])
        )
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_cm_b).read(["date"])
        with self.assertRaises(AccessError):
            assessment.line_ids[0].with_user(self.user_cm_b).read(["situation"])
        with self.assertRaises(AccessError), self.cr.savepoint():
            Assessment.with_user(self.user_cm_b).create({"case_id": self.case_a.id})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.case_a.with_user(self.user_cm_b).action_new_assessment()
        self.assertEqual(self.case_a.assessment_ids, assessment)

        coordination = Assessment.with_user(self.user_coordination)
        self.assertEqual(coordination.search([]), assessment)
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_coordination).write(
                {"date": kim_today(self.env.user)}
            )
        for user in (self.user_finance, self.user_steering, self.user_authority):
            for model in ("kim.case.assessment", "kim.case.assessment.line"):
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])
