# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixture of the two-cursor race tests (issue #17 §3). No tests here.

A race test commits its own data with a real cursor (not the test's
transaction, which the racing cursors cannot see), lets two real
transactions at REPEATABLE READ run the same "count, then insert" action at
once (both take their snapshot before either commits) and deletes what it
committed afterwards, so it runs without kim_demo.
"""

import faulthandler
import logging
import tempfile
import threading

import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.api import Transaction
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase
from odoo.tools import SQL, mute_logger

from .figures import report_figure

_logger = logging.getLogger(__name__)

OK = "ok"
SERIALISATION_FAILURE = "serialisation failure"


class KimRaceCase(TransactionCase):
    """Base of the race tests: commits data, races two real cursors, cleans up.

    Subclasses must not write rows in ``setUpClass``: the test's open
    transaction would hold their locks and the racing cursors wait for it."""

    def _kim_real_cursor(self):
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        # the registry is passed on: looking it up by name would wait for the
        # registry lock the test runner holds
        cr.transaction = Transaction(self.registry)
        return cr

    def _kim_lang(self):
        return "de_DE" if self.env["res.lang"]._lang_get("de_DE") else "en_US"

    # committed fixture -------------------------------------------------

    def _kim_watermarks(self, cr):
        cr.execute(
            """SELECT c.table_name FROM information_schema.columns c
                 JOIN information_schema.tables t
                   ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = current_schema() AND c.column_name = 'id'
                  AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('integer', 'bigint')"""
        )
        tables = [row[0] for row in cr.fetchall()]
        marks = {}
        for table in tables:
            cr.execute(SQL("SELECT max(id) FROM %s", SQL.identifier(table)))
            marks[table] = cr.fetchone()[0] or 0
        return marks

    def _kim_commit(self, function):
        """Run ``function(env)`` as superuser in a real transaction, commit it
        and return its result; everything committed is deleted after the test."""
        if not hasattr(self, "_kim_marks"):
            with self._kim_real_cursor() as cr:
                self._kim_marks = self._kim_watermarks(cr)
            self.addCleanup(self._kim_cleanup)
        with self._kim_real_cursor() as cr:
            env = api.Environment(
                cr,
                SUPERUSER_ID,
                {"tracking_disable": True, "mail_create_nolog": True},
            )
            result = function(env)
            env.flush_all()
            cr.commit()  # pylint: disable=invalid-commit
        return result

    def _kim_cleanup(self):
        """Delete every row committed since the first ``_kim_commit`` (rows
        referenced by others go in a later pass)."""
        with self._kim_real_cursor() as cr, mute_logger("odoo.sql_db"):
            pending = {}
            for table, mark in self._kim_marks.items():
                cr.execute(
                    SQL("SELECT 1 FROM %s WHERE id > %s", SQL.identifier(table), mark)
                )
                if cr.fetchone():
                    pending[table] = mark
            for _pass in range(10):
                for table, mark in list(pending.items()):
                    try:
                        with cr.savepoint(flush=False):
                            cr.execute(
                                SQL(
                                    "DELETE FROM %s WHERE id > %s",
                                    SQL.identifier(table),
                                    mark,
                                )
                            )
                        del pending[table]
                    except psycopg2.errors.ForeignKeyViolation:
                        continue
                if not pending:
                    break
            cr.commit()  # pylint: disable=invalid-commit
        if pending:
            _logger.warning("race test left rows behind in %s", sorted(pending))

    # the race -----------------------------------------------------------

    def _kim_race(self, *contenders, retry=True):
        """Run each ``(uid, action)`` of ``contenders`` in its own real
        transaction at the same time: both take their snapshot, then each
        calls ``action(env)`` and commits. A serialisation failure is retried
        in a new transaction as Odoo's RPC layer does. Returns one outcome per
        contender: ``OK`` or the message of the error that refused it.
        Without ``retry``, a serialisation failure is the outcome
        ``SERIALISATION_FAILURE`` (for actions a retry would legitimately
        repeat, such as replacing a key's lines)."""
        barrier = threading.Barrier(len(contenders), timeout=30)
        outcomes = [None] * len(contenders)
        self._kim_retries = 0
        lang = self._kim_lang()

        def run(index, uid, action):
            cr = self._kim_real_cursor()
            try:
                env = api.Environment(cr, uid, {"lang": lang, "tz": "Europe/Berlin"})
                cr.execute("SELECT id FROM res_users WHERE id = %s", [uid])
                barrier.wait()  # both snapshots are taken: neither sees the other
                for _attempt in range(3):
                    try:
                        action(env)
                        env.flush_all()
                        cr.commit()  # pylint: disable=invalid-commit
                        outcomes[index] = OK
                        return
                    except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                        cr.rollback()
                        env.transaction.clear()
                        self._kim_retries += 1
                        if not retry:
                            outcomes[index] = SERIALISATION_FAILURE
                            return
                    except (UserError, ValidationError) as exc:
                        cr.rollback()
                        outcomes[index] = exc.args[0]
                        return
                outcomes[index] = "still conflicting after 3 attempts"
            except Exception as exc:  # reported by the assertions of the test
                cr.rollback()
                outcomes[index] = f"unexpected {exc!r}"
            finally:
                cr.close()

        with mute_logger("odoo.sql_db", "odoo.service.model"):
            threads = [
                threading.Thread(target=run, args=(index, uid, action))
                for index, (uid, action) in enumerate(contenders)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=90)
        if any(thread.is_alive() for thread in threads):
            with tempfile.TemporaryFile("w+") as stacks:
                faulthandler.dump_traceback(stacks)
                stacks.seek(0)
                self.fail("a racing transaction hangs:\n" + stacks.read())
        return outcomes

    def _kim_assert_one_wins(self, outcomes, refusal):
        """Exactly one contender succeeded; every other was refused with a
        message matching ``refusal``. Reports the race figures afterwards."""
        successes = outcomes.count(OK)
        self.assertEqual(successes, 1, outcomes)
        for outcome in outcomes:
            if outcome != OK:
                self.assertRegex(outcome, refusal)
        report_figure("races_tested", 1, 1)
        report_figure("double_successes", successes - 1)
