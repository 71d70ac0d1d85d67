# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Audit log entries written in batches, entries the ORM hooks of ``auditlog``
cannot see (printing a report, downloading a file: which records count is a
hook the KIM addons implement) and the erasure of a person's traces in the log
(Art. 17 GDPR: the log keeps who did what and when, not the old values)."""

from odoo import Command, api, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, split_every

# rows per INSERT statement (as the ORM's own batch size)
INSERT_BATCH = 1000

# the stored columns of the log tables as auditlog 18.0.2.0.5 defines them, no
# defaults: what _kim_insert_rows writes instead of the ORM. A test compares
# them with the ORM fields and the database; when auditlog changes its
# tables, check _kim_insert against upstream's ``create`` and update these.
INSERT_COLUMNS = {
    "auditlog.log": {
        "id",
        "name",
        "model_id",
        "model_name",
        "model_model",
        "res_id",
        "res_ids",
        "user_id",
        "method",
        "http_session_id",
        "http_request_id",
        "log_type",
        "create_uid",
        "create_date",
        "write_uid",
        "write_date",
    },
    "auditlog.log.line": {
        "id",
        "field_id",
        "log_id",
        "old_value",
        "new_value",
        "old_value_text",
        "new_value_text",
        "field_name",
        "field_description",
        "create_uid",
        "create_date",
        "write_uid",
        "write_date",
    },
}


class PendingLogs(list):
    """The entries one ``auditlog.rule.create_logs`` call collects (context
    key ``kim_audit_pending``). Equal only to itself: Odoo reuses an
    environment whose context compares equal, and two empty lists do."""

    def __eq__(self, other):
        return self is other

    __hash__ = object.__hash__


class AuditlogLog(models.Model):
    _inherit = "auditlog.log"

    @api.model_create_multi
    def create(self, vals_list):
        """Within ``auditlog.rule.create_logs`` the entries are collected for
        one batch insert (``_kim_insert``), elsewhere created as upstream."""
        pending = self.env.context.get("kim_audit_pending")
        if not isinstance(pending, PendingLogs):
            return super().create(vals_list)
        pending.extend(vals_list)
        return self.browse()

    # -------------------------------------------------------- bulk insert
    @api.model
    def _kim_insert(self, vals_list):
        """Create log entries and their lines (``line_ids`` as create
        commands) with one INSERT per 1000 rows instead of the ORM's
        ``create`` (issue #8, R6: the nightly closing of 810 cases took 2.5 s
        with the ORM, 0.9 s with this and the copied chatter notes; 810
        entries of 4 lines: upstream one by one 3.5 s, the ORM's ``create`` in
        one batch 0.64 s, this 0.28 s). The rows are the ones upstream's
        ``create`` writes: the model and field names it adds, the ORM's column
        conversion, creation user and date. Log entries are append-only and
        have no other logic on creation; tests compare both ways and the
        columns (INSERT_COLUMNS)."""
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
            self._kim_insert_rows(self.env["auditlog.log.line"], line_rows)
        return logs

    @api.model
    def _kim_insert_rows(self, model, rows):
        """The one raw INSERT of the log: ``rows`` (dicts of stored column
        values of ``model``, ``auditlog.log`` or ``auditlog.log.line``) into
        its table, converted as the ORM converts them, with creation user and
        date; returns the new ids in the order of ``rows``. Only the columns of
        INSERT_COLUMNS: the log tables have no defaults or computed columns the
        ORM would fill."""
        now = self.env.cr.now()
        access = {
            "create_uid": self.env.uid,
            "create_date": now,
            "write_uid": self.env.uid,
            "write_date": now,
        }
        names = sorted({name for row in rows for name in row} | set(access))
        unknown = set(names) - (INSERT_COLUMNS[model._name] - {"id"})
        if unknown:
            raise ValueError(f"{model._name}: no plain column {sorted(unknown)}")
        fields_ = [model._fields[name] for name in names]
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
    def _kim_access_logged_ids(self, model, res_ids):
        """Hook: the ids of ``res_ids`` (records of ``model``) whose printing
        and downloading is logged. None here; the addons holding sensitive
        records extend it (kim_case: case files)."""
        return []

    @api.model
    def _kim_download_records(self, attachment):
        """Hook: the records a downloaded file belongs to whose download is
        logged, as (model name, ids); by default the attachment's record if
        ``_kim_access_logged_ids`` names it. ``attachment`` is sudo."""
        model = attachment.res_model
        if not model or model not in self.env:
            return model, []
        return model, self._kim_access_logged_ids(model, [attachment.res_id])

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
                        Command.create(
                            {
                                "field_id": detail_field.id,
                                "new_value": detail,
                                "new_value_text": detail,
                            }
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
        if not docids or not report.model or report.model not in self.env:
            return
        ids = self._kim_access_logged_ids(report.model, docids)
        if ids:
            field = self.env["ir.model.fields"]._get("ir.actions.report", "name")
            self._kim_log_access(report.model, ids, "print", field, report.name)

    @api.model
    def _kim_log_download(self, attachment):
        """A file was downloaded: logged if it belongs to records whose
        downloads are logged (``_kim_download_records``)."""
        # sudo: the caller already streams this attachment to the user
        attachment = attachment.sudo()
        model, ids = self._kim_download_records(attachment)
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
