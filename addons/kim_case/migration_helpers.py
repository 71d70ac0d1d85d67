# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the addons' migration scripts (``migrations/<version>/``)."""

import logging

_logger = logging.getLogger(__name__)

# 18.0.2.0.0: demo records whose name the kim_demo addon had to change (the
# same name existed in two addons)
DEMO_RENAMES = {
    ("kim_funding", "partner_demo_diakonie"): "partner_demo_diakonisches_werk",
    ("kim_funding", "user_demo_portal_caritas"): "user_demo_funding_portal_caritas",
}


def move_demo_xmlids(cr, module):
    """18.0.2.0.0 (issue #16 item 2): the demo records of ``module`` belong to
    the kim_demo addon now. Their external ids are handed over before the
    module loads, so the upgrade neither deletes them as "no longer in the
    module's data" nor does kim_demo create them twice. Technical records
    (views, rules, fields) never carry "demo" in their name and stay."""
    for (owner, old), new in DEMO_RENAMES.items():
        if owner == module:
            cr.execute(
                "UPDATE ir_model_data SET module = 'kim_demo', name = %s"
                " WHERE module = %s AND name = %s",
                [new, module, old],
            )
    cr.execute(
        """
        UPDATE ir_model_data d SET module = 'kim_demo'
         WHERE d.module = %s AND d.name LIKE '%%demo%%' AND d.model NOT LIKE 'ir.%%'
           AND NOT EXISTS (SELECT 1 FROM ir_model_data o
                            WHERE o.module = 'kim_demo' AND o.name = d.name)
        """,
        [module],
    )
    if cr.rowcount:
        _logger.info("%s: %s demo records handed to kim_demo", module, cr.rowcount)
    return cr.rowcount
