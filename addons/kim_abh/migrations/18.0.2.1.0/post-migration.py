# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0 (issue #17 §4): the answer time of a topic moves from the
column ``kim_abh_topic.response_days`` (calendar days) to dated deadline
rules (``kim.deadline.rule``, key ``abh_response``, shipped in working days).

A topic whose figure was changed from the shipped one, and a topic created
by the users, keep their figure as a rule in calendar days from 1 January
2024; the due dates of open requests are computed again with the rules and
the public holidays of the working calendar.
"""

from odoo import SUPERUSER_ID, api

# the calendar days shipped until 18.0.2.0.0, by topic XML id
SHIPPED_DAYS = {
    "topic_residence": 14,
    "topic_25a": 28,
    "topic_25b": 28,
    "topic_104c": 28,
    "topic_60cd": 21,
    "topic_naturalisation": 28,
    "topic_naturalisation_status": 14,
    "topic_case_discussion": 14,
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'kim_abh_topic' AND column_name = 'response_days'"""
    )
    if cr.fetchone():
        cr.execute(
            "SELECT id, response_days FROM kim_abh_topic WHERE response_days > 0"
        )
        old_days = dict(cr.fetchall())
        xmlids = {
            data.res_id: data.name
            for data in env["ir.model.data"].search(
                [("module", "=", "kim_abh"), ("model", "=", "kim.abh.topic")]
            )
        }
        Rule = env["kim.deadline.rule"]
        for topic_id, days in old_days.items():
            xmlid = xmlids.get(topic_id)
            if xmlid and SHIPPED_DAYS.get(xmlid) == days:
                continue  # unchanged: the shipped working days apply
            rule = Rule.search(
                [("key", "=", "abh_response"), ("topic_id", "=", topic_id)]
            )
            values = {
                "value": days,
                "unit": "calendar_days",
                "note": "Übernommen aus dem Thema (Kalendertage)",
            }
            if rule:
                rule.write(values)
            else:
                Rule.create(
                    values
                    | {
                        "key": "abh_response",
                        "topic_id": topic_id,
                        "valid_from": "2024-01-01",
                    }
                )
    env["kim.deadline.rule"]._kim_recompute_due_dates()
    env.flush_all()
