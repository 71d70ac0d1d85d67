# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0 (issue #16 item 2): the demo records of kim_funding move to the
kim_demo addon (see kim_case/migration_helpers.py)."""

from odoo.addons.kim_case.migration_helpers import move_demo_xmlids


def migrate(cr, version):
    if version:
        move_demo_xmlids(cr, "kim_funding")
