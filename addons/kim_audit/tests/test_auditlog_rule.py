# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.auditlog.models.rule import AuditlogRule as UpstreamRule

from .common import KimAuditCommon


@tagged("post_install", "-at_install")
class TestAuditlogRule(KimAuditCommon):
    """C-12 / § 78 SGB X: what a "fast" audit rule logs, and at what cost."""

    def test_fast_write_keeps_old_values(self):
        """C-12: a change is logged with the user and the real old and new
        value of each written field (upstream's "fast" logs no old value)."""
        partner = self.partner.with_user(self.user)
        partner.write({"function": "Beratung"})
        logs = self._logs(self.partner, "write", self.user)
        self.assertEqual(len(logs), 1)
        line = self._line(logs, "function")
        self.assertFalse(line.old_value)
        self.assertEqual(line.new_value, "Beratung")
        partner.write({"function": "Leitung", "email": "audit@example.com"})
        logs = self._logs(self.partner, "write", self.user)
        line = self._line(logs[0], "function")
        self.assertEqual((line.old_value, line.new_value), ("Beratung", "Leitung"))
        # an unchanged value is no change
        self.assertFalse(logs[0].line_ids.filtered(lambda x: x.field_name == "email"))

    def test_create_and_unlink_logged(self):
        """C-12: a creation is logged with the values given, a deletion with
        every value deleted (also in "fast" mode)."""
        partner = (
            self.env["res.partner"]
            .with_user(self.user)
            .create({"name": "Neu Angelegt", "function": "Dolmetscher"})
        )
        created = self._logs(partner, "create", self.user)
        self.assertEqual(len(created), 1)
        self.assertEqual(self._line(created, "function").new_value, "Dolmetscher")
        partner_id = partner.id
        partner.with_user(self.user).unlink()
        deleted = self.Log.search(
            [
                ("model_model", "=", "res.partner"),
                ("res_id", "=", partner_id),
                ("method", "=", "unlink"),
            ]
        )
        self.assertEqual(deleted.user_id, self.user)
        self.assertEqual(deleted.name, "Neu Angelegt")
        self.assertEqual(self._line(deleted, "name").old_value, "Neu Angelegt")
        self.assertEqual(self._line(deleted, "function").old_value, "Dolmetscher")

    def test_chatter_and_secrets_not_logged(self):
        """C-12: chatter plumbing (logged by the chatter itself) and access
        tokens (secrets) never get a log line."""
        Rule = self.env["auditlog.rule"]
        Partner = self.env["res.partner"]
        upstream = UpstreamRule.get_auditlog_fields(Rule, Partner)
        ours = Rule.get_auditlog_fields(Partner)
        self.assertIn("message_ids", upstream, "the filter must have work to do")
        self.assertIn("name", ours)
        self.assertEqual(
            set(upstream) - set(ours),
            {
                name
                for name in upstream
                if name.startswith(("message_", "activity_"))
                or name
                in ("website_message_ids", "rating_ids", "access_token", "access_url")
            },
        )

    def test_many_records_one_batch(self):
        """C-12 / issue #8: logging a write on many records costs the same
        number of queries for 5 and for 25 records (one batch of entries)."""
        Partner = self.env["res.partner"].with_user(self.user)
        counts = {}
        # the first round warms the caches up (record rules, log line fields)
        for size in (1, 5, 25):
            partners = Partner.create(
                [{"name": f"Stapel {size} {index}"} for index in range(size)]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            last_log = self.Log.search([], order="id desc", limit=1).id
            start = self.cr.sql_log_count
            partners.write({"function": f"Funktion {size}"})
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - start
            logs = self.Log.search(
                [
                    ("model_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("method", "=", "write"),
                    ("id", ">", last_log),
                ]
            )
            self.assertEqual(len(logs), size)
            self.assertEqual(set(logs.mapped("name")), set(partners.mapped("name")))
        self.assertEqual(counts[5], counts[25], counts)

    def test_batch_writes_what_upstream_writes(self):
        """Issue #8 R6: the entries of one call, collected and inserted in one
        batch, are the entries upstream's ``create_logs`` creates one by one
        (same entry and line values, display names included)."""
        partners = self.env["res.partner"].create(
            [{"name": f"Vergleich {index}", "function": "alt"} for index in range(3)]
        )
        Rule = self.env["auditlog.rule"].sudo()
        old = {
            p.id: {"name": p.name, "function": "alt", "phone": False} for p in partners
        }
        new = {
            p.id: {"name": p.name, "function": "neu", "phone": "0251 1"}
            for p in partners
        }
        args = (
            self.user.id,
            "res.partner",
            partners.ids,
            "write",
            old,
            new,
            {"log_type": "fast"},
        )
        ours = Rule.create_logs(*args)
        self.assertEqual(len(ours), 3)
        UpstreamRule.create_logs(Rule, *args)
        theirs = self.Log.search([("id", ">", max(ours.ids))], order="id")
        self.assertEqual(len(theirs), 3)
        log_fields = [
            name
            for name, field in self.Log._fields.items()
            if field.store and name not in ("id", "line_ids")
        ]
        line_fields = [
            name
            for name, field in self.Line._fields.items()
            if field.store and name not in ("id", "log_id")
        ]
        for our, their in zip(
            ours.sorted("res_id"), theirs.sorted("res_id"), strict=True
        ):
            self.assertEqual(
                our.read(log_fields)[0] | {"id": 0},
                their.read(log_fields)[0] | {"id": 0},
            )
            self.assertEqual(len(our.line_ids), 2)  # function and phone changed
            for our_line, their_line in zip(
                our.line_ids.sorted("field_id"),
                their.line_ids.sorted("field_id"),
                strict=True,
            ):
                self.assertEqual(
                    our_line.read(line_fields)[0] | {"id": 0},
                    their_line.read(line_fields)[0] | {"id": 0},
                )
