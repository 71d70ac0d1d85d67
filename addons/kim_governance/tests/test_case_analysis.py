# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.exceptions import AccessError

from .common import KimGovernanceCommon

# groupings and measures of the analysis views: none names a person
NON_PERSONAL = {
    "district_id",
    "municipality_id",
    "type_id",
    "stage_id",
    "close_reason_id",
    "target_group_ids",
    "channel",
    "first_contact_date",
    "first_contact_month",
    "closed_date",
    "waiting_days",
}


class TestCaseAnalysis(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases_north = cls.env["kim.case"]
        for index in range(5):
            cls.cases_north |= cls._case(
                client=cls._client(f"Person Analyse Nord {index}")
            )
        cls.cases_south = cls.env["kim.case"]
        for index in range(2):
            cls.cases_south |= cls._case(
                cls.user_cm_b,
                client=cls._client(f"Person Analyse Süd {index}"),
                district_id=cls.district_south.id,
                type_id=cls.type_short.id,
            )
        cls.action = cls.env.ref("kim_governance.kim_case_analysis_action")

    def _views(self, user):
        Case = self.env["kim.case"].with_user(user)
        return Case.get_views(
            [(view.view_id.id, view.view_mode) for view in self.action.view_ids]
            + [(self.action.search_view_id.id, "search")]
        )

    def test_coordination_opens_pivot_and_graph(self):
        """G-7/X-1: coordination opens the pivot and graph views and counts the
        cases of its districts only; the views show no personal data."""
        views = self._views(self.user_coordination)
        self.assertEqual(set(views["views"]), {"pivot", "graph", "search"})
        for view_type, view in views["views"].items():
            arch = etree.fromstring(view["arch"])
            names = {field.get("name") for field in arch.iter("field")}
            for node in arch.iter("filter"):
                group_by = node.get("context", "").partition("'group_by': '")[2]
                if group_by:
                    names.add(group_by.split("'")[0].split(":")[0])
                if node.get("date"):
                    names.add(node.get("date"))
            self.assertLessEqual(names, NON_PERSONAL, view_type)
        Case = self.env["kim.case"].with_user(self.user_coordination)
        groups = Case.read_group(
            [],
            ["__count", "waiting_days:avg"],
            ["district_id", "type_id"],
            lazy=False,
        )
        counts = {
            (group["district_id"][1], group["type_id"][1]): group["__count"]
            for group in groups
        }
        self.assertEqual(
            counts, {(self.district_north.name, self.type_cm.name): 5}, counts
        )
        menu = self.env.ref("kim_governance.kim_governance_menu_case_analysis")
        self.assertTrue(menu.groups_id & self.user_coordination.groups_id)
        self.assertFalse(menu.groups_id & self.user_steering.groups_id)

    def test_case_manager_sees_own_organisation_only(self):
        """X-1: in the same views a case manager counts only the cases of their
        own organisation (own cases); another organisation's are not counted;
        the steering group gets no case figures from them."""
        self._views(self.user_cm_a)
        for user, own, foreign in (
            (self.user_cm_a, self.cases_north, self.cases_south),
            (self.user_cm_b, self.cases_south, self.cases_north),
        ):
            groups = (
                self.env["kim.case"]
                .with_user(user)
                .read_group([], ["__count"], ["employer_id"], lazy=False)
            )
            self.assertEqual(
                {group["employer_id"][0]: group["__count"] for group in groups},
                {user.kim_employer_id.id: len(own)},
            )
            self.assertNotIn(
                foreign[0].employer_id.id, [g["employer_id"][0] for g in groups]
            )
        with self.assertRaises(AccessError):
            self.env["kim.case"].with_user(self.user_steering).read_group(
                [], ["__count"], ["district_id"]
            )

    def _pivot_month(self, user):
        """The pivot organisation x month x stage as the UI asks for it."""
        self.env.invalidate_all()
        self.env.flush_all()
        Case = self.env["kim.case"].with_user(user)
        # a new environment reads its user's company once; whether that falls
        # into the count depended on garbage collection: read it before
        self.assertTrue(Case.env.company)
        start = self.cr.sql_log_count
        groups = Case.read_group(
            [],
            ["__count"],
            ["employer_id", "first_contact_month", "stage_id"],
            lazy=False,
        )
        return groups, self.cr.sql_log_count - start

    def test_pivot_by_organisation_month_stage(self):
        """G-7/X-1 (issue #8 R5): the analysis groups cases by the stored month
        key of the first contact; coordination counts the cases of its
        districts per organisation, month and stage, and the query count stays
        flat when cases and months multiply."""
        views = self._views(self.user_coordination)
        search = etree.fromstring(views["views"]["search"]["arch"])
        group_bys = [node.get("context", "") for node in search.iter("filter")]
        self.assertIn("{'group_by': 'first_contact_month'}", group_bys)
        self.assertFalse([g for g in group_bys if "first_contact_date" in g])
        self.cases_north[:3].first_contact_date = date(2026, 1, 15)
        self.cases_north[3:].first_contact_date = date(2026, 2, 1)
        self.cases_south.first_contact_date = date(2026, 3, 1)
        self._pivot_month(self.user_coordination)  # warm-up
        groups, queries = self._pivot_month(self.user_coordination)
        employer = self.user_cm_a.kim_employer_id
        stage = self.cases_north[0].stage_id
        self.assertEqual(
            {
                (g["employer_id"][0], g["first_contact_month"], g["stage_id"][0]): g[
                    "__count"
                ]
                for g in groups
            },
            {
                (employer.id, "2026-01", stage.id): 3,
                (employer.id, "2026-02", stage.id): 2,
            },
        )
        for month in range(4, 12):
            self._case(
                client=self._client(f"Person Analyse Monat {month}"),
                first_contact_date=date(2025, month, 3),
            )
        more_groups, more_queries = self._pivot_month(self.user_coordination)
        self.assertEqual(len(more_groups), len(groups) + 8)
        self.assertEqual(more_queries, queries)
