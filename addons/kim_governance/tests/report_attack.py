# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-2 (issue #19): the attacker of ``kim_case`` set up for the yearly
report: what anybody knows of its structure, written down here and not taken
from the report's own relations."""

from odoo.addons.kim_case.tests.suppression_attack import SuppressionAttacker

# Which tables break down the same cases (the attacker's own knowledge)
ACTIVE = (
    ("Cases per district", 2),
    ("Persons in active cases per district (family members counted once)", 1),
    ("Active cases per municipality", 1),
    ("Active cases by constellation", 1),
    ("Clients by gender", 1),
    ("Clients by age band (age on 31 December)", 1),
    ("Clients by residence status", 1),
    ("Clients by nationality (top 5)", 1),
)
CLOSED = (("Cases per district", 3), ("Closed cases by reason", 1))
CROSS = "Closed cases by reason and constellation"


def attack_yearly_report(tables):
    """The attacker on the rendered tables of one yearly report (English
    titles); returns it after the attack (``derived``, ``attempts``)."""
    attacker = SuppressionAttacker()
    by_title = {table["title"]: table for table in tables}
    for table in tables:
        title = table["title"]
        for index in range(1, len(table["header"])):
            cells = [
                (title, row[0], index)
                for row in table["rows"]
                if attacker.shown((title, row[0], index), row[index])
            ]
            if table["total"]:
                total = (title, "total", index)
                if not attacker.shown(total, table["total"][index]):
                    attacker.unknown(total)
                attacker.add_sum(total, cells, (title, index))
    cross = by_title.get(CROSS)
    if cross:
        last = len(cross["header"]) - 1
        for row in cross["rows"] + [cross["total"]]:
            label = row[0] if row is not cross["total"] else "total"
            parts = [(CROSS, label, index) for index in range(1, last)]
            attacker.add_sum((CROSS, label, last), parts, (CROSS, label))
            # a reason's row total is its cell in the simple table
            attacker.add_sum(
                ("Closed cases by reason", label, 1),
                [(CROSS, label, last)],
                (CROSS, label, "reason"),
            )
    closed = CLOSED
    if cross:
        closed += ((CROSS, len(cross["header"]) - 1),)
    for name, members in (("active", ACTIVE), ("closed", closed)):
        shared = attacker.unknown((name,))
        for title, index in members:
            attacker.add_sum(shared, [(title, "total", index)], (name, title))
    # the contacts with an interpreter are the mediated contacts
    attacker.add_sum(
        ("Contacts and interpreter use", "with interpreter", 1),
        [("Mediated contacts per language", "total", 1)],
        "mediated",
    )
    attacker.derived = attacker.attack()
    return attacker
