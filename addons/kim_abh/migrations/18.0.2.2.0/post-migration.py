# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.2.0 (issue #18): the note of the general answer time (``noupdate``
data, not translatable) in German, unless the Kreis has changed it."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE kim_deadline_rule t SET note = %s
          FROM ir_model_data d
         WHERE d.module = 'kim_abh' AND d.name = 'deadline_abh_response'
           AND d.res_id = t.id AND t.note = %s
        """,
        ("Themen ohne eigene Antwortfrist", "Topics without their own answer time"),
    )
