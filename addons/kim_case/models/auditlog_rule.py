# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Audit trail (OCA ``auditlog``) tuned for the KIM models: one batch of log
entries per ORM call instead of one ``create`` per record (no N+1 in cron
jobs over many cases), no chatter plumbing or secrets in the log, and a
"fast" write log that keeps the real old values of the written fields."""

from odoo import api, models

from odoo.addons.auditlog.models.rule import EMPTY_DICT, DictDiffer, ThrowAwayCache

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

    # per transaction: one lookup of a model's rule, not one per logged call
    _KIM_RULE_CACHE = "kim_auditlog_rules"

    def _kim_rule_of(self, model_id):
        cache = self.env.cr.cache.setdefault(self._KIM_RULE_CACHE, {})
        if model_id not in cache:
            rule = self.env["auditlog.rule"].search([("model_id", "=", model_id)])
            excluded = tuple(rule.fields_to_exclude_ids.mapped("name"))
            cache[model_id] = (rule.ids, excluded)
        rule_ids, excluded = cache[model_id]
        return self.env["auditlog.rule"].browse(rule_ids), list(excluded)

    def _kim_forget_rules(self):
        self.env.cr.cache.pop(self._KIM_RULE_CACHE, None)

    @api.model_create_multi
    def create(self, vals_list):
        self._kim_forget_rules()
        return super().create(vals_list)

    def write(self, vals):
        self._kim_forget_rules()
        return super().write(vals)

    def unlink(self):
        self._kim_forget_rules()
        return super().unlink()

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
        """Same entries as upstream, created in one batch."""
        if method == "export_data":
            return super().create_logs(
                uid,
                res_model,
                res_ids,
                method,
                old_values,
                new_values,
                additional_log_values,
            )
        old_values = old_values or EMPTY_DICT
        new_values = new_values or EMPTY_DICT
        model_id = self.pool._auditlog_model_cache[res_model]
        rule, fields_to_exclude = self._kim_rule_of(model_id)
        vals = {
            "model_id": model_id,
            "method": method,
            "user_id": uid,
            "http_request_id": self.env["auditlog.http.request"].current_http_request(),
            "http_session_id": self.env["auditlog.http.session"].current_http_session(),
        }
        vals.update(additional_log_values or {})
        vals_list = []
        # one browse for all ids: display names are read in one prefetch
        for res in self.env[res_model].browse(res_ids):
            res_id = res.id
            log_vals = {**vals, "name": res.display_name, "res_id": res_id}
            diff = DictDiffer(
                new_values.get(res_id, EMPTY_DICT), old_values.get(res_id, EMPTY_DICT)
            )
            if method == "create":
                log_vals["line_ids"] = self._create_log_line_on_create(
                    log_vals, diff.added(), new_values, fields_to_exclude
                )
            elif method == "read":
                log_vals["line_ids"] = self._create_log_line_on_read(
                    log_vals,
                    list(old_values.get(res_id, EMPTY_DICT).keys()),
                    old_values,
                    fields_to_exclude,
                )
            elif method == "write":
                log_vals["line_ids"] = self._create_log_line_on_write(
                    log_vals, diff.changed(), old_values, new_values, fields_to_exclude
                )
            elif method == "unlink" and rule.capture_record:
                log_vals["line_ids"] = self._create_log_line_on_read(
                    log_vals,
                    list(old_values.get(res_id, EMPTY_DICT).keys()),
                    old_values,
                    fields_to_exclude,
                )
            if method == "unlink" or log_vals.get("line_ids"):
                vals_list.append(log_vals)
        return self.env["auditlog.log"]._kim_insert(vals_list)
