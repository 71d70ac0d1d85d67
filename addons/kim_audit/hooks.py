# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

# what kim_case 18.0.1.0.0 held and kim_audit holds since 18.0.2.0.0: the
# append-only rules of the log and the models kim_case no longer extends
MOVED_FROM_KIM_CASE = (
    "auditlog_log_rule_append_only",
    "auditlog_log_line_rule_append_only",
    "model_auditlog_rule",
    "model_ir_actions_report",
    "model_ir_binary",
)


def pre_init_hook(env):
    """Upgrade from 18.0.1.0.0: ``-u kim_case`` installs kim_audit (a new
    dependency) before it upgrades kim_case. The external ids of the records
    kim_audit takes over pass to it before its data loads, so its data updates
    those records instead of creating new ones, and the end of kim_case's
    upgrade finds nothing of kim_case to delete. (Migration scripts do not run
    on an installation, hence a hook.) A fresh database has no such rows of
    kim_case: nothing changes."""
    env.cr.execute(
        SQL(
            """UPDATE ir_model_data SET module = 'kim_audit'
                WHERE module = 'kim_case' AND name IN %s""",
            MOVED_FROM_KIM_CASE,
        )
    )
