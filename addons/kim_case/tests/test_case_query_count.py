# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import KimCaseCommon

LIST_FIELDS = [
    "name",
    "type_id",
    "stage_id",
    "user_id",
    "employer_id",
    "district_id",
    "municipality_id",
    "last_contact_date",
    "first_contact_date",
    "activity_ids",
    "activity_state",
]
KANBAN_SPEC = {
    "color": {},
    "name": {},
    "type_id": {"fields": {"display_name": {}}},
    "target_group_ids": {"fields": {"display_name": {}, "color": {}}},
    "last_contact_date": {},
    "activity_ids": {"fields": {}},
    "activity_state": {},
    "user_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
}


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
