# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Audit log entries the ORM hooks of ``auditlog`` cannot see (printing a
report, downloading a file) and the erasure of a client's traces in the log
(Art. 17 GDPR: the log keeps who did what and when, not the old values)."""

from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL

# models whose records are case files: the case, the client and every KIM model
ACCESS_LOG_MODELS = ("kim.case", "res.partner")


class AuditlogLog(models.Model):
    _inherit = "auditlog.log"

    # ------------------------------------------------------- access entries
    @api.model
    def _kim_is_case_file(self, model, res_ids):
        """The ids of ``res_ids`` that are case files: cases, clients and the
        records of every KIM model."""
        if not res_ids or not model or model not in self.env:
            return []
        if model == "res.partner":
            # sudo: reads the client flag only, to decide whether to log
            partners = self.env["res.partner"].sudo().browse(res_ids).exists()
            return partners.filtered("kim_is_client").ids
        if model in ACCESS_LOG_MODELS or model.startswith("kim."):
            return list(res_ids)
        return []

    @api.model
    def _kim_log_access(self, model, res_ids, method, detail_field, detail):
        """Record that the current user read ``res_ids`` of ``model`` outside
        the ORM (``method`` "print" or "download"), with ``detail`` (report or
        file name) as the new value of ``detail_field`` (an ir.model.fields
        record). Works on read-only request cursors too."""
        if not res_ids:
            return self.browse()
        cr = self.env.cr
        if cr.readonly:
            # /web/content and /report run on a read-only cursor: write the
            # entry in a read/write one (as res.device does for its log)
            cr.rollback()
            with self.env.registry.cursor() as rw_cr:
                self.with_env(self.env(cr=rw_cr))._kim_log_access(
                    model, res_ids, method, detail_field, detail
                )
            return self.browse()
        # sudo: users write no audit entries themselves (ACL), the entry is ours
        Log = self.sudo()
        model_id = self.env["ir.model"]._get_id(model)
        base = {
            "model_id": model_id,
            "method": method,
            "user_id": self.env.uid,
            "log_type": "fast",
            "http_request_id": Log.env["auditlog.http.request"].current_http_request(),
            "http_session_id": Log.env["auditlog.http.session"].current_http_session(),
        }
        # sudo: display names of the printed/downloaded records, already read
        records = self.env[model].sudo().browse(res_ids)
        return Log.create(
            [
                base
                | {
                    "name": record.display_name,
                    "res_id": record.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "field_id": detail_field.id,
                                "new_value": detail,
                                "new_value_text": detail,
                            },
                        )
                    ],
                }
                for record in records
            ]
        )

    @api.model
    def _kim_log_report(self, report, docids):
        """A QWeb report (HTML or PDF) was rendered for ``docids``."""
        if isinstance(docids, int):
            docids = [docids]
        ids = self._kim_is_case_file(report.model, docids or [])
        if ids:
            field = self.env["ir.model.fields"]._get("ir.actions.report", "name")
            self._kim_log_access(report.model, ids, "print", field, report.name)

    @api.model
    def _kim_log_download(self, attachment):
        """A file attached to a case file was downloaded."""
        # sudo: the caller already streams this attachment to the user
        attachment = attachment.sudo()
        model = attachment.res_model
        ids = self._kim_is_case_file(model, [attachment.res_id])
        if not model:
            # a signed consent form hangs on its consent by document_ids only
            model = "kim.consent"
            ids = (
                self.env[model]
                .sudo()  # sudo: finds the consent to name in the log, nothing else
                .with_context(active_test=False)
                .search([("document_ids", "in", attachment.ids)])
                .ids
            )
        if ids:
            field = self.env["ir.model.fields"]._get("ir.attachment", "name")
            self._kim_log_access(
                model,
                ids,
                "download",
                field,
                f"{attachment.name} (#{attachment.id})",
            )

    # -------------------------------------------------------------- erasure
    @api.model
    def _kim_erase_values(self, linked, names):
        """Art. 17 GDPR: empty the old/new values and resource names of every
        log entry about the erased records (``{model: records}``) and every
        value anywhere in the log holding one of ``names`` (the erased
        persons' names). The entries themselves (who, when, which field)
        stay. In SQL: the log is read-only for every user by design."""
        self.env.flush_all()
        domains = [
            [("model_model", "=", model), ("res_id", "in", records.ids)]
            for model, records in linked.items()
            if records
        ]
        names = sorted({name for name in names if name and len(name.strip()) >= 4})
        if domains:
            # sudo: erasure job; the log is hidden from the users by ACL
            logs = self.sudo().search(expression.OR(domains))
            if logs:
                self.env.cr.execute(
                    SQL(
                        "UPDATE auditlog_log SET name = NULL WHERE id IN %s",
                        tuple(logs.ids),
                    )
                )
                self.env.cr.execute(
                    SQL(
                        """UPDATE auditlog_log_line
                              SET old_value = NULL, new_value = NULL,
                                  old_value_text = NULL, new_value_text = NULL
                            WHERE log_id IN %s""",
                        tuple(logs.ids),
                    )
                )
        if names:
            patterns = [
                "%{}%".format(
                    name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                )
                for name in names
            ]
            columns = ("old_value", "new_value", "old_value_text", "new_value_text")
            for column in columns:
                self.env.cr.execute(
                    SQL(
                        "UPDATE auditlog_log_line SET %s = NULL WHERE %s ILIKE ANY(%s)",
                        SQL.identifier(column),
                        SQL.identifier(column),
                        patterns,
                    )
                )
            for table in ("auditlog_log", "auditlog_http_request"):
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET name = NULL WHERE name ILIKE ANY(%s)",
                        SQL.identifier(table),
                        patterns,
                    )
                )
        self.env.invalidate_all()
