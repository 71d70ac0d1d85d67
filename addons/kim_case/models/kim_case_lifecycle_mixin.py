# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Life cycle of a case: automatic closing (C-8), retention and anonymisation
(§ 84 SGB X, Art. 17 GDPR) and the alerts on residence permits, benefit
changes (C-11) and expiring releases from confidentiality (C-10)."""

import contextlib
import logging
import os

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, format_date

from ..tools import kim_lang_env, kim_today

_logger = logging.getLogger(__name__)

AUTO_CLOSE_BATCH = 500
ANONYMISE_BATCH = 100
# default retention: ten years after closing, the usual period for social
# administration files kept under § 84 SGB X; each county sets its own in the
# settings according to its deletion concept (Löschkonzept).
DEFAULT_RETENTION_YEARS = 10
DEFAULT_RESIDENCE_ALERT_DAYS = 90
# char fields of linked records that identify the record, not the person
KEEP_CHAR_FIELDS = {"kim.case": {"name"}, "kim.disclosure": {"res_model"}}


class KimCaseLifecycleMixin(models.AbstractModel):
    """Life cycle of kim.case (inherited by it): automatic closing, retention,
    anonymisation and alerts. Kept apart from kim_case.py for its size."""

    _name = "kim.case.lifecycle.mixin"
    _description = "KIM Case Life Cycle"

    anonymised = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="The personal data of this case and its family were erased "
        "(retention period over or request for erasure).",
    )
    anonymised_date = fields.Date(readonly=True, copy=False)

    # ------------------------------------------------------------ helpers
    @api.model
    def _kim_int_param(self, key, default):
        # justified: reads one configuration value, no personal data
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return max(int(value), 0) if value not in (None, False, "") else default
        except ValueError:
            return default

    # --------------------------------------------------- auto-close (C-8)
    @api.model
    def _kim_auto_close_domain(self, today=None):
        """Open cases whose last contact is more than the constellation's
        inactivity period ago: due when ``last contact < today - N months``,
        i.e. ``today > last contact + N months`` (calendar months). Without any
        recorded contact the first contact date (or the creation date) counts;
        a reactivation after the last contact starts the period anew.
        Constellations with 0 months never close automatically."""
        today = today or kim_today(self)
        parts = []
        for case_type in (
            self.env["kim.case.type"]
            .with_context(active_test=False)
            .search([("inactivity_months", ">", 0)])
        ):
            cutoff = today - relativedelta(months=case_type.inactivity_months)
            parts.append(
                [
                    ("type_id", "=", case_type.id),
                    # a reactivation starts a fresh period
                    "|",
                    ("reactivated_date", "=", False),
                    ("reactivated_date", "<", cutoff),
                    # so does a reason to keep it open (issue #21)
                    "|",
                    ("keep_open_date", "=", False),
                    ("keep_open_date", "<", cutoff),
                    "|",
                    ("last_contact_date", "<", cutoff),
                    "&",
                    ("last_contact_date", "=", False),
                    "|",
                    ("first_contact_date", "<", cutoff),
                    "&",
                    ("first_contact_date", "=", False),
                    ("create_date", "<", fields.Datetime.to_datetime(cutoff)),
                ]
            )
        if not parts:
            return expression.FALSE_DOMAIN
        return expression.AND([[("is_closed", "=", False)], expression.OR(parts)])

    def _kim_period_start(self):
        """C-8: the first day of the current inactivity period: the last
        contact (else the first contact, else the creation day), the
        reactivation or the reason to keep it open, whichever is later."""
        self.ensure_one()
        start = (
            self.last_contact_date
            or self.first_contact_date
            or (self.create_date and self.create_date.date())
        )
        for restart in (self.reactivated_date, self.keep_open_date):
            if restart and (not start or restart > start):
                start = restart
        return start

    def _kim_auto_close_date(self):
        """C-8: the day the nightly job closes the open case if no contact is
        recorded until then (False: never)."""
        self.ensure_one()
        months = self.type_id.inactivity_months
        start = self._kim_period_start()
        if self.is_closed or not months or not start:
            return False
        return start + relativedelta(months=months, days=1)

    @api.model
    def _kim_warn_auto_close(self):
        """C-8: a "case closes automatically" activity (KIM activity type)
        for the case manager a lead time (dated deadline rule
        ``case_close_warning``) before an open case closes for lack of
        contact, once per case and inactivity period, in the case manager's
        language; due the day before the closing."""
        today = kim_today(self)
        rule = self.env["kim.deadline.rule"]._kim_rule("case_close_warning", today)
        if not rule:
            return self.browse()
        # justified: system job over all cases, no user session
        cases = self.sudo().with_context(active_test=True)
        horizon = rule._kim_add(today, shift=False)
        due = cases.search(
            expression.AND(
                [
                    cases._kim_auto_close_domain(horizon),
                    ["!", *cases._kim_auto_close_domain(today)],
                ]
            )
        )
        due = due.filtered(lambda c: c.close_warning_ref != c._kim_period_start())
        for case in due:
            # in the case manager's language (the job runs as OdooBot)
            env = kim_lang_env(case, case.user_id)
            close_date = case._kim_auto_close_date()
            case.activity_schedule(
                "kim_case.mail_activity_type_close_warning",
                date_deadline=close_date - relativedelta(days=1),
                summary=env._("Case closes automatically"),
                note=env._(
                    "Case %(case)s has had no contact for a long time and closes "
                    "automatically on %(date)s. Record a contact to keep it open.",
                    case=case.name,
                    date=format_date(env, close_date),
                ),
                user_id=case.user_id.id or self.env.uid,
            )
            case.close_warning_ref = case._kim_period_start()
        return due

    @api.model
    def _cron_auto_close(self, batch_size=AUTO_CLOSE_BATCH):
        """C-8 nightly: close one batch of inactive cases with the reason
        "no contact" and report the progress; the cron worker commits after
        each call and calls again while cases remain (up to 10 batches a run,
        then the job is triggered again). Safe to re-run after a crash: only
        open cases are selected and the condition is checked again on locked
        rows right before closing."""
        # justified: system job over all cases, no user session
        cases = self.sudo().with_context(active_test=True)
        candidates = cases.search(cases._kim_auto_close_domain(), limit=batch_size)
        closed = candidates._kim_auto_close_batch()
        remaining = cases.search_count(cases._kim_auto_close_domain())
        self.env["ir.cron"]._notify_progress(done=len(closed), remaining=remaining)
        return closed

    def _kim_auto_close_batch(self):
        """Close those of ``self`` that are still due, after locking them:
        a contact recorded since the selection keeps the case open."""
        if not self:
            return self
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM kim_case WHERE id IN %s FOR UPDATE SKIP LOCKED",
                tuple(self.ids),
            )
        )
        locked = self.browse(row[0] for row in self.env.cr.fetchall())
        locked.invalidate_recordset(["last_contact_date", "stage_id", "is_closed"])
        due = self.search(
            expression.AND([[("id", "in", locked.ids)], self._kim_auto_close_domain()])
        )
        if not due:
            return due
        reason = self.env.ref("kim_case.close_reason_no_contact")
        closed = due.with_context(tracking_disable=True).action_close(reason)
        closed._kim_log_same_note(
            self.env._(
                "Closed automatically: no contact within the inactivity period "
                "of the constellation (C-8)."
            )
        )
        return closed

    def _kim_log_same_note(self, body):
        """Log the same chatter note on every case of ``self``: the first
        through mail's own batch log (its defaults, sanitising and hooks), the
        others as copies of that message's row in one INSERT. A log note
        notifies nobody and has no recipients, attachments or tracking values
        that a copy would miss.

        The only raw write into mail's tables, kept for speed (issue #8 R6,
        issue #16 item 3): ``_message_log_batch`` for all cases costs about
        0.5-1 ms per message; at 10k cases (812 closed) the closing took
        1.1-1.2 s instead of 0.36-0.40 s, R6 ratio 22-32 against the limit
        of 20 (13.6-15.6 with the copy). The copy takes every stored column
        of mail.message; test_note_copy_matches_mail_message_layout fails
        when Odoo's mail_message table changes in a way the copy would get
        wrong: review this method (or use ``_message_log_batch`` for all)
        before upgrading Odoo then."""
        if not self:
            return
        first = self[:1]._message_log_batch(bodies={self[:1].id: body})
        first.flush_recordset()
        if self[1:]:
            Message = self.env["mail.message"]
            columns = [
                name
                for name, field in Message._fields.items()
                if field.store and field.column_type and name not in ("id", "res_id")
            ]
            self.env.cr.execute(
                SQL(
                    """INSERT INTO mail_message (res_id, %s)
                       SELECT case_ids.id, %s
                         FROM mail_message msg, unnest(%s::int[]) AS case_ids(id)
                        WHERE msg.id = %s""",
                    SQL(", ").join(SQL.identifier(name) for name in columns),
                    SQL(", ").join(SQL.identifier("msg", name) for name in columns),
                    self[1:].ids,
                    first.id,
                )
            )
        self.invalidate_recordset(
            ["message_ids", "message_needaction", "message_needaction_counter"]
        )

    # ----------------------------------------------------------- retention
    @api.model
    def _kim_retention_domain(self, today=None):
        today = today or kim_today(self)
        years = self._kim_int_param("kim_case.retention_years", DEFAULT_RETENTION_YEARS)
        if not years:
            return expression.FALSE_DOMAIN  # 0 = never anonymise automatically
        return [
            ("is_closed", "=", True),
            ("anonymised", "=", False),
            ("legal_hold", "=", False),
            ("closed_date", "<", today - relativedelta(years=years)),
            ("member_ids", "not any", [("partner_id.kim_legal_hold", "=", True)]),
        ]

    @api.model
    def _cron_anonymise_closed(self, batch_size=ANONYMISE_BATCH):
        """Anonymise one batch of cases closed longer than the retention period
        ago, unless a legal hold (§ 84 SGB X restriction) is set on the case or a
        family member; the cron worker commits per call and calls again."""
        # justified: system job over all cases, no user session
        cases = self.sudo().with_context(active_test=False)
        due = cases.search(cases._kim_retention_domain(), limit=batch_size)
        due._kim_anonymise()
        remaining = cases.search_count(cases._kim_retention_domain())
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)
        return due

    def action_kim_anonymise(self):
        """Erase the personal data of closed cases now (KIM lead only), e.g. on
        a request for erasure (Art. 17 GDPR)."""
        if not self.env.user.has_group("kim_case.group_kim_lead"):
            raise AccessError(self.env._("Only the KIM lead may anonymise cases."))
        self.check_access("write")
        for case in self:
            if not case.is_closed:
                raise UserError(
                    self.env._(
                        "Case %(case)s is still open: close it before anonymising.",
                        case=case.name,
                    )
                )
            # justified: the lead reads the hold flags of the family members
            holds = case.sudo().member_ids.partner_id.filtered("kim_legal_hold")
            if case.legal_hold or holds:
                raise UserError(
                    self.env._(
                        "Case %(case)s is under a legal hold (§ 84 SGB X "
                        "restriction of processing) and cannot be anonymised.",
                        case=case.name,
                    )
                )
        # justified: access checked above; erasure must reach chatter and files
        self.sudo()._kim_anonymise()
        return True

    def _kim_anonymise(self):
        """Erase the personal data of ``self`` (closed, no legal hold): family
        members' person data, free texts of every record linked to the cases,
        their chatter (with tracking values), activities and attachments."""
        cases = self.filtered(lambda c: not c.anonymised)
        if not cases:
            return
        # persons whose every case is erased now or was erased before
        partners = cases.member_ids.partner_id | cases.partner_id
        other = self.with_context(active_test=False).search(
            [
                ("member_ids.partner_id", "in", partners.ids),
                ("id", "not in", cases.ids),
                ("anonymised", "=", False),
            ]
        )
        partners -= other.member_ids.partner_id | other.partner_id
        partners = partners.filtered(lambda p: not p.kim_legal_hold)
        # their own contacts (addresses, contact persons) go with them
        partners |= partners.with_context(active_test=False).child_ids
        linked = self.env["res.partner"]._kim_linked_records(partners, cases)
        linked.setdefault("res.partner", self.env["res.partner"])
        linked["res.partner"] |= partners
        names = partners.mapped("name")
        self._kim_erase_traces(linked)
        for model, records in linked.items():
            if model != "res.partner":
                self._kim_clear_free_texts(records)
        partners._kim_anonymise_person()
        # the audit log keeps who changed what and when, not the values
        self.env["auditlog.log"]._kim_erase_values(linked, names)
        cases.write({"anonymised": True, "anonymised_date": kim_today(self)})

    @api.model
    def _kim_erase_traces(self, linked):
        """Delete chatter, tracking values, activities and attachments of the
        given records ({model: records})."""
        Message = self.env["mail.message"]
        Activity = self.env["mail.activity"]
        Attachment = self.env["ir.attachment"]
        msg_domains, att_domains = [], []
        for model, records in linked.items():
            if not records:
                continue
            msg_domains.append([("model", "=", model), ("res_id", "in", records.ids)])
            att_domains.append(
                [("res_model", "=", model), ("res_id", "in", records.ids)]
            )
            # files linked through many2many/one2many fields (e.g. signed documents)
            for field in records._fields.values():
                if field.type in ("many2many", "one2many") and (
                    field.comodel_name == "ir.attachment"
                ):
                    Attachment |= records.mapped(field.name)
        if msg_domains:
            messages = Message.search(expression.OR(msg_domains))
            Attachment |= messages.attachment_ids
            # tracking values and outgoing mails are deleted in cascade
            messages.unlink()
            Activity.search(
                expression.OR(
                    [
                        [("res_model", "=", model), ("res_id", "in", records.ids)]
                        for model, records in linked.items()
                        if records
                    ]
                )
            ).unlink()
            Attachment |= Attachment.search(expression.OR(att_domains))
        fnames = [fname for fname in Attachment.mapped("store_fname") if fname]
        Attachment.unlink()
        self._kim_purge_files_after_commit(fnames)

    @api.model
    def _kim_purge_files_after_commit(self, fnames):
        """Art. 17 GDPR: the filestore keeps the files of deleted attachments
        until its nightly garbage collection; remove those of an erasure right
        after the commit, unless another attachment still uses the same file
        (the filestore stores identical contents once)."""
        if not fnames:
            return
        cr = self.env.cr
        full_path = self.env["ir.attachment"]._full_path
        fnames = tuple(sorted(set(fnames)))

        def purge_locked(purge_cr):
            # as ir.attachment._gc_file_store: the share lock is the first
            # statement of the transaction, so it waits for the transactions
            # creating attachments (a new upload of the same content reuses
            # the file) and the query below sees what they committed
            purge_cr.execute("SET LOCAL lock_timeout TO '10s'")
            purge_cr.execute("LOCK ir_attachment IN SHARE MODE")
            purge_cr.execute(
                SQL(
                    "SELECT store_fname FROM ir_attachment WHERE store_fname IN %s",
                    fnames,
                )
            )
            used = {row[0] for row in purge_cr.fetchall()}
            for fname in fnames:
                if fname not in used:
                    with contextlib.suppress(OSError):
                        os.unlink(full_path(fname))

        @cr.postcommit.add
        def purge():
            if modules.module.current_test:
                # a test's transaction holds the attachments it created: a
                # second connection would wait for it; the test runs this on
                # its own cursor, in a savepoint that releases the lock
                cr.execute("SAVEPOINT kim_purge_files")
                try:
                    purge_locked(cr)
                except psycopg2.errors.LockNotAvailable:
                    # the nightly garbage collection removes the files
                    _logger.info("erasure: files left to the attachment GC")
                finally:
                    cr.execute("ROLLBACK TO SAVEPOINT kim_purge_files")
                    cr.execute("RELEASE SAVEPOINT kim_purge_files")
                return
            # a transaction of its own, ended at once to release the lock
            try:
                with self.env.registry.cursor() as purge_cr:
                    purge_locked(purge_cr)
            except psycopg2.errors.LockNotAvailable:
                # the nightly garbage collection removes the files
                _logger.info("erasure: files left to the attachment GC")

    @api.model
    def _kim_clear_free_texts(self, records):
        """Empty every free text of the records (text, html and optional char
        fields, e.g. contact notes, purposes, reasons). Written in SQL: an
        erasure must not be blocked by completeness constraints (a release
        needs a purpose) that protect records in use."""
        keep = KEEP_CHAR_FIELDS.get(records._name, set())
        # KIM records: computed texts derive from data that stays (references,
        # pseudonyms). Other models (tasks, meetings, leads of a client) copy
        # the person's name and email into computed or related columns: those
        # are emptied too.
        kim = records._name.startswith("kim.")
        texts = {
            name: field
            for name, field in records._fields.items()
            if field.store
            and field.column_type
            and name not in keep
            and field.type in ("char", "text", "html")
            and not (kim and (field.compute or field.related))
        }
        # required texts a user writes (a goal, a request's question, the name
        # of a meeting) get "Anonymised <id>"; required read-only chars are
        # references given by the system (numbers) and stay, as do required
        # translated texts (jsonb, no safe placeholder)
        placeholders = [
            name
            for name, field in texts.items()
            if field.required
            and not field.translate
            and not (field.type == "char" and field.readonly)
        ]
        columns = [name for name, field in texts.items() if not field.required]
        if not ((columns or placeholders) and records):
            return
        records.flush_recordset(columns + placeholders)
        placeholder = self.env._("Anonymised")
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s WHERE id IN %s",
                SQL.identifier(records._table),
                SQL(", ").join(
                    [SQL("%s = NULL", SQL.identifier(column)) for column in columns]
                    + [
                        SQL(
                            "%s = %s || ' ' || id",
                            SQL.identifier(column),
                            placeholder,
                        )
                        for column in placeholders
                    ]
                ),
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(columns + placeholders)

    # ------------------------------------------------------------- alerts
    @api.model
    def _kim_open_cases_of(self, partners):
        """Open cases in which the given persons are family members."""
        return self.search(
            [("is_closed", "=", False), ("member_ids.partner_id", "in", partners.ids)]
        )

    @api.model
    def _cron_kim_alerts(self):
        """Daily alerts: residence permits expiring within the lead time,
        releases from confidentiality about to expire (C-10) and cases about
        to close for lack of contact (C-8)."""
        self.env["res.partner"]._kim_alert_residence_expiry()
        self.env["kim.consent"]._kim_alert_release_expiry()
        self._kim_warn_auto_close()
        return True
