# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KimAuditCommon


@tagged("post_install", "-at_install")
class TestAuditlogSecurity(KimAuditCommon):
    """X-1 / § 78 SGB X: the audit log is append-only."""

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_log_append_only_for_everyone(self):
        """X-1: no user, administrators included, creates, alters or deletes
        log entries or lines; only the superuser's ORM hooks write them.
        Readers of the log (auditlog's group) read it, other users do not."""
        self.partner.with_user(self.user).write({"function": "Beratung"})
        log = self._logs(self.partner, "write", self.user)
        line = log.line_ids[:1]
        self.assertTrue(line)
        for user in (self.user, self.reader, self.admin):
            for record, vals in ((log, {"name": "x"}), (line, {"new_value": "x"})):
                with self.assertRaises(AccessError, msg=f"{user.login} write"):
                    record.with_user(user).write(vals)
                with self.assertRaises(AccessError, msg=f"{user.login} unlink"):
                    record.with_user(user).unlink()
            with self.assertRaises(AccessError, msg=f"{user.login} create"):
                self.Log.with_user(user).create(
                    {"model_id": log.model_id.id, "res_id": 1, "method": "write"}
                )
            with self.assertRaises(AccessError, msg=f"{user.login} create line"):
                self.Line.with_user(user).create(
                    {"log_id": log.id, "field_id": line.field_id.id}
                )
        self.assertEqual(line.new_value, "Beratung")
        self.assertTrue(log.exists() and line.exists())
        for user in (self.reader, self.admin):
            self.assertTrue(log.with_user(user).read(["user_id", "line_ids"]))
            self.assertTrue(line.with_user(user).read(["old_value", "new_value"]))
        with self.assertRaises(AccessError):
            log.with_user(self.user).read(["name"])
        with self.assertRaises(AccessError):
            line.with_user(self.user).read(["new_value"])
