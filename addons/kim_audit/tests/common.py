# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixture of the audit-log tests: a "fast" rule on contacts (a model of every
installation, with chatter), a user editing contacts and an auditlog reader.

No test methods here. The rule patches the ORM methods of ``res.partner`` in
the registry: ``tearDownClass`` removes the patch (the rule itself goes with
the test transaction).
"""

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class KimAuditCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Log = cls.env["auditlog.log"]
        cls.Line = cls.env["auditlog.log.line"]
        cls.user = new_test_user(
            cls.env,
            login="kim_audit_user",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.reader = new_test_user(
            cls.env,
            login="kim_audit_reader",
            groups="base.group_user,auditlog.group_auditlog_user",
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.rule = cls.env["auditlog.rule"].create(
            {
                "name": "KIM audit test: contacts",
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
                "log_type": "fast",
                "log_create": True,
                "log_write": True,
                "log_unlink": True,
                "log_read": False,
                "log_export_data": True,
                "capture_record": True,
            }
        )
        cls.rule.subscribe()
        cls.partner = cls.env["res.partner"].create(
            {"name": "Audit Kontakt", "email": "audit@example.com"}
        )

    @classmethod
    def tearDownClass(cls):
        cls.rule.unsubscribe()
        super().tearDownClass()

    def _logs(self, records, method, user=None):
        domain = [
            ("model_model", "=", records._name),
            ("res_id", "in", records.ids),
            ("method", "=", method),
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.Log.search(domain, order="id desc")

    def _line(self, logs, field_name):
        lines = logs.line_ids.filtered(lambda line: line.field_name == field_name)
        self.assertEqual(len(lines), 1, f"one log line for {field_name}")
        return lines
