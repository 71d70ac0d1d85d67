# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
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

    def test_client_document_print_logged(self):
        """C-10: printing a client document of a case (through its print
        dialog) is logged with the user and the document."""
        Report = self.env["ir.actions.report"]
        report = self.env.ref("kim_case.kim_case_report_client_info_art13")
        Report.with_user(self.user_cm_a)._render_qweb_html(
            report.id, self.case.ids, data={"partner_id": self.case.partner_id.id}
        )
        logs = self._logs(self.case, "print", self.user_cm_a)
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.line_ids.new_value, report.name)

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
