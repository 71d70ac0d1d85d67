# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.kim_audit.models.auditlog_log import INSERT_COLUMNS

from .common import KimAuditCommon


@tagged("post_install", "-at_install")
class TestAuditlogLog(KimAuditCommon):
    """C-12 / issue #8 R6: the batch insert of log entries; prints and
    downloads in the log; Art. 17 GDPR erasure of values in the log."""

    def test_insert_columns_are_the_tables(self):
        """Issue #8 R6: the raw INSERT of the log (``_kim_insert_rows``) knows
        every column of both log tables, and none has a default the ORM would
        fill. Fails when auditlog adds, drops or renames a column or gives one
        a default: then check ``_kim_insert`` against upstream's ``create`` and
        update INSERT_COLUMNS."""
        for model_name, columns in INSERT_COLUMNS.items():
            Model = self.env[model_name]
            stored = {
                name
                for name, field in Model._fields.items()
                if field.store and field.column_type
            }
            self.assertEqual(stored, columns, model_name)
            self.cr.execute(
                """SELECT column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = %s""",
                [Model._table],
            )
            self.assertEqual({row[0] for row in self.cr.fetchall()}, columns)
            self.assertEqual(Model.default_get(sorted(columns)), {}, model_name)
            plain = [
                name
                for name in columns
                if not (Model._fields[name].compute or Model._fields[name].translate)
            ]
            self.assertEqual(sorted(plain), sorted(columns), model_name)
        with self.assertRaises(ValueError):
            self.Log._kim_insert_rows(self.Line, [{"log_id": 1, "unknown": "x"}])

    def test_bulk_insert_writes_what_create_writes(self):
        """Issue #8 R6: the audit entries of a batch are inserted with one
        statement per table; the rows are those upstream's ``create`` writes
        (model and field names, converted values, creation user), and bad
        input is refused without leaving a row."""
        model = self.env["ir.model"]._get("res.partner")
        Field = self.env["ir.model.fields"]
        parent = Field._get("res.partner", "parent_id")
        function = Field._get("res.partner", "function")
        name = Field._get("res.partner", "name")

        def vals_list():
            return [
                {
                    "model_id": model.id,
                    "method": "write",
                    "user_id": self.user.id,
                    "log_type": "fast",
                    "name": "X" * 80,  # cut to the column's 64 characters
                    "res_id": self.partner.id,
                    "line_ids": [
                        Command.create(
                            {
                                "field_id": parent.id,
                                "old_value": (3, "Träger"),
                                "old_value_text": (3, "Träger"),
                                "new_value": 7,
                                "new_value_text": False,
                            }
                        ),
                        Command.create(
                            {
                                "field_id": function.id,
                                "old_value": False,
                                "new_value": date(2026, 4, 16),  # converted
                            }
                        ),
                    ],
                },
                {
                    "model_id": model.id,
                    "method": "unlink",
                    "user_id": self.admin.id,
                    "res_id": 4711,
                    "line_ids": [
                        Command.create({"field_id": name.id, "old_value": "F-1"})
                    ],
                },
            ]

        Log = self.Log.sudo()
        by_orm = Log.create(vals_list())
        by_sql = Log._kim_insert(vals_list())
        self.assertEqual(len(by_sql), 2)
        log_fields = [
            n
            for n, f in Log._fields.items()
            if f.store and n not in ("id", "line_ids", "create_date", "write_date")
        ]
        Line = self.Line.sudo()
        line_fields = [
            n
            for n, f in Line._fields.items()
            if f.store and n not in ("id", "log_id", "create_date", "write_date")
        ]
        for orm, sql in zip(by_orm, by_sql, strict=True):
            self.assertEqual(
                sql.read(log_fields)[0] | {"id": 0}, orm.read(log_fields)[0] | {"id": 0}
            )
            self.assertEqual(len(sql.line_ids), len(orm.line_ids))
            for orm_line, sql_line in zip(
                orm.line_ids.sorted("field_id"),
                sql.line_ids.sorted("field_id"),
                strict=True,
            ):
                self.assertEqual(
                    sql_line.read(line_fields)[0] | {"id": 0},
                    orm_line.read(line_fields)[0] | {"id": 0},
                )
        self.assertEqual(len(by_sql[0].name), 64)
        self.assertEqual(by_sql[0].model_model, "res.partner")
        self.assertEqual(
            by_sql[0].line_ids.mapped("field_name"), ["parent_id", "function"]
        )
        # refused: no model, no field, lines that are no new lines
        count = Log.search_count([])
        lines = Line.search_count([])
        no_field = [Command.create({"old_value": "x"})]
        for error, bad in (
            (UserError, {"model_id": False, "method": "write", "res_id": 1}),
            (UserError, {"model_id": model.id, "res_id": 1, "line_ids": no_field}),
            (ValueError, {"model_id": model.id, "line_ids": [Command.link(1)]}),
        ):
            with self.assertRaises(error):
                Log._kim_insert([vals_list()[0], bad])
            self.assertEqual(
                (Log.search_count([]), Line.search_count([])), (count, lines)
            )

    def test_print_and_download_logged_for_hooked_records(self):
        """C-12: printing a report and downloading a file are logged with the
        user and the report or file, for the records an addon names in
        ``_kim_access_logged_ids``; kim_audit alone names none."""
        report = self.env["ir.actions.report"].create(
            {
                "name": "Kontaktblatt",
                "model": "res.partner",
                "report_name": "kim_audit.report_test_contact",
                "report_type": "qweb-html",
            }
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "ausweis.txt",
                "raw": b"Ausweis",
                "res_model": "res.partner",
                "res_id": self.partner.id,
            }
        )
        Log = self.Log.with_user(self.user)
        Log._kim_log_report(report, self.partner.ids)
        Log._kim_log_download(attachment)
        self.assertFalse(self._logs(self.partner, "print"))
        self.assertFalse(self._logs(self.partner, "download"))

        def every_record(self, model, res_ids):
            return list(res_ids)

        with patch.object(type(self.Log), "_kim_access_logged_ids", every_record):
            Log._kim_log_report(report, self.partner.id)
            Log._kim_log_download(attachment)
        printed = self._logs(self.partner, "print", self.user)
        self.assertEqual(len(printed), 1)
        self.assertEqual(printed.name, self.partner.display_name)
        self.assertEqual(printed.line_ids.new_value, "Kontaktblatt")
        self.assertEqual(printed.line_ids.field_name, "name")
        downloaded = self._logs(self.partner, "download", self.user)
        self.assertEqual(len(downloaded), 1)
        self.assertEqual(
            downloaded.line_ids.new_value, f"ausweis.txt (#{attachment.id})"
        )

    def test_erasure_keeps_entries_without_values(self):
        """Art. 17 GDPR: erasing a person empties the values and names of the
        entries about them and every value naming them elsewhere in the log;
        the entries (who, when, which field) stay."""
        self.partner.with_user(self.user).write(
            {"name": "Erika Musterfrau", "phone": "0251 123456"}
        )
        other = self.env["res.partner"].create({"name": "Beispiel Träger"})
        other.with_user(self.user).write({"function": "Vertretung Erika Musterfrau"})
        about = self.Log.search(
            [("model_model", "=", "res.partner"), ("res_id", "=", self.partner.id)]
        )
        self.assertEqual(len(about), 2)  # created, written
        self.Log._kim_erase_values({"res.partner": self.partner}, ["Erika Musterfrau"])
        self.assertEqual(
            self.Log.search(
                [("model_model", "=", "res.partner"), ("res_id", "=", self.partner.id)]
            ),
            about,
        )
        self.assertFalse(any(about.mapped("name")))
        for line in about.line_ids:
            self.assertFalse(
                line.old_value
                or line.new_value
                or line.old_value_text
                or line.new_value_text
            )
        self.assertEqual(self._logs(self.partner, "write").user_id, self.user)
        other_log = self._logs(other, "write")
        self.assertFalse(self._line(other_log, "function").new_value)
        self.assertEqual(other_log.name, "Beispiel Träger")
        created = self._logs(other, "create")
        self.assertEqual(self._line(created, "name").new_value, "Beispiel Träger")
