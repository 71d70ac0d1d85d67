# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.2.0 (issue #18): German names of shipped records that are not
translatable and not updated (``noupdate``): the case sequence and the notes of
the dated deadlines. A value the Kreis has changed stays as it is."""

from odoo.tools import SQL

RENAMES = [
    ("ir_sequence", "name", "seq_kim_case", "KIM Case", "KIM-Fall"),
    (
        "kim_deadline_rule",
        "note",
        "deadline_consent_renewal_alert",
        "C-10: To-Do for renewing a release from confidentiality, about four "
        "weeks before it ends",
        "C-10: To-Do zur Erneuerung einer Schweigepflichtentbindung, etwa vier "
        "Wochen vor ihrem Ablauf",
    ),
    (
        "kim_deadline_rule",
        "note",
        "deadline_case_close_warning",
        "C-8: To-Do for the case manager before a case closes for lack of contact",
        "C-8: To-Do für die Fallmanagerin, bevor ein Fall mangels Kontakt "
        "abgeschlossen wird",
    ),
]


def rename(cr, module, renames):
    for table, column, xmlid, old, new in renames:
        cr.execute(
            SQL(
                """
                UPDATE %(table)s t SET %(column)s = %(new)s
                  FROM ir_model_data d
                 WHERE d.module = %(module)s AND d.name = %(xmlid)s
                   AND d.res_id = t.id AND t.%(column)s = %(old)s
                """,
                table=SQL.identifier(table),
                column=SQL.identifier(column),
                new=new,
                module=module,
                xmlid=xmlid,
                old=old,
            )
        )


def migrate(cr, version):
    if version:
        rename(cr, "kim_case", RENAMES)
