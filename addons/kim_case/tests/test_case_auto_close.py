# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tools import SQL

from .common import KimCaseCommon

# the columns of mail_message in Odoo 18.0 (mail and the modules installed
# with the KIM addons) that _kim_log_same_note copies from the first note,
# besides id and res_id
MAIL_MESSAGE_COLUMNS_18 = {
    "author_guest_id",
    "author_id",
    "body",
    "create_date",
    "create_uid",
    "date",
    "email_add_signature",
    "email_from",
    "email_layout_xmlid",
    "is_internal",
    "mail_activity_type_id",
    "mail_server_id",
    "message_id",
    "message_type",
    "model",
    "parent_id",
    "pinned_at",
    "record_alias_domain_id",
    "record_company_id",
    "record_name",
    "reply_to",
    "reply_to_force_new",
    "subject",
    "subtype_id",
    "write_date",
    "write_uid",
}


class TestCaseAutoClose(KimCaseCommon):
    """C-8: nightly closing of cases without contact.

    Definition: a case is closed when ``today > last contact + N months``
    (calendar months, N = ``inactivity_months`` of its constellation); without
    any recorded contact the first contact date counts.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_process = cls.env.ref("kim_case.case_type_process")
        cls.reason_no_contact = cls.env.ref("kim_case.close_reason_no_contact")
        cls.Case = cls.env["kim.case"]

    def _inactive_case(self, case_type, last_contact, with_contact=True):
        case = self._case(type_id=case_type.id, first_contact_date=last_contact)
        if with_contact:
            self.env["kim.case.contact"].create(
                {"case_id": case.id, "date": last_contact, "note": "Gespräch"}
            )
        return case

    def test_short_intervention_boundary(self):
        """C-8: a Kurzintervention closes the day after 3 months without
        contact, not on the last day."""
        case = self._inactive_case(self.type_short, date(2026, 1, 15))
        with freeze_time("2026-04-15"):
            self.Case._cron_auto_close()
        self.assertFalse(case.is_closed, "exactly 3 months: still open")
        with freeze_time("2026-04-16"):
            closed = self.Case._cron_auto_close()
        self.assertEqual(closed, case)
        self.assertTrue(case.is_closed)
        self.assertEqual(case.close_reason_id, self.reason_no_contact)
        self.assertEqual(case.closed_date, date(2026, 4, 16))

    def test_case_management_boundary(self):
        """C-8: Case Management and Prozessbegleitung close the day after 6
        months without contact, not on the last day."""
        cm = self._inactive_case(self.type_cm, date(2026, 1, 15))
        process = self._inactive_case(self.type_process, date(2026, 1, 15))
        short = self._inactive_case(self.type_short, date(2026, 6, 1))
        with freeze_time("2026-07-15"):
            self.Case._cron_auto_close()
        self.assertFalse((cm | process | short).filtered("is_closed"))
        with freeze_time("2026-07-16"):
            self.Case._cron_auto_close()
        self.assertTrue(cm.is_closed and process.is_closed)
        self.assertFalse(short.is_closed, "last contact 1 June: within 3 months")

    def test_without_contact_first_contact_counts(self):
        """C-8: without any recorded contact the first contact date counts."""
        case = self._inactive_case(
            self.type_short, date(2026, 1, 15), with_contact=False
        )
        self.assertFalse(case.last_contact_date)
        with freeze_time("2026-04-15"):
            self.Case._cron_auto_close()
        self.assertFalse(case.is_closed)
        with freeze_time("2026-04-16"):
            self.Case._cron_auto_close()
        self.assertTrue(case.is_closed)

    def test_note_on_every_closed_case(self):
        """C-8: every case closed by the job shows the same chatter note as
        one logged by mail itself (the notes after the first are copies of its
        row, issue #8 R6): same text, type, subtype, author and internal flag,
        on the right case, visible at once, readable by the case manager."""
        cases = self.Case.concat(
            *(
                self._inactive_case(self.type_short, date(2026, 1, 15))
                for _i in range(3)
            )
        )
        before = {case.id: case.message_ids for case in cases}
        with freeze_time("2026-04-16"):
            closed = self.Case._cron_auto_close()
        self.assertEqual(closed, cases)
        Message = self.env["mail.message"]
        columns = [
            name
            for name, field in Message._fields.items()
            if field.store and field.column_type and name not in ("id", "res_id")
        ]
        notes = Message
        for case in cases:
            new = case.message_ids - before[case.id]
            self.assertEqual(len(new), 1, "one note per case, no notification")
            self.assertEqual((new.model, new.res_id), ("kim.case", case.id))
            self.assertIn("Closed automatically", str(new.body))
            notes |= new
        first = notes.sorted("id")[:1]  # logged by mail, the others copied
        expected = first.read(columns)[0]
        self.assertEqual(first.message_type, "notification")
        self.assertEqual(first.subtype_id, self.env.ref("mail.mt_note"))
        self.assertTrue(first.is_internal)
        self.assertFalse(
            first.partner_ids or first.attachment_ids or first.notification_ids
        )
        for note in notes - first:
            values = note.read(columns)[0]
            self.assertEqual(
                {name: values[name] for name in columns if name != "id"},
                {name: expected[name] for name in columns if name != "id"},
            )
        # the case manager reads the notes of their own cases in the chatter
        own = cases.filtered(lambda c: c.user_id == self.user_cm_a)
        self.assertTrue(own)
        self.assertEqual(
            len(
                notes.filtered(lambda n: n.res_id in own.ids)
                .with_user(self.user_cm_a)
                .read(["body"])
            ),
            len(own),
        )

    def test_recent_contact_keeps_case_open(self):
        """C-8: a later contact restarts the period."""
        case = self._inactive_case(self.type_short, date(2026, 1, 15))
        self.env["kim.case.contact"].create({"case_id": case.id, "date": "2026-03-01"})
        with freeze_time("2026-04-16"):
            self.Case._cron_auto_close()
        self.assertFalse(case.is_closed)
        with freeze_time("2026-06-02"):
            self.Case._cron_auto_close()
        self.assertTrue(case.is_closed)

    def test_rerun_never_closes_twice(self):
        """C-8: re-running the job (e.g. after a crash) closes nothing twice:
        closing date, reason and chatter stay as they were."""
        case = self._inactive_case(self.type_short, date(2026, 1, 15))
        with freeze_time("2026-04-16"):
            self.Case._cron_auto_close()
        notes = case.message_ids
        with freeze_time("2026-05-20"):
            closed = self.Case._cron_auto_close()
        self.assertFalse(closed)
        self.assertEqual(case.closed_date, date(2026, 4, 16))
        self.assertEqual(case.message_ids, notes)
        # a reactivated case counts from its last contact again
        with freeze_time("2026-05-20"):
            case.action_reactivate()
            self.env["kim.case.contact"].create({"case_id": case.id})
            self.Case._cron_auto_close()
        self.assertFalse(case.is_closed)

    def test_reactivated_case_survives_next_run(self):
        """C-8: a reactivated case starts a fresh inactivity period on the day
        of its reactivation, even without a new contact: the next nights'
        runs leave it open until that period is over."""
        case = self._inactive_case(self.type_short, date(2026, 1, 15))
        with freeze_time("2026-04-16"):
            self.Case._cron_auto_close()
        self.assertTrue(case.is_closed)
        with freeze_time("2026-05-20"):
            case.with_user(self.user_cm_a).action_reactivate()
        self.assertEqual(case.reactivated_date, date(2026, 5, 20))
        self.assertEqual(case.auto_close_date, date(2026, 8, 21))
        for night in ("2026-05-21", "2026-06-30", "2026-08-20"):
            with freeze_time(night):
                self.Case._cron_auto_close()
            self.assertFalse(case.is_closed, night)
        with freeze_time("2026-08-21"):
            self.Case._cron_auto_close()
        self.assertTrue(case.is_closed)
        self.assertEqual(case.closed_date, date(2026, 8, 21))

    def test_close_warning_once_per_period(self):
        """C-8: the case manager gets one To-Do, in their language, 14 days
        (dated deadline rule) before the case would close — not every night;
        a new inactivity period (after a contact) warns again."""
        self.user_cm_a.lang = "de_DE"
        case = self._inactive_case(self.type_short, date(2026, 1, 15))
        other = self._inactive_case(self.type_short, date(2026, 2, 15))
        self.assertEqual(case.auto_close_date, date(2026, 4, 16))

        def warnings():
            return self.env["mail.activity"].search(
                [("res_model", "=", "kim.case"), ("res_id", "in", case.ids)]
            )

        with freeze_time("2026-04-01"):
            self.Case.with_context(lang="en_US")._cron_kim_alerts()
        self.assertFalse(warnings(), "15 days before: not yet")
        with freeze_time("2026-04-02"):
            self.Case.with_context(lang="en_US")._cron_kim_alerts()
        activity = warnings()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_cm_a)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("kim_case.mail_activity_type_close_warning"),
            "issue #18: the KIM activity type",
        )
        self.assertEqual(activity.date_deadline, date(2026, 4, 15))
        self.assertEqual(activity.summary, "Fall wird automatisch geschlossen")
        self.assertIn("16.04.2026", str(activity.note))
        for night in ("2026-04-03", "2026-04-10"):
            with freeze_time(night):
                self.Case._cron_kim_alerts()
        self.assertEqual(len(warnings()), 1, "once per period, not every night")
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "kim.case"), ("res_id", "=", other.id)]
            )
        )
        self.env["kim.case.contact"].create({"case_id": case.id, "date": "2026-04-10"})
        with freeze_time("2026-06-26"):
            self.Case._cron_kim_alerts()
        self.assertEqual(len(warnings()), 1)
        with freeze_time("2026-06-27"):
            self.Case._cron_kim_alerts()
        self.assertEqual(len(warnings()), 2, "a new period warns again")

    def test_close_warning_lead_time_is_data(self):
        """C-8: the lead time of the warning is a dated rule the KIM lead
        edits (here: 30 days instead of 14)."""
        case = self._inactive_case(self.type_short, date(2026, 1, 15))
        rule = self.env.ref("kim_case.deadline_case_close_warning")
        rule.with_user(self.user_lead).value = 30
        with freeze_time("2026-03-17"):
            self.Case._cron_kim_alerts()
        self.assertTrue(
            self.env["mail.activity"].search(
                [("res_model", "=", "kim.case"), ("res_id", "=", case.id)]
            )
        )

    def test_contact_after_selection_prevents_closing(self):
        """C-8: a contact recorded between selection and closing keeps the case
        open (the condition is checked again inside the batch)."""
        late = self._inactive_case(self.type_short, date(2026, 1, 15))
        other = self._inactive_case(self.type_short, date(2026, 1, 15))
        with freeze_time("2026-04-16"):
            selected = self.Case.search(self.Case._kim_auto_close_domain())
            self.assertEqual(selected & (late | other), late | other)
            self.env["kim.case.contact"].create({"case_id": late.id})
            closed = (late | other)._kim_auto_close_batch()
        self.assertEqual(closed, other)
        self.assertFalse(late.is_closed)

    def test_period_comes_from_type_record(self):
        """C-8: the inactivity period is data on the constellation: changing it
        changes the behaviour, 0 never closes."""
        case = self._inactive_case(self.type_short, date(2026, 1, 15))
        self.type_short.inactivity_months = 0
        with freeze_time("2027-01-01"):
            self.Case._cron_auto_close()
        self.assertFalse(case.is_closed)
        self.type_short.inactivity_months = 1
        with freeze_time("2026-02-15"):
            self.Case._cron_auto_close()
        self.assertFalse(case.is_closed)
        with freeze_time("2026-02-16"):
            self.Case._cron_auto_close()
        self.assertTrue(case.is_closed)

    def test_batches_and_progress(self):
        """C-8: the job works in batches and reports its progress to the cron."""
        cases = self.Case
        for _i in range(3):
            cases |= self._inactive_case(self.type_short, date(2026, 1, 15))
        cron = self.env.ref("kim_case.ir_cron_kim_case_auto_close")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Case = self.Case.with_context(ir_cron_progress_id=progress.id)
        with freeze_time("2026-04-16"):
            first = Case._cron_auto_close(batch_size=2)
            self.assertEqual(len(first), 2)
            self.assertEqual((progress.done, progress.remaining), (2, 1))
            second = Case._cron_auto_close(batch_size=2)
        self.assertEqual(len(second), 1)
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertTrue(all(cases.mapped("is_closed")))

    def test_batch_query_count(self):
        """C-8: the number of queries of one batch does not grow with the
        number of cases closed (5 vs 50)."""
        for _i in range(2):  # warm-up: caches, sequences, references
            self._inactive_case(self.type_short, date(2026, 1, 15))
        with freeze_time("2026-04-16"):
            self.Case._cron_auto_close()
        counts = {}
        for size in (5, 50):
            for _i in range(size):
                self._inactive_case(self.type_short, date(2026, 1, 15))
            self.env.invalidate_all()
            self.env.flush_all()
            start = self.cr.sql_log_count
            with freeze_time("2026-04-16"):
                closed = self.Case._cron_auto_close()
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - start
            self.assertEqual(len(closed), size)
        # chatter notes and audit entries are inserted in one statement each
        self.assertEqual(counts[50], counts[5], counts)
        for _i in range(50):
            self._inactive_case(self.type_short, date(2026, 1, 15))
        self.env.invalidate_all()
        with freeze_time("2026-04-16"), self.assertQueryCount(counts[50]):
            self.Case._cron_auto_close()

    def test_note_copy_matches_mail_message_layout(self):
        """C-8, issue #16 item 3: the closing note is logged by mail for the
        first case and copied row by row in SQL for the others (issue #8 R6).
        This fails when Odoo's mail_message table changes in a way the copy
        would get wrong (a new column, an SQL default, a unique key, a stored
        compute, a row mail writes elsewhere for a note): review
        _kim_log_same_note before upgrading Odoo."""
        Message = self.env["mail.message"]
        copied = {
            name
            for name, field in Message._fields.items()
            if field.store and field.column_type and name not in ("id", "res_id")
        }
        self.assertLessEqual(copied, MAIL_MESSAGE_COLUMNS_18, "new columns")
        self.assertFalse(
            [name for name in copied if Message._fields[name].compute],
            "a stored compute may depend on the record",
        )
        self.cr.execute(
            SQL(
                """SELECT column_name, column_default, is_nullable
                     FROM information_schema.columns
                    WHERE table_schema = current_schema()
                      AND table_name = 'mail_message'"""
            )
        )
        columns = {
            name: (default, nullable) for name, default, nullable in self.cr.fetchall()
        }
        self.assertEqual(
            set(columns), copied | {"id", "res_id"}, "columns unknown to the ORM"
        )
        self.assertEqual(
            {name for name, (default, _null) in columns.items() if default},
            {"id"},
            "an SQL default may differ per row",
        )
        required = {name for name, (_default, null) in columns.items() if null == "NO"}
        self.assertLessEqual(required - {"id"}, copied)
        self.cr.execute(
            SQL(
                """SELECT count(*) FROM pg_index
                    WHERE indrelid = 'mail_message'::regclass
                      AND indisunique AND NOT indisprimary"""
            )
        )
        self.assertEqual(self.cr.fetchone()[0], 0, "a unique key forbids copies")
        # a note is one row: nothing about it in the tables that refer to it
        cases = self._case() | self._case()
        before = Message.search(
            [("model", "=", "kim.case"), ("res_id", "in", cases.ids)]
        )
        cases._kim_log_same_note("Closed automatically (layout test)")
        notes = (
            Message.search([("model", "=", "kim.case"), ("res_id", "in", cases.ids)])
            - before
        )
        self.assertEqual(len(notes), 2)
        self.env.flush_all()
        self.cr.execute(
            SQL(
                """SELECT c.conrelid::regclass::text, a.attname
                     FROM pg_constraint c
                     JOIN pg_attribute a
                       ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                    WHERE c.confrelid = 'mail_message'::regclass
                      AND c.contype = 'f'"""
            )
        )
        for table, column in self.cr.fetchall():
            self.cr.execute(
                SQL(
                    "SELECT count(*) FROM %s WHERE %s IN %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    tuple(notes.ids),
                )
            )
            self.assertEqual(self.cr.fetchone()[0], 0, f"{table}.{column}")
