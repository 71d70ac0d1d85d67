# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from .common import KimCaseCommon
from .view_specs import KANBAN_SPEC, LIST_FIELDS


class TestCaseQueryCount(KimCaseCommon):
    """Query-count guards on the case list and kanban (no N+1)."""

    def _add_cases(self, count):
        tg = self.env.ref("kim_case.tg_eu_new")
        cases = self.env["kim.case"]
        for _i in range(count):
            cases |= self._case(target_group_ids=[tg.id])
        self.env["kim.case.contact"].create([{"case_id": c.id} for c in cases])
        cases[:3].activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_cm_a.id
        )

    def _count(self, function):
        self.env.invalidate_all()
        self.env.flush_all()
        start = self.cr.sql_log_count
        function()
        return self.cr.sql_log_count - start

    def _list(self):
        cases = self.env["kim.case"].with_user(self.user_cm_a)
        rows = cases.search_read([], LIST_FIELDS, limit=80)
        self.assertTrue(rows)

    def _kanban(self):
        cases = self.env["kim.case"].with_user(self.user_cm_a)
        result = cases.web_search_read([], KANBAN_SPEC, limit=80)
        self.assertTrue(result["records"])

    def test_list_and_kanban_query_count(self):
        """C-12: reading the case list (80 rows) and kanban as a case manager
        costs the same number of queries for 10 and 40 cases."""
        self._add_cases(10)
        self._list()  # warm-up
        self._kanban()
        list_10, kanban_10 = self._count(self._list), self._count(self._kanban)
        self._add_cases(30)
        self.env.invalidate_all()
        with self.assertQueryCount(list_10):
            self._list()
        self.env.invalidate_all()
        with self.assertQueryCount(kanban_10):
            self._kanban()
        self.assertLess(max(list_10, kanban_10), 25, "fixed upper bound")


class TestBenchQueryCount(KimCaseCommon):
    """Query-count guards of the benchmark scenarios R2, R4 and R6 (issue #8):
    the query count must not grow with the number of cases."""

    def _bulk_cases(self, count, user=None, **values):
        user = user or self.user_cm_a
        clients = self.env["res.partner"].create(
            [{"name": f"Bench Person {i}", "kim_is_client": True} for i in range(count)]
        )
        return self.env["kim.case"].create(
            [
                {
                    "partner_id": client.id,
                    "user_id": user.id,
                    "employer_id": user.kim_employer_id.id,
                    "district_id": self.district_north.id,
                    "type_id": self.type_cm.id,
                }
                | values
                for client in clients
            ]
        )

    def _queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def test_r2_case_manager_search_count(self):
        """R2, X-1: a case manager's search (80 rows) and count under the
        record rules costs at most one query more than the superuser's, and
        the same for 10 and 120 cases."""
        domain = [("is_closed", "=", False)]
        self._bulk_cases(10)
        self._bulk_cases(5, user=self.user_cm_b)  # foreign cases, not visible

        def search(env):
            def run():
                Case = env["kim.case"]
                ids = Case.search(domain, limit=80).ids
                return ids, Case.search_count(domain)

            return run

        cm_env = self.env(user=self.user_cm_a)
        search(cm_env)()  # warm-up: rule domains are cached per user
        superuser = self._queries(search(self.env))
        cm_10 = self._queries(search(cm_env))
        self.assertLessEqual(cm_10, superuser + 1)
        ids, count = search(cm_env)()
        self.assertEqual(count, 10, "the foreign employer's cases stay hidden")
        self.assertEqual(len(ids), 10)
        self._bulk_cases(110)
        self.env.invalidate_all()
        with self.assertQueryCount(cm_10):
            ids, count = search(cm_env)()
        self.assertEqual((len(ids), count), (80, 120))

    def test_r4_list_kanban_independent_of_total(self):
        """R4, C-12: list and kanban of 80 rows cost the same number of
        queries for 90 and 200 cases (both above the page size)."""
        cases = self._bulk_cases(90)
        self.env["kim.case.contact"].create([{"case_id": c.id} for c in cases])
        env = self.env(user=self.user_cm_a)

        def page():
            Case = env["kim.case"]
            rows = Case.search_read([], LIST_FIELDS, limit=80)
            result = Case.web_search_read([], KANBAN_SPEC, limit=80)
            self.assertEqual((len(rows), len(result["records"])), (80, 80))

        page()
        at_90 = self._queries(page)
        more = self._bulk_cases(110)
        self.env["kim.case.contact"].create([{"case_id": c.id} for c in more])
        self.env.invalidate_all()
        with self.assertQueryCount(at_90):
            page()

    def test_r6_auto_close_batch_query_count(self):
        """R6, C-8: closing a batch of due cases costs the same number of
        queries for 5 and 40 candidates (no per-case query)."""
        old = date(2020, 1, 15)
        few = self._bulk_cases(5, first_contact_date=old)
        many = self._bulk_cases(40, first_contact_date=old)
        Case = self.env["kim.case"]
        with freeze_time("2026-06-01"):
            Case.browse(few[:1].ids)._kim_auto_close_batch()  # warm-up
            rest = few[1:]
            at_4 = self._queries(lambda: rest._kim_auto_close_batch())
            self.assertTrue(all(rest.mapped("is_closed")))
            with self.assertQueryCount(at_4):
                closed = many._kim_auto_close_batch()
        self.assertEqual(closed, many)
        notes = self.env["mail.message"].search_count(
            [("model", "=", "kim.case"), ("res_id", "in", many.ids)]
        )
        self.assertGreaterEqual(notes, 40, "one chatter note per closed case")

    def test_r5_pivot_query_count(self):
        """R5, G-7: the case pivot organisation x month x stage, grouped by
        Odoo's own read_group as the web client asks for it, costs the same
        number of queries for 10 and 120 cases in more groups."""
        self._bulk_cases(5)
        self._bulk_cases(5, self.user_cm_b, first_contact_date=date(2025, 4, 1))
        env = self.env(user=self.user_coordination)
        groupby = ["employer_id", "first_contact_month", "stage_id"]

        def pivot():
            return env["kim.case"].read_group([], ["__count"], groupby, lazy=False)

        pivot()  # warm-up
        self.assertTrue(env.company)  # the user's company, read outside the count
        at_10 = self._queries(pivot)
        groups = len(pivot())
        for month in range(1, 12):
            self._bulk_cases(10, first_contact_date=date(2024, month, 1))
        self.env.invalidate_all()
        with self.assertQueryCount(at_10):
            self.assertEqual(len(pivot()), groups + 11)
