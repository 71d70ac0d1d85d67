# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Audit log entries the ORM hooks of ``auditlog`` cannot see (printing a
report, downloading a file) and the erasure of a client's traces in the log
(Art. 17 GDPR: the log keeps who did what and when, not the old values),
and the insertion of many entries at once."""

from odoo import Command, api, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, split_every

# rows per INSERT statement (as the ORM's own batch size)
INSERT_BATCH = 1000

# models whose records are case files: the case, the client and every KIM model
ACCESS_LOG_MODELS = ("kim.case", "res.partner")


class AuditlogLog(models.Model):
    _inherit = "auditlog.log"

    # -------------------------------------------------------- bulk insert
    @api.model
    def _kim_insert(self, vals_list):
        """Create log entries and their lines (``line_ids`` as create
        commands) with one INSERT per 1000 rows instead of the ORM's ``create``
        per record (issue #8, R6: a nightly job closing thousands of cases
        spent 40 % of its time there). The rows are the ones ``create`` would
        write: the same column conversion, the model and field names upstream's
        ``create`` adds, creation user and date. Log entries are append-only and
        have no other logic on creation; a test compares both ways."""
        Line = self.env["auditlog.log.line"]
        if not vals_list:
            return self
        model_ids = {vals.get("model_id") for vals in vals_list} - {None, False}
        # sudo: model names for the log entries, as upstream's create
        models_by_id = {m.id: m for m in self.env["ir.model"].sudo().browse(model_ids)}
        log_rows, lines = [], []
        for vals in vals_list:
            model = models_by_id.get(vals.get("model_id"))
            if not model:
                raise UserError(self.env._("No model defined to create log."))
            log_vals = {key: value for key, value in vals.items() if key != "line_ids"}
            log_vals.update(model_name=model.name, model_model=model.model)
            log_rows.append(log_vals)
            commands = vals.get("line_ids") or ()
            if any(command[0] != Command.CREATE for command in commands):
                raise ValueError("log lines are created with their entry only")
            lines.append([command[2] for command in commands])
        field_ids = {vals.get("field_id") for group in lines for vals in group}
        Field = self.env["ir.model.fields"]
        # sudo: field labels for the log lines, as upstream's create
        fields_by_id = {f.id: f for f in Field.sudo().browse(field_ids - {None, False})}
        if any(not fields_by_id.get(vals.get("field_id")) for g in lines for vals in g):
            raise UserError(self.env._("No field defined to create line."))
        logs = self.browse(self._kim_insert_rows(self, log_rows))
        line_rows = [
            dict(
                vals,
                log_id=log_id,
                field_name=fields_by_id[vals["field_id"]].name,
                field_description=fields_by_id[vals["field_id"]].field_description,
            )
            for log_id, group in zip(logs.ids, lines, strict=True)
            for vals in group
        ]
        if line_rows:
            self._kim_insert_rows(Line, line_rows)
        return logs

    @api.model
    def _kim_insert_rows(self, model, rows):
        """INSERT ``rows`` (dicts of stored column values; the log models have
        no defaults) into ``model``'s table with the ORM's column conversion and
        access fields; returns the new ids in the order of ``rows``."""
        now = self.env.cr.now()
        access = {
            "create_uid": self.env.uid,
            "create_date": now,
            "write_uid": self.env.uid,
            "write_date": now,
        }
        names = sorted({name for row in rows for name in row} | set(access))
        fields_ = [model._fields[name] for name in names]
        for field in fields_:
            if not field.store or not field.column_type or field.translate:
                raise ValueError(f"{model._name}.{field.name} is no plain column")
        ids = []
        for chunk in split_every(INSERT_BATCH, rows):
            values = [
                tuple(
                    field.convert_to_column_insert(row.get(field.name), model, row)
                    for field in fields_
                )
                for row in ({**access, **row} for row in chunk)
            ]
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s RETURNING id",
                    SQL.identifier(model._table),
                    SQL(", ").join(SQL.identifier(name) for name in names),
                    SQL(", ").join(values),
                )
            )
            ids.extend(row[0] for row in self.env.cr.fetchall())
        return ids

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
