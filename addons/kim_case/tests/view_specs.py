# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The case list and kanban as the web client reads them: one definition for
the query-count guard (test_case_query_count, R4) and the benchmark
(tools/bench, which loads this file by path: no test framework import)."""

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
