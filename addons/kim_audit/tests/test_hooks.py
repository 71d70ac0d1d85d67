# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.kim_audit.hooks import MOVED_FROM_KIM_CASE, pre_init_hook


@tagged("post_install", "-at_install")
class TestUpgradeHook(TransactionCase):
    """Issue #16: an installation of 18.0.1.0.0 keeps its records when
    kim_audit takes them over from kim_case."""

    def _rows(self):
        self.cr.execute(
            SQL(
                """SELECT module, name, model, res_id FROM ir_model_data
                    WHERE module IN ('kim_audit', 'kim_case') AND name IN %s
                    ORDER BY name""",
                MOVED_FROM_KIM_CASE,
            )
        )
        return self.cr.fetchall()

    def test_records_pass_from_kim_case(self):
        """Issue #16: the append-only rules and the model ids that kim_case
        held until 18.0.1.0.0 pass to kim_audit with their records (same
        ids) before its data loads; on a database without them nothing
        changes."""
        now = self._rows()
        self.assertEqual(
            {row[:2] for row in now},
            {("kim_audit", name) for name in MOVED_FROM_KIM_CASE},
        )
        rule = self.env.ref("kim_audit.auditlog_log_rule_append_only")
        self.assertIn(
            ("kim_audit", "auditlog_log_rule_append_only", "ir.rule", rule.id), now
        )
        # as 18.0.1.0.0 left them
        self.cr.execute(
            SQL(
                """UPDATE ir_model_data SET module = 'kim_case'
                    WHERE module = 'kim_audit' AND name IN %s""",
                MOVED_FROM_KIM_CASE,
            )
        )
        pre_init_hook(self.env)
        self.assertEqual(self._rows(), now)
        # a fresh database (nothing of kim_case): no change
        pre_init_hook(self.env)
        self.assertEqual(self._rows(), now)
