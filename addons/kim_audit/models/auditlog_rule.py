# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Audit trail (OCA ``auditlog``) as KIM uses it: a "fast" rule keeps the real
old values of the written fields and every value of a deletion, the entries of
one ORM call are written in one batch (no N+1 in cron jobs over many records),
chatter plumbing and secrets are never logged. Everything else is upstream's:
these are overrides of its extension points."""

from odoo import api, models

from odoo.addons.auditlog.models.rule import ThrowAwayCache

from .auditlog_log import PendingLogs

# technical fields that are never worth (or never allowed) a log line:
# chatter plumbing is logged by the chatter itself, access tokens are secrets
SKIP_FIELD_PREFIXES = ("message_", "activity_")
SKIP_FIELDS = {"website_message_ids", "rating_ids", "access_token", "access_url"}


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    @api.model
    def get_auditlog_fields(self, model):
        return [
            name
            for name in super().get_auditlog_fields(model)
            if name not in SKIP_FIELDS and not name.startswith(SKIP_FIELD_PREFIXES)
        ]

    def _make_write(self):
        """``fast`` logs old AND new values of the fields written.

        Upstream's ``fast`` mode logs the new values only (old = empty);
        ``full`` reads every stored field before and after each write, which
        makes a case write ~100x dearer (issue #8, R9). KIM's rules use
        ``fast`` with this override: one read of the written fields before
        the write, one after (values as stored, e.g. computed inverses),
        in one batch for the whole recordset; the new values come from the
        cache the write just filled (no second query)."""
        self.ensure_one()
        if self.log_type != "fast":
            return super()._make_write()
        log_type = self.log_type
        users_to_exclude = self.mapped("users_to_exclude_ids")

        def write_fast(self, vals, **kwargs):
            self = self.with_context(auditlog_disabled=True)
            rule_model = self.env["auditlog.rule"]
            loggable = set(rule_model.get_auditlog_fields(self))
            fields_list = [name for name in vals if name in loggable]
            records = self.filtered(lambda r: not isinstance(r.id, models.NewId))
            if not (records and fields_list) or self.env.user in users_to_exclude:
                return write_fast.origin(self, vals, **kwargs)
            # sudo: values for the audit trail only, never returned to the user
            records = records.sudo().with_context(prefetch_fields=False)
            # pending values of an earlier write must be the old values
            records.flush_recordset(fields_list)
            with ThrowAwayCache(self.env):
                old_values = {d["id"]: d for d in records.read(fields_list)}
            result = write_fast.origin(self, vals, **kwargs)
            # the written values are in the transaction's cache: no query
            new_values = {d["id"]: d for d in records.read(fields_list)}
            rule_model.sudo().create_logs(  # sudo: the log is append-only for users
                self.env.uid,
                self._name,
                records.ids,
                "write",
                old_values,
                new_values,
                {"log_type": log_type},
            )
            return result

        return write_fast

    def _make_unlink(self):
        """A deletion keeps every value deleted, also in ``fast`` mode (one
        read of the stored fields per batch, as upstream's ``full``)."""
        self.ensure_one()
        if self.log_type != "fast":
            return super()._make_unlink()
        as_full = self.new(
            {"log_type": "full", "users_to_exclude_ids": self.users_to_exclude_ids.ids},
            origin=self,
        )
        return super(AuditlogRule, as_full)._make_unlink()

    def create_logs(
        self,
        uid,
        res_model,
        res_ids,
        method,
        old_values=None,
        new_values=None,
        additional_log_values=None,
    ):
        """Upstream's entries, written in one batch: upstream creates them one
        by one (two INSERTs per record) and reads each record's display name
        alone. Here the display names are read for all records at once,
        upstream builds the entries and ``auditlog.log`` collects them instead
        of creating them (see its ``create``); they are inserted together."""
        if method == "export_data":  # one entry for the whole export
            return super().create_logs(
                uid,
                res_model,
                res_ids,
                method,
                old_values,
                new_values,
                additional_log_values,
            )
        # one read of all display names: upstream reads them from the cache
        self.env[res_model].browse(res_ids).mapped("display_name")
        pending = PendingLogs()
        super(AuditlogRule, self.with_context(kim_audit_pending=pending)).create_logs(
            uid,
            res_model,
            res_ids,
            method,
            old_values,
            new_values,
            additional_log_values,
        )
        return self.env["auditlog.log"]._kim_insert(pending)
