# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KimCaseCommon


@tagged("post_install", "-at_install")
class TestAuditTrail(KimCaseCommon):
    """Audit trail (issue #7, scenario 7; § 78 SGB X, C-10, C-12): every change
    of cases and consents is logged with user and old/new values; nobody
    alters or deletes the log; prints of case files are logged too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["auditlog.log"]
        cls.client = cls._client("Audit Person")
        cls.case = cls._case(client=cls.client)
        cls.consent = cls._consent(cls.client, "release", case_id=cls.case.id)

    def _logs(self, records, method, user):
        return self.Log.search(
            [
                ("model_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("method", "=", method),
                ("user_id", "=", user.id),
            ],
            order="id desc",
        )

    def _line(self, logs, field_name):
        lines = logs.line_ids.filtered(lambda line: line.field_name == field_name)
        self.assertEqual(len(lines), 1, f"one log line for {field_name}")
        return lines

    def test_rules_shipped(self):
        """C-12: cases and consents have subscribed rules logging create,
        write and unlink with old values ("fast", KIM override) and the deleted
        values."""
        for xmlid in (
            "kim_case.auditlog_rule_kim_case",
            "kim_case.auditlog_rule_kim_consent",
        ):
            rule = self.env.ref(xmlid)
            self.assertEqual(rule.state, "subscribed")
            self.assertEqual(rule.log_type, "fast")
            self.assertTrue(rule.log_create and rule.log_write and rule.log_unlink)
            self.assertTrue(rule.capture_record)

    def test_case_write_and_unlink_logged(self):
        """C-12 / § 78 SGB X: a case manager's change of a case is logged with
        the user and the old and new value; the lead's deletion is logged with
        the values deleted."""
        case = self.case.with_user(self.user_cm_a)
        case.write({"first_meeting_date": "2099-02-03"})
        logs = self._logs(self.case, "write", self.user_cm_a)
        self.assertEqual(len(logs), 1)
        line = self._line(logs, "first_meeting_date")
        self.assertFalse(line.old_value)
        self.assertEqual(line.new_value, "2099-02-03")
        case.write({"first_meeting_date": "2099-02-10"})
        line = self._line(
            self._logs(self.case, "write", self.user_cm_a)[0], "first_meeting_date"
        )
        self.assertEqual((line.old_value, line.new_value), ("2099-02-03", "2099-02-10"))
        other = self._case()
        name = other.name
        other.with_user(self.user_lead).unlink()
        logs = self._logs(other, "unlink", self.user_lead)
        self.assertEqual(len(logs), 1)
        self.assertEqual(self._line(logs, "name").old_value, name)

    def test_consent_write_and_unlink_logged(self):
        """C-10: changing or deleting a consent is logged with user and values."""
        self.consent.with_user(self.user_cm_a).write({"purpose": "Neuer Zweck"})
        line = self._line(self._logs(self.consent, "write", self.user_cm_a), "purpose")
        self.assertEqual(
            (line.old_value, line.new_value),
            ("Abstimmung der Leistungen", "Neuer Zweck"),
        )
        consent = self._consent(self.client)
        consent_id = consent.id
        consent.with_user(self.user_lead).unlink()
        logs = self.Log.search(
            [
                ("model_model", "=", "kim.consent"),
                ("res_id", "=", consent_id),
                ("method", "=", "unlink"),
            ]
        )
        self.assertEqual(logs.user_id, self.user_lead)
        self.assertEqual(self._line(logs, "consent_type").old_value, "dp_agreement")

    def test_many_records_one_batch(self):
        """C-12: logging a write on many cases costs the same number of
        queries for 5 and for 25 cases (one batch of log entries)."""
        counts = {}
        for size in (5, 25):
            cases = self.env["kim.case"].concat(*(self._case() for _i in range(size)))
            self.env.flush_all()
            self.env.invalidate_all()
            last_log = self.Log.search([], order="id desc", limit=1).id
            start = self.cr.sql_log_count
            cases.write({"first_meeting_date": f"2099-03-{size:02d}"})
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - start
            logs = self.Log.search(
                [
                    ("model_model", "=", "kim.case"),
                    ("res_id", "in", cases.ids),
                    ("method", "=", "write"),
                    ("id", ">", last_log),
                ]
            )
            self.assertEqual(len(logs), size)
        self.assertEqual(counts[5], counts[25], counts)

    def test_bulk_insert_writes_what_create_writes(self):
        """C-12 / issue #8 R6: the audit entries of a batch are inserted with
        one statement per table; the rows are those upstream's ``create``
        writes (model and field names, converted values, creation user), and
        bad input is refused without leaving a row."""
        model = self.env["ir.model"]._get("kim.case")
        Field = self.env["ir.model.fields"]
        stage = Field._get("kim.case", "stage_id")
        closed = Field._get("kim.case", "closed_date")
        name = Field._get("kim.case", "name")

        def vals_list():
            return [
                {
                    "model_id": model.id,
                    "method": "write",
                    "user_id": self.user_cm_a.id,
                    "log_type": "fast",
                    "name": "X" * 80,  # cut to the column's 64 characters
                    "res_id": self.case.id,
                    "line_ids": [
                        Command.create(
                            {
                                "field_id": stage.id,
                                "old_value": (3, "Erstgespräch"),
                                "old_value_text": (3, "Erstgespräch"),
                                "new_value": 7,
                                "new_value_text": False,
                            }
                        ),
                        Command.create(
                            {
                                "field_id": closed.id,
                                "old_value": False,
                                "new_value": date(2026, 4, 16),
                            }
                        ),
                    ],
                },
                {
                    "model_id": model.id,
                    "method": "unlink",
                    "user_id": self.user_lead.id,
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
        Line = self.env["auditlog.log.line"].sudo()
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
        self.assertEqual(by_sql[0].model_model, "kim.case")
        self.assertEqual(
            by_sql[0].line_ids.mapped("field_name"), ["stage_id", "closed_date"]
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

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_log_read_only_for_everyone(self):
        """X-1 / § 78 SGB X: no user, whatever the role (administrators
        included), creates, alters or deletes log entries or lines; only the
        KIM lead reads the log (it holds personal data)."""
        self.case.with_user(self.user_cm_a).write({"first_meeting_date": "2099-02-03"})
        log = self._logs(self.case, "write", self.user_cm_a)
        line = log.line_ids[:1]
        admin = self.env.ref("base.user_admin")
        users = (
            self.user_cm_a,
            self.user_cm_b,
            self.user_coordination,
            self.user_lead,
            self.user_finance,
            self.user_authority,
            self.user_steering,
            self.user_portal,
            admin,
        )
        refused = 0
        for user in users:
            for record, vals in ((log, {"name": "x"}), (line, {"new_value": "x"})):
                with self.assertRaises(AccessError, msg=f"{user.login} write"):
                    record.with_user(user).write(vals)
                with self.assertRaises(AccessError, msg=f"{user.login} unlink"):
                    record.with_user(user).unlink()
                refused += 2
            with self.assertRaises(AccessError, msg=f"{user.login} create"):
                self.Log.with_user(user).create(
                    {"model_id": log.model_id.id, "res_id": 1, "method": "write"}
                )
            refused += 1
        self.assertEqual(refused, len(users) * 5)
        self.assertEqual(log.line_ids[:1].new_value, line.new_value)
        self.assertTrue(log.exists() and line.exists())
        # reading: the lead (and administrators) only
        self.assertTrue(log.with_user(self.user_lead).read(["user_id", "line_ids"]))
        self.assertTrue(line.with_user(self.user_lead).read(["old_value", "new_value"]))
        for user in users[:3] + users[4:8]:
            with self.assertRaises(AccessError, msg=f"{user.login} read"):
                log.with_user(user).read(["name"])
            with self.assertRaises(AccessError, msg=f"{user.login} read lines"):
                line.with_user(user).read(["new_value"])

    def test_report_print_logged(self):
        """C-10 / § 78 SGB X: printing a case report (HTML render, the PDF
        renders the same HTML) and the Art. 15 report of a client is logged
        with the user and the report."""
        Report = self.env["ir.actions.report"]
        report = self.env.ref("kim_case.kim_case_report_pseudonymised_summary")
        Report.with_user(self.user_cm_a)._render_qweb_html(report.id, self.case.ids)
        logs = self._logs(self.case, "print", self.user_cm_a)
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.line_ids.new_value, report.name)
        Report.with_user(self.user_lead)._render_qweb_html(
            "kim_case.report_kim_art15", self.client.ids
        )
        logs = self._logs(self.client, "print", self.user_lead)
        self.assertEqual(len(logs), 1)
        # a report on a partner who is no client is no case file: not logged
        Report.with_user(self.user_lead)._render_qweb_html(
            "kim_case.report_kim_art15", self.org_jobcenter.ids
        )
        self.assertFalse(self._logs(self.org_jobcenter, "print", self.user_lead))
