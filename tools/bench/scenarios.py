"""Scenarios R1-R10 of issue #8: KIM time against a baseline measured in the
same run (median of a few repetitions), with query counts."""

import importlib.util
import statistics
import time
import uuid
from datetime import date
from pathlib import Path

from odoo import Command
from odoo.tools import SQL

from odoo.addons.kim_case.models.kim_case_lifecycle_mixin import AUTO_CLOSE_BATCH


def _view_specs():
    """R4 reads what the list/kanban guard of the test suite reads: its specs,
    loaded by path:
    importing kim_case.tests would import Odoo's test framework here."""
    path = Path(__file__).resolve().parents[2] / "addons/kim_case/tests/view_specs.py"
    spec = importlib.util.spec_from_file_location("kim_view_specs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.LIST_FIELDS, module.KANBAN_SPEC


LIST_FIELDS, KANBAN_SPEC = _view_specs()

AUTO_CLOSE_NOTE = "Closed automatically"
# scenarios of a few milliseconds: more alternating pairs, a steadier median
# on a shared machine (the slow ones keep --repeat)
FAST_REPEAT = 11
# R5: Odoo's own read_group, formatting included (issue #16 item 3)
R5_LIMIT = 8
BENCH_AUDIT_RULE = "Bench: KIM-Fälle"
# without a project rule (t7-audit-erasure) the bench logs in "fast" mode: the
# "full" mode reads every stored field incl. all x2many (chatter!) before and
# after each write, measured at 120-200x the write without audit log (1k run)
BENCH_AUDIT_LOG_TYPE = "fast"


class Measure:
    """Timing and query counting on one cursor."""

    def __init__(self, env, repeat):
        self.env = env
        self.repeat = repeat

    def once(self, func, rollback=False):
        env = self.env
        env.flush_all()
        env.invalidate_all()
        name = f"bench_{uuid.uuid4().hex[:8]}"
        if rollback:
            env.cr.execute(SQL("SAVEPOINT %s", SQL.identifier(name)))
        start_q = env.cr.sql_log_count
        start = time.perf_counter()
        try:
            result = func()
            env.flush_all()
            elapsed = time.perf_counter() - start
            queries = env.cr.sql_log_count - start_q
        finally:
            if rollback:
                env.cr.execute(SQL("ROLLBACK TO SAVEPOINT %s", SQL.identifier(name)))
                env.transaction.clear()
                env.cr.precommit.clear()
                env.cr.postcommit.clear()
                env.registry.clear_cache()
        return elapsed, queries, result

    def median(self, func, rollback=False, repeat=None, warmup=True):
        if warmup:
            self.once(func, rollback=rollback)
        runs = [
            self.once(func, rollback=rollback) for _i in range(repeat or self.repeat)
        ]
        return (
            statistics.median(r[0] for r in runs),
            max(r[1] for r in runs),
            runs[-1][2],
        )

    def pair(self, base, kim, rollback=False, repeat=None):
        """Alternate baseline and KIM runs (noise hits both alike)."""
        base_runs, kim_runs = [], []
        self.once(base, rollback=rollback)
        self.once(kim, rollback=rollback)
        for _i in range(repeat or self.repeat):
            base_runs.append(self.once(base, rollback=rollback))
            kim_runs.append(self.once(kim, rollback=rollback))
        return (
            statistics.median(r[0] for r in base_runs),
            max(r[1] for r in base_runs),
            statistics.median(r[0] for r in kim_runs),
            max(r[1] for r in kim_runs),
        )


def row(
    scenario, level, base_t, kim_t, target, base_q=None, kim_q=None, check=None, note=""
):
    ratio = kim_t / base_t if base_t else float("inf")
    return {
        "scenario": scenario,
        "level": level,
        "base_t": base_t,
        "kim_t": kim_t,
        "ratio": ratio,
        "target": target,
        "base_q": base_q,
        "kim_q": kim_q,
        "ratio_ok": ratio <= target,
        "check_ok": True if check is None else bool(check),
        "note": note,
    }


class Scenarios:
    def __init__(self, env, generator, repeat):
        self.env = env
        self.gen = generator
        self.m = Measure(env, repeat)
        ref = env.ref
        self.cm = generator.managers[0]
        self.coordination = ref("kim_demo.user_demo_coordination")
        self.lead = ref("kim_demo.user_demo_lead")
        self.steering = ref("kim_demo.user_demo_steering")
        self.authority = ref("kim_demo.user_demo_authority")
        self.portal = ref("kim_demo.user_demo_portal_caritas")

    # ------------------------------------------------------------------ R1
    def r1(self, level, timings):
        """Batch-create cases with chatter vs the same number of project.task."""
        env = self.env
        project = env["project.project"].search(
            [("name", "=", "Bench-Baseline")], limit=1
        ) or env["project.project"].create({"name": "Bench-Baseline"})
        partner = env.ref("kim_demo.partner_demo_caritas")
        runs = [t for t in timings if t[0] == level]
        if not runs:
            return None  # no case created at this level (data existed already)
        per_kim = [seconds / size for _lvl, size, seconds in runs]
        size = runs[0][1]
        users = self.gen.managers

        def tasks():
            env["project.task"].with_context(mail_auto_subscribe_no_notify=True).create(
                [
                    {
                        "name": f"Baseline-Aufgabe {i}",
                        "project_id": project.id,
                        "partner_id": partner.id,
                        "user_ids": [Command.set(users[i % len(users)].ids)],
                        "date_deadline": date.today(),
                        "description": "Vergleichsdatensatz",
                    }
                    for i in range(size)
                ]
            )

        base = [
            self.m.once(tasks, rollback=True)[0] / size
            for _i in range(min(len(runs), 5))
        ]
        return row(
            "R1 batch-create cases with chatter (per record)",
            level,
            statistics.median(base),
            statistics.median(per_kim),
            1.5,
            note=f"{len(runs)} batches of {size}",
        )

    # ------------------------------------------------------------------ R2
    def r2(self, level):
        domain = [("is_closed", "=", False)]

        def run(env):
            def func():
                Case = env["kim.case"]
                ids = Case.search(domain, limit=80).ids
                return ids, Case.search_count(domain)

            return func

        su_env = self.env
        cm_env = self.env(user=self.cm.id, su=False)
        bt, bq, kt, kq = self.m.pair(run(su_env), run(cm_env), repeat=FAST_REPEAT)
        return row(
            "R2 case manager search+count (80) under record rules",
            level,
            bt,
            kt,
            2,
            bq,
            kq,
            check=kq <= bq + 1,
            note="queries <= superuser + 1",
        )

    # ------------------------------------------------------------------ R3
    def r3(self, level):
        fields = ["name", "date_start", "date_end", "amount", "amount_paid", "state"]
        org = self.portal.commercial_partner_id | self.portal.kim_employer_id

        def kim():
            Contract = self.env(user=self.portal.id, su=False)[
                "kim.forwarding.contract"
            ]
            assert Contract.has_access("read")
            Contract.search([]).read(fields)

        def base():
            self.env["kim.forwarding.contract"].search(
                [("recipient_id", "in", org.ids)]
            ).read(fields)

        bt, bq, kt, kq = self.m.pair(base, kim, repeat=FAST_REPEAT)
        return row(
            "R3 portal /my contracts (search + displayed fields)",
            level,
            bt,
            kt,
            3,
            bq,
            kq,
        )

    # ------------------------------------------------------------------ R4
    def r4_measure(self):
        env = self.env(user=self.coordination.id, su=False)

        def func():
            Case = env["kim.case"]
            Case.search_read([], LIST_FIELDS, limit=80)
            # as the web client asks: the count stops at 10,001
            # (DEFAULT_COUNT_LIMIT of web's relational model, plus one)
            Case.web_search_read([], KANBAN_SPEC, limit=80, count_limit=10001)

        t, q, _r = self.m.median(func, repeat=FAST_REPEAT)
        return t, q

    # ------------------------------------------------------------------ R5
    def r5(self, level):
        """The pivot as the UI groups it: organisation x the stored month key
        ``first_contact_month`` x stage (a "first_contact_date:month" grouping
        makes read_group format every group's month with babel, ~60 us each)."""
        user = self.coordination
        env = self.env(user=user.id, su=False)
        groupby = ["employer_id", "first_contact_month", "stage_id"]

        def kim():
            return env["kim.case"].read_group([], ["__count"], groupby, lazy=False)

        def base():
            self.env.cr.execute(
                SQL(
                    """SELECT c.employer_id, c.first_contact_month, c.stage_id,
                              count(*)
                         FROM kim_case c
                         JOIN kim_district_coordinator_rel r
                           ON r.district_id = c.district_id
                        WHERE c.active AND r.user_id = %s
                        GROUP BY 1, 2, 3""",
                    user.id,
                )
            )
            return self.env.cr.fetchall()

        bt, bq, kt, kq = self.m.pair(base, kim, repeat=FAST_REPEAT)
        groups = len(kim())

        def rule_sql():
            return env["kim.case"]._read_group([], groupby, ["__count"])

        def date_month():
            return env["kim.case"].read_group(
                [],
                ["__count"],
                ["employer_id", "first_contact_date:month", "stage_id"],
                lazy=False,
            )

        def base_ordered():
            # the same figures in the order read_group returns them (the
            # groupby many2ones by their models' _order): information only
            self.env.cr.execute(
                SQL(
                    """SELECT c.employer_id, c.first_contact_month, c.stage_id,
                              count(*)
                         FROM kim_case c
                         JOIN kim_district_coordinator_rel r
                           ON r.district_id = c.district_id
                         LEFT JOIN res_partner p ON p.id = c.employer_id
                         LEFT JOIN kim_case_stage s ON s.id = c.stage_id
                        WHERE c.active AND r.user_id = %s
                        GROUP BY 1, 2, 3, p.complete_name, p.id, s.sequence, s.id
                        ORDER BY p.complete_name, p.id DESC, 2, s.sequence, s.id""",
                    user.id,
                )
            )
            return self.env.cr.fetchall()

        st, _sq, _r = self.m.median(rule_sql)
        dt, _dq, _r = self.m.median(date_month)
        ot, _oq, _r = self.m.median(base_ordered)
        return row(
            "R5 pivot org x month x stage (coordination)",
            level,
            bt,
            kt,
            # issue #8 set <= 3, met only by overriding Odoo's private
            # _read_group* methods, which issue #16 item 3 removed: core's
            # read_group formats each group in Python (~20 us a group, 776
            # groups at 10k), while the SQL under the record rules stays at
            # ~1.4 x (see the note); the team's decision is in #16's note
            R5_LIMIT,
            bq,
            kq,
            note=f"{groups} groups; SQL part under record rules (_read_group) "
            f"{st * 1000:.1f} ms = {st / bt:.2f} x baseline; grouping by "
            f"first_contact_date:month instead: {dt * 1000:.1f} ms = "
            f"{dt / bt:.2f} x baseline; baseline with read_group's ORDER BY "
            f"(joins res_partner, kim_case_stage): {ot * 1000:.1f} ms, KIM = "
            f"{kt / ot:.2f} x that",
        )

    # ------------------------------------------------------------------ R6
    def _auto_close_candidates(self):
        Case = self.env["kim.case"]
        return Case.search(Case._kim_auto_close_domain())

    def r6(self, level):
        env = self.env
        Case = env["kim.case"]
        candidates = self._auto_close_candidates()
        closed_stage = env.ref("kim_case.stage_closed")
        reason = env.ref("kim_case.close_reason_no_contact")
        batch_queries = []

        def kim():
            total = 0
            batch_queries.clear()  # judged on the last run: warm ormcaches
            while True:
                # each cron call as a fresh worker call: reference records are
                # read again, so the query count per batch compares
                env.invalidate_all()
                start = env.cr.sql_log_count
                closed = Case._cron_auto_close()
                if len(closed) == AUTO_CLOSE_BATCH:
                    batch_queries.append(env.cr.sql_log_count - start)
                if not closed:
                    return total
                total += len(closed)

        def base():
            env.cr.execute(
                SQL(
                    """UPDATE kim_case SET stage_id = %s, is_closed = true,
                              close_reason_id = %s, closed_date = %s
                        WHERE id IN %s""",
                    closed_stage.id,
                    reason.id,
                    date.today(),
                    tuple(candidates.ids) or (0,),
                )
            )

        audit = self._audit_rule(create=False)
        audited = bool(audit) and audit.state == "subscribed"
        bt, bq, kt, kq = self.m.pair(base, kim, rollback=True, repeat=2)
        # the first batch of a run reads the reference records and the audit
        # rule into this transaction's caches; from the second on: constant
        flat = len(set(batch_queries[1:])) <= 1
        per_batch = sorted(set(batch_queries))
        off_t = None
        if audited:  # information: the same closing without the audit log
            audit.unsubscribe()
            off_t = self.m.median(kim, rollback=True, repeat=2)[0]
            audit.subscribe()
            env.cr.commit()
        # kill at half and re-run: nobody closed twice
        twice, total = self._r6_kill_and_rerun(candidates)
        return row(
            "R6 auto-close all due cases (cron batches)",
            level,
            bt,
            kt,
            20,
            bq,
            kq,
            check=flat and twice == 0 and total == len(candidates),
            note=(
                f"{len(candidates)} candidates; queries per full batch "
                f"{per_batch}; kill at half: closed twice "
                f"{twice}, closed {total}; audit log on cases: "
                + (
                    f"on (without it {off_t * 1000:.1f} ms = {off_t / bt:.2f} x)"
                    if audited
                    else "off"
                )
            ),
        )

    def _r6_kill_and_rerun(self, candidates):
        env = self.env
        Case = env["kim.case"]
        result = {}

        def scenario():
            closed = 0
            half = len(candidates) // 2
            while closed < half:
                done = Case._cron_auto_close()
                if not done:
                    break
                closed += len(done)
            # the worker dies in the middle of the next batch: its work is lost
            env.flush_all()
            env.cr.execute("SAVEPOINT bench_killed")
            Case._cron_auto_close()
            env.flush_all()
            env.cr.execute("ROLLBACK TO SAVEPOINT bench_killed")
            env.transaction.clear()
            # a new worker starts over
            while True:
                done = env["kim.case"]._cron_auto_close()
                if not done:
                    break
            env.flush_all()
            env.cr.execute(
                SQL(
                    """SELECT count(*) FROM (
                           SELECT res_id FROM mail_message
                            WHERE model = 'kim.case' AND res_id IN %s
                              AND body::text LIKE %s
                            GROUP BY res_id HAVING count(*) > 1) twice""",
                    tuple(candidates.ids) or (0,),
                    f"%{AUTO_CLOSE_NOTE}%",
                )
            )
            result["twice"] = env.cr.fetchone()[0]
            result["total"] = Case.search_count(
                [("id", "in", candidates.ids), ("is_closed", "=", True)]
            )

        self.m.once(scenario, rollback=True)
        return result["twice"], result["total"]

    # ------------------------------------------------------------------ R7
    def r7_measure(self):
        env = self.env(user=self.steering.id, su=False)
        year = date.today().year
        Monitoring = env["kim.governance.monitoring"]

        def kim():
            return Monitoring._kim_key_figures(year)

        def base():
            return self._r7_sql(year)

        return self.m.pair(base, kim)

    def _r7_sql(self, year):
        cr = self.env.cr
        start, end = date(year, 1, 1), date(year, 12, 31)
        active = SQL(
            "c.first_contact_date <= %s AND (c.closed_date IS NULL OR "
            "c.closed_date >= %s)",
            end,
            start,
        )
        queries = [
            SQL(
                "SELECT district_id, count(*) FROM kim_case c WHERE "
                "first_contact_date BETWEEN %s AND %s GROUP BY 1",
                start,
                end,
            ),
            SQL(
                "SELECT district_id, count(*) FROM kim_case c WHERE %s GROUP BY 1",
                active,
            ),
            SQL(
                "SELECT district_id, count(*) FROM kim_case c WHERE "
                "closed_date BETWEEN %s AND %s GROUP BY 1",
                start,
                end,
            ),
            SQL(
                "SELECT municipality_id, count(*) FROM kim_case c WHERE %s GROUP BY 1",
                active,
            ),
            SQL(
                "SELECT close_reason_id, count(*) FROM kim_case c WHERE "
                "closed_date BETWEEN %s AND %s GROUP BY 1",
                start,
                end,
            ),
            SQL("SELECT type_id, count(*) FROM kim_case c WHERE %s GROUP BY 1", active),
        ]
        for column in ("kim_gender", "kim_residence_status_id", "kim_nationality_id"):
            queries.append(
                SQL(
                    "SELECT p.%s, count(*) FROM kim_case c JOIN res_partner p "
                    "ON p.id = c.partner_id WHERE %s GROUP BY 1",
                    SQL.identifier(column),
                    active,
                )
            )
        queries += [
            SQL(
                "SELECT outcome, count(*) FROM kim_case_goal WHERE outcome_date "
                "BETWEEN %s AND %s GROUP BY 1",
                start,
                end,
            ),
            SQL(
                "SELECT k.interpreter_used, count(*) FROM kim_case_contact k "
                "JOIN kim_case c ON c.id = k.case_id WHERE k.date BETWEEN %s AND %s "
                "AND %s GROUP BY 1",
                start,
                end,
                active,
            ),
            SQL(
                "SELECT kim_legal_domain_id, count(*) FROM project_task WHERE "
                "kim_case_id IS NOT NULL AND kim_partner_org_id IS NOT NULL AND "
                "create_date BETWEEN %s AND %s GROUP BY 1",
                start,
                f"{end} 23:59:59",
            ),
            SQL(
                "SELECT life_domain_id, count(*) FROM kim_case_assessment_line "
                "WHERE assessment_date BETWEEN %s AND %s AND needs IS NOT NULL "
                "GROUP BY 1",
                start,
                end,
            ),
            SQL(
                "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY "
                "closed_date - first_contact_date) FROM kim_case WHERE closed_date "
                "BETWEEN %s AND %s AND first_contact_date IS NOT NULL",
                start,
                end,
            ),
            SQL("SELECT stage, count(*) FROM kim_generative_theme GROUP BY 1"),
        ]
        result = []
        for query in queries:
            cr.execute(query)
            result.append(cr.fetchall())
        return result

    # ------------------------------------------------------------------ R8
    def r8(self, level, count):
        env = self.env(user=self.lead.id, su=False)
        chunk = min(1000, count)
        rows_fields = [
            "name",
            "kim_is_client",
            "kim_birthdate",
            "street",
            "zip",
            "city",
        ]
        muni = self.gen.municipalities
        chunks = []
        for start in range(0, count, chunk):
            chunks.append(
                [
                    [
                        f"Import{n:06d} Testperson",
                        "1",
                        f"19{60 + n % 40}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                        f"Importstraße {n % 90 + 1}",
                        muni[n % 13].zip or "",
                        muni[n % 13].city or "",
                    ]
                    for n in range(start, min(count, start + chunk))
                ]
            )
        base_times, kim_times, base_q, kim_q = [], [], 0, 0
        for rows in chunks:

            def kim(rows=rows):
                result = env["res.partner"].load(rows_fields, rows)
                assert result["ids"] and len(result["ids"]) == len(rows), result[
                    "messages"
                ][:3]

            def base(rows=rows):
                env["res.partner"].create(
                    [
                        {
                            "name": r[0],
                            "kim_is_client": True,
                            "kim_birthdate": r[2],
                            "street": r[3],
                            "zip": r[4],
                            "city": r[5],
                        }
                        for r in rows
                    ]
                )

            bt, bq, _r = self.m.once(base, rollback=True)
            kt, kq, _r = self.m.once(kim, rollback=True)
            base_times.append(bt)
            kim_times.append(kt)
            base_q, kim_q = max(base_q, bq), max(kim_q, kq)
        return row(
            f"R8 import {count} clients (load vs create)",
            level,
            sum(base_times),
            sum(kim_times),
            3,
            base_q,
            kim_q,
            note=f"chunks of {chunk}; queries per chunk",
        )

    # ------------------------------------------------------------------ R9
    def r9(self, level, count=1000):
        env = self.env
        if "auditlog.rule" not in env:
            return row(
                "R9 writes with audit log",
                level,
                1,
                0,
                2,
                check=False,
                note="no auditlog",
            )
        rule = self._audit_rule()
        cases = env["kim.case"].search([("is_closed", "=", False)], limit=count)
        lead_env = env(user=self.lead.id, su=False)
        channels = ["self", "referral", "outreach", "info_event"]

        def writes():
            # one write per request, as from the form view: flushed each time
            # (flush and pre-commit hooks such as chatter tracking included)
            for index, case in enumerate(lead_env["kim.case"].browse(cases.ids)):
                case.write({"channel": channels[index % 4], "color": index % 10})
                env.flush_all()
                env.cr.precommit.run()

        def switch(state):
            if state and rule.state != "subscribed":
                rule.subscribe()
            elif not state and rule.state == "subscribed":
                rule.unsubscribe()
            env.cr.commit()

        was_subscribed = rule.state == "subscribed"
        base_t, kim_t, bq, kq = [], [], 0, 0
        for attempt in range(self.m.repeat + 1):
            switch(False)
            off = self.m.once(writes, rollback=True)
            switch(True)
            on = self.m.once(writes, rollback=True)
            if attempt:  # the first pair warms up
                base_t.append(off[0])
                kim_t.append(on[0])
                bq, kq = max(bq, off[1]), max(kq, on[1])
        bt, kt = statistics.median(base_t), statistics.median(kim_t)
        logs = self._audit_probe(rule, cases[:5], lead_env)
        switch(was_subscribed)  # leave the database as configured
        return row(
            f"R9 {len(cases)} case writes, audit log on/off",
            level,
            bt,
            kt,
            2,
            bq,
            kq,
            check=logs > 0,
            note=f"rule {rule.name!r} ({rule.log_type}); probe logs {logs}",
        )

    def _audit_rule(self, create=True):
        env = self.env
        if "auditlog.rule" not in env:
            return None
        rule = env.ref("kim_case.auditlog_rule_kim_case", raise_if_not_found=False)
        rule = rule or env["auditlog.rule"].search(
            [("model_id.model", "=", "kim.case")], limit=1
        )
        if not rule and not create:
            return rule
        if not rule:
            rule = env["auditlog.rule"].create(
                {
                    "name": BENCH_AUDIT_RULE,
                    "model_id": env["ir.model"]._get_id("kim.case"),
                    "log_write": True,
                    "log_create": True,
                    "log_unlink": True,
                    "log_type": BENCH_AUDIT_LOG_TYPE,
                }
            )
        if rule.name == BENCH_AUDIT_RULE and rule.log_type != BENCH_AUDIT_LOG_TYPE:
            rule.log_type = BENCH_AUDIT_LOG_TYPE
        env.cr.commit()
        return rule

    def _audit_probe(self, rule, cases, lead_env):
        """The measurement must really log: count the log lines of 5 writes."""
        result = {}

        def probe():
            for case in lead_env["kim.case"].browse(cases.ids):
                case.write({"color": 11})
            result["n"] = self.env["auditlog.log"].search_count(
                [("model_id.model", "=", "kim.case"), ("res_id", "in", cases.ids)]
            )

        if rule.state != "subscribed":
            rule.subscribe()
        self.m.once(probe, rollback=True)
        rule.unsubscribe()
        self.env.cr.commit()
        return result["n"]

    # ----------------------------------------------------------------- R10
    def r10(self, level):
        authority_env = self.env(user=self.authority.id, su=False)
        cm_env = self.env(user=self.cm.id, su=False)

        def kim():
            Request = authority_env["kim.abh.request"]
            ids = Request.search([], limit=80).ids
            return Request.search_count([]) if ids else 0

        def base():
            Case = cm_env["kim.case"]
            ids = Case.search([], limit=80).ids
            return Case.search_count([]) if ids else 0

        bt, bq, kt, kq = self.m.pair(base, kim, repeat=FAST_REPEAT)
        _t, _q, visible = self.m.once(kim)
        _t, _q, own = self.m.once(base)
        # the count reads every visible record: per record, for information
        per_kim = kt / visible * 1e6 if visible else 0
        per_base = bt / own * 1e6 if own else 0
        return row(
            "R10 authority consent-gated request search",
            level,
            bt,
            kt,
            2,
            bq,
            kq,
            check=visible > 0,
            note=f"authority sees {visible} requests, the case manager {own} "
            f"cases; per visible record {per_kim:.1f} us vs {per_base:.1f} us",
        )
