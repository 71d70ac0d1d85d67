# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import KimGovernanceCommon


class TestGenerativeTheme(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.municipality_2 = cls.env["res.partner"].create(
            {
                "name": "Gemeinde Zweitdorf",
                "is_company": True,
                "kim_is_municipality": True,
                "kim_district_id": cls.district_north.id,
            }
        )
        cls.case_a = cls._case(cls.user_cm_a, municipality_id=cls.municipality.id)
        cls.case_a2 = cls._case(cls.user_cm_a, municipality_id=cls.municipality.id)
        cls.case_b = cls._case(cls.user_cm_b, municipality_id=cls.municipality_2.id)
        cls.project_group = cls.env["kim.committee"].create(
            {
                "name": "Projektgruppe Test",
                "committee_type": "project_group",
                "parent_id": cls.steering.id,
            }
        )
        sgb2, sgb8 = cls.env["kim.legal.domain"].search([], limit=2)
        cls.obs = (
            cls._observation(cls.case_a, legal_domain_ids=[(6, 0, sgb2.ids)])
            | cls._observation(cls.case_a, legal_domain_ids=[(6, 0, (sgb2 | sgb8).ids)])
            | cls._observation(cls.case_a2)
            | cls._observation(cls.case_b, category="access_barrier")
        )

    def _theme(self, observations=None):
        return (
            self.env["kim.generative.theme"]
            .with_user(self.user_coordination)
            .create(
                {
                    "name": "Wartezeiten Sprachkurse",
                    "description": "Zu wenig Plätze",
                    "observation_ids": [(6, 0, (observations or self.obs).ids)],
                    "committee_id": self.project_group.id,
                }
            )
        )

    def test_counts_from_observations(self):
        """G-4/C-13: cases, municipalities, legal domains counted from observations."""
        theme = self._theme()
        self.assertEqual(theme.case_count, 3)
        self.assertEqual(theme.municipality_count, 2)
        self.assertEqual(theme.legal_domain_count, 2)
        other = self._theme(self.obs[3])
        self.assertEqual((other.case_count, other.municipality_count), (1, 1))

    def test_pipeline_transitions(self):
        """G-4: stages in order, no skipping; steering produces a decision;
        solved needs the agreement and asks the case managers to review."""
        theme = self._theme()
        with self.assertRaises(UserError):
            theme.stage = "project_group"
        self.assertEqual(theme.stage, "recorded")
        for stage in ("similar_cases", "working_group", "project_group"):
            theme.action_next_stage()
            self.assertEqual(theme.stage, stage)
        theme.action_next_stage()
        self.assertEqual(theme.stage, "steering")
        self.assertEqual(theme.decision_id.committee_id, self.steering)
        self.assertEqual(theme.decision_id.theme_id, theme)
        with self.assertRaises(UserError):
            theme.stage = "solved"
        with self.assertRaises(UserError):
            theme.stage = "rejected"
        agreement = self.env["kim.agreement"].create(
            {"name": "Schnittstellenkonzept Sprachkurse", "agreement_type": "interface"}
        )
        theme.write({"stage": "solved", "agreement_id": agreement.id})
        self.assertEqual(agreement.theme_ids, theme)
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "kim.case"),
                ("res_id", "in", (self.case_a | self.case_a2 | self.case_b).ids),
            ]
        )
        self.assertEqual(activities.user_id, self.user_cm_a | self.user_cm_b)
        self.assertEqual(len(activities), 3)
        with self.assertRaises(UserError):
            theme.stage = "working_group"

    def test_pseudonymised_for_non_owners(self):
        """C-13/G-4/X-2: linked cases pseudonymised for all but their case managers."""
        theme = self._theme()
        as_a = theme.with_user(self.user_cm_a).case_overview
        self.assertIn(self.case_a.name, as_a)
        self.assertNotIn(self.case_b.name, as_a)
        as_b = theme.with_user(self.user_cm_b).case_overview
        self.assertIn(self.case_b.name, as_b)
        self.assertNotIn(self.case_a.name, as_b)
        for user in (self.user_coordination, self.user_steering):
            overview = theme.with_user(user).case_overview
            for case in (self.case_a, self.case_a2, self.case_b):
                self.assertNotIn(case.name, overview)
            self.assertIn("Case A", overview)
        # steering sees the theme, never the observations themselves
        self.assertNotIn(
            "observation_ids", theme.with_user(self.user_steering).read()[0]
        )
        # a case manager reads only the observations of own cases
        theme.invalidate_recordset()
        self.assertEqual(
            theme.with_user(self.user_cm_b).read(["observation_ids"])[0][
                "observation_ids"
            ],
            self.obs[3].ids,
        )
        with self.assertRaises(AccessError):
            self.obs.with_user(self.user_steering).read(["text"])
        # coordination sees observations of its districts
        self.assertEqual(
            self.env["kim.case.observation"]
            .with_user(self.user_coordination)
            .search([("id", "in", self.obs.ids)]),
            self.obs,
        )
        # finance: no theme at all
        with self.assertRaises(AccessError):
            theme.with_user(self.user_finance).read(["name"])
        with self.assertRaises(AccessError):
            theme.with_user(self.user_cm_a).write({"name": "x"})
