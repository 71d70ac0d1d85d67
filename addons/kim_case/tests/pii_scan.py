# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Search the whole database and the filestore for personal data (issue #7,
scenario 4). Shared by the erasure tests of the KIM addons; no tests here."""

import os

from odoo.tools import SQL

# every column type that can hold text: names, dates written as text, JSON
# (translated fields, tracking values), binary data stored in the database
TEXT_TYPES = ("character varying", "text", "character", "jsonb", "json", "bytea")


def text_columns(cr):
    """(table, column, data_type) of every text-like column of every table."""
    cr.execute(
        SQL(
            """SELECT c.table_name, c.column_name, c.data_type
                 FROM information_schema.columns c
                 JOIN information_schema.tables t
                   ON t.table_schema = c.table_schema
                  AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema()
                  AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN %s
                ORDER BY 1, 2""",
            TEXT_TYPES,
        )
    )
    return cr.fetchall()


def find_in_database(env, needles):
    """``table.column`` of every text column holding one of ``needles``
    (case-insensitive; byte search in bytea columns)."""
    env.flush_all()
    env.cr.precommit.run()  # pending tracking values and bus messages
    found = []
    for table, column, data_type in text_columns(env.cr):
        if data_type == "bytea":
            condition = SQL(
                "position(convert_to(needle, 'UTF8') IN %s) > 0",
                SQL.identifier(column),
            )
        else:
            condition = SQL(
                "strpos(lower(%s::text), lower(needle)) > 0", SQL.identifier(column)
            )
        env.cr.execute(
            SQL(
                "SELECT count(*) FROM %s, unnest(%s::text[]) AS needle WHERE %s",
                SQL.identifier(table),
                list(needles),
                condition,
            )
        )
        if env.cr.fetchone()[0]:
            found.append(f"{table}.{column}")
    return found


def file_holds(path, needles):
    try:
        with open(path, "rb") as handle:
            content = handle.read().lower()
    except OSError:
        return False
    return any(needle.lower().encode() in content for needle in needles)


def find_in_filestore(env, needles, extra_fnames=()):
    """Store names of the files holding one of ``needles``: every file used by
    an attachment and the given ``extra_fnames`` (files known to have held
    personal data, which must be gone or clean)."""
    env.flush_all()
    env.cr.execute(
        SQL(
            "SELECT DISTINCT store_fname FROM ir_attachment"
            " WHERE store_fname IS NOT NULL"
        )
    )
    fnames = {row[0] for row in env.cr.fetchall()} | set(extra_fnames)
    full_path = env["ir.attachment"]._full_path
    return sorted(
        fname
        for fname in fnames
        if os.path.exists(full_path(fname)) and file_holds(full_path(fname), needles)
    )
