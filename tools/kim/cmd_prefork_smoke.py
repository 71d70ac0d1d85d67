"""``kimctl prefork-smoke`` (issue #17, §5): the demo database served the
way production runs it, in prefork mode (``--workers 2 --max-cron-threads
1``, its own ports). Every demo role logs in over HTTP and opens its main
list and a form (the first KIM app of its menu, as the web client does), the
portal user its portal pages; every KIM cron runs once through the cron
worker; then the server log must hold no ERROR/CRITICAL line.

Then two cron processes are started on the same ready cron at the same
moment (what two servers on one database do): the job must run once (Odoo
takes it with ``SELECT ... FOR NO KEY UPDATE SKIP LOCKED``; the second
process skips it).

``make test`` runs it on its test database (all addons with kim_demo) before
dropping it; alone it builds its own database the way ``kimctl demo`` does,
or uses an existing one (``--db kim_demo``).
"""

import ast
import datetime
import os
import re
import signal
import subprocess
import sys
import time

from .cmd_demo import DEMO_LOGINS, wait_for_port
from .common import ADDONS, ROOT, die, log_dir, python, say
from .odoo_env import check_odoo, free_port, odoo_cmd, run_odoo, setup_dependencies
from .odoo_log import BAD_LINE_RE
from .pg import create_database, drop_database, ensure_role, pg_connect

PORTAL_PAGES = ["/my", "/my/account", "/my/kim-contracts"]
CRON_TIMEOUT = 240  # seconds for the cron worker to run every KIM cron
# the probe of the double-start check: long enough that both processes
# contend for the job while it runs
PROBE_CODE = "time.sleep(3)"
RACE_SCRIPT = ROOT / "tools" / "kim" / "cron_race.py"


class Session:
    """An HTTP session of one user against the prefork server."""

    def __init__(self, base, db):
        import requests

        self.http = requests.Session()
        self.base = base
        self.db = db

    def rpc(self, path, params):
        resp = self.http.post(
            self.base + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=120,
        )
        resp.raise_for_status()
        body = resp.json()
        if body.get("error"):
            data = body["error"].get("data") or {}
            raise RuntimeError(
                f"{path}: {data.get('name', '')}: {data.get('message', body['error'])}"
            )
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def get(self, path):
        resp = self.http.get(self.base + path, timeout=120)
        if resp.status_code >= 400:
            raise RuntimeError(f"GET {path}: HTTP {resp.status_code}")
        return resp

    def login(self, login, password):
        result = self.rpc(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        if not result or not result.get("uid"):
            raise RuntimeError(f"login {login} refused")
        return result


def literal(text, default):
    """An action's domain/context when it is a literal (else ``default``)."""
    if not isinstance(text, str):
        return text or default
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return default


def spec_of(fields):
    """A web_read specification reading every field the views show."""
    spec = {}
    for name, field in fields.items():
        if field.get("type") in ("many2one", "one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def open_app(session, action_id):
    """An app's action as the web client opens it: its list (80 rows) and
    the form of its first record; returns (model, records read)."""
    action = session.rpc("/web/action/load", {"action_id": action_id})
    if action.get("type") == "ir.actions.server":
        # a home such as My day (issue #21): the web client runs it
        action = session.rpc("/web/action/run", {"action_id": action["id"]})
    model = action["res_model"]
    views = session.call(
        model, "get_views", views=[[False, "list"], [False, "form"]], options={}
    )
    spec = spec_of(views["models"][model]["fields"])
    context = literal(action.get("context"), {})
    context = context if isinstance(context, dict) else {}
    rows = session.call(
        model,
        "web_search_read",
        domain=literal(action.get("domain"), []),
        specification=spec,
        limit=80,
        context={k: v for k, v in context.items() if not k.startswith("search_")},
    )
    records = rows["records"]
    if records:
        session.call(model, "web_read", [records[0]["id"]], specification=spec)
    return model, len(records) + (1 if records else 0)


def open_kim_apps(session):
    """Every KIM app of the user's menu (the first is the role's main list);
    returns (models opened, records read)."""
    menus = session.get("/web/webclient/load_menus/kim-smoke").json()
    apps = [menus[str(mid)] for mid in menus["root"]["children"]]
    kim_apps = [
        m for m in apps if (m.get("xmlid") or "").startswith("kim_") and m["actionID"]
    ]
    if not kim_apps:
        raise RuntimeError("no KIM app in the menu")
    opened = [open_app(session, app["actionID"]) for app in kim_apps]
    return [model for model, _count in opened], sum(c for _m, c in opened)


def walk_roles(base, db):
    """Log in as every demo role; return (roles done, errors, lines)."""
    done, errors, lines = 0, 0, []
    for label, login, password in DEMO_LOGINS:
        session = Session(base, db)
        try:
            info = session.login(login, password)
            if info.get("is_internal_user", True) and not login.startswith(
                "kim.portal"
            ):
                session.get("/odoo")
                models, count = open_kim_apps(session)
                lines.append(f"{login}: {', '.join(models)}: {count} records")
            else:
                html = session.get(PORTAL_PAGES[0]).text
                for page in PORTAL_PAGES[1:]:
                    html += session.get(page).text
                contracts = sorted(set(re.findall(r"/my/kim-contracts/\d+", html)))
                for page in contracts[:1]:
                    session.get(page)
                pages = len(PORTAL_PAGES) + len(contracts[:1])
                lines.append(f"{login}: {pages} portal pages")
            done += 1
        except Exception as exc:  # every failure is reported
            errors += 1
            lines.append(f"FEHLER {label} ({login}): {exc}")
    return done, errors, lines


def kim_crons(conn):
    with conn.cursor() as cr:
        cr.execute(
            """SELECT c.id, c.cron_name FROM ir_cron c
                 JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id
                WHERE d.module LIKE 'kim\\_%%' ORDER BY c.id"""
        )
        return cr.fetchall()


def arm_crons(conn):
    """Make every KIM cron due before the server starts (its cron worker
    runs the due jobs first); returns (crons, the last progress id before)."""
    crons = kim_crons(conn)
    with conn.cursor() as cr:
        cr.execute("SELECT coalesce(max(id), 0) FROM ir_cron_progress")
        (since,) = cr.fetchone()
        cr.execute(
            """UPDATE ir_cron SET active = true, failure_count = 0,
                      nextcall = (now() at time zone 'UTC') - interval '1 minute'
                WHERE id = ANY(%s)""",
            ([cid for cid, _name in crons],),
        )
    return crons, since


def wake_cron_worker(db):
    """What Odoo's ir.cron._notifydb does: the cron worker listens for
    ``cron_trigger`` in the "postgres" database."""
    wake = pg_connect()
    with wake.cursor() as cr:
        cr.execute("SELECT pg_notify('cron_trigger', %s)", (db,))
    wake.close()


def wait_crons(conn, db, crons, since):
    """Wait until the cron worker has run every KIM cron once (a new
    ir.cron.progress row); return the list of problems."""
    if not crons:
        return ["keine KIM-Cronjobs gefunden"]
    ids = [cid for cid, _name in crons]
    deadline = time.monotonic() + CRON_TIMEOUT
    pending = set(ids)
    woken = 0
    while pending and time.monotonic() < deadline:
        if time.monotonic() - woken > 10:  # else the worker sleeps 60 s first
            wake_cron_worker(db)
            woken = time.monotonic()
        with conn.cursor() as cr:
            cr.execute(
                "SELECT DISTINCT cron_id FROM ir_cron_progress WHERE id > %s",
                (since,),
            )
            pending -= {row[0] for row in cr.fetchall()}
        if pending:
            time.sleep(2)
    problems = [
        f"Cronjob '{name}' lief nicht binnen {CRON_TIMEOUT}s"
        for cid, name in crons
        if cid in pending
    ]
    with conn.cursor() as cr:
        cr.execute(
            "SELECT cron_name FROM ir_cron WHERE id = ANY(%s) AND failure_count > 0",
            (ids,),
        )
        problems += [f"Cronjob '{name}' fehlgeschlagen" for (name,) in cr.fetchall()]
    ran = len(crons) - len(pending)
    say(f"{ran}/{len(crons)} KIM-Cronjobs im Cron-Worker gelaufen")
    return problems


def start_server(db, logfile):
    port, gevent_port = free_port(), free_port()
    cmd = odoo_cmd(
        db,
        "--workers",
        "2",
        "--max-cron-threads",
        "1",
        "--gevent-port",
        str(gevent_port),
        "--db-filter",
        f"^{re.escape(db)}$",
        "--logfile",
        str(logfile),
        http_port=port,
    )
    say(f"starte Prefork-Server (2 Worker, 1 Cron-Worker) auf Port {port}")
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.DEVNULL)
    if not wait_for_port(port, proc):
        stop_server(proc)
        return None, port
    return proc, port


def stop_server(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cron_race(db, logfile):
    """Two cron processes take the same due cron at the same moment; it must
    run once. The first creates the probe cron once both have loaded the
    registry. Returns (problems, line)."""
    base = [python(), str(RACE_SCRIPT), *odoo_cmd(db)[3:], "--"]
    racers = [
        subprocess.Popen(
            [*base, "race", *extra],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for extra in ([PROBE_CODE], [])
    ]
    outputs = []
    for racer in racers:  # both have loaded the registry and wait
        while (line := racer.stdout.readline()) and "READY" not in line:
            outputs.append(line)
    for racer in racers:
        try:
            racer.stdin.write("GO\n")
            racer.stdin.flush()
        except BrokenPipeError:  # it ended early: its output says why
            pass
    for racer in racers:
        outputs.append(racer.communicate(timeout=300)[0])
    text = "".join(outputs)
    with logfile.open("a") as out:
        out.write(text)
    match = re.search(r"^PROBE (\d+)$", text, re.MULTILINE)
    if not match:
        return [f"Cron-Doppelstart-Probe nicht angelegt, siehe {logfile}"], None
    probe = int(match.group(1))
    conn = pg_connect(dbname=db)
    with conn.cursor() as cr:
        cr.execute("SELECT count(*) FROM ir_cron_progress WHERE cron_id = %s", (probe,))
        (runs,) = cr.fetchone()
        cr.execute(
            "DELETE FROM ir_cron WHERE id = %s RETURNING ir_actions_server_id",
            (probe,),
        )
        cr.execute("DELETE FROM ir_act_server WHERE id = %s", (cr.fetchone()[0],))
    conn.close()
    acquired = len(re.findall(rf"job {probe} acquired", text))
    skipped = len(
        re.findall(
            rf"another worker is processing job {probe}, skip"
            rf"|job {probe} has been processed by another worker",
            text,
        )
    )
    line = (
        f"cron started by two processes at once: ran {runs}x "
        f"(acquired {acquired}, skipped {skipped})"
    )
    problems = [] if runs == 1 and acquired == 1 else [line]
    return problems, line


def prefork_smoke(db):
    """The smoke on an installed demo database; returns (problems, the
    summary lines ending in ``prefork smoke: N roles, E errors``)."""
    stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
    logfile = log_dir() / f"prefork-{db}-{stamp}.log"
    started = time.monotonic()
    conn = pg_connect(dbname=db)
    crons, since = arm_crons(conn)
    proc, port = start_server(db, logfile)
    if proc is None:
        conn.close()
        return [f"Prefork-Server startet nicht, siehe {logfile}"], [
            f"prefork smoke: 0 roles, 1 errors (server did not start: {logfile})"
        ]
    problems = []
    try:
        done, errors, lines = walk_roles(f"http://127.0.0.1:{port}", db)
        for line in lines:
            print("   ", line, flush=True)
        problems += wait_crons(conn, db, crons, since)
    finally:
        conn.close()
        stop_server(proc)
    race_problems, race_line = cron_race(db, logfile)
    problems += race_problems
    text = logfile.read_text(errors="replace") if logfile.exists() else ""
    bad = [line for line in text.splitlines() if BAD_LINE_RE.match(line)]
    for line in bad[:20]:
        print("   ", line[:400], flush=True)
    errors += len(bad) + len(problems)
    say(f"Prefork-Smoke in {time.monotonic() - started:.0f}s, Log: {logfile}")
    summary = [race_line] if race_line else []
    summary.append(f"prefork smoke: {done} roles, {errors} errors")
    if done < len(DEMO_LOGINS) or errors:
        problems.append(
            f"Prefork-Smoke: {done}/{len(DEMO_LOGINS)} Rollen, {errors} Fehler "
            f"({len(bad)} ERROR/CRITICAL-Zeilen), siehe {logfile}"
        )
    return problems, summary


def cmd_prefork_smoke(args):
    check_odoo()
    setup_dependencies()
    ensure_role()
    db = args.db or f"kim_prefork_{os.getpid()}"
    if not args.db:
        logfile = log_dir() / f"{db}.log"
        try:
            create_database(db, logfile)
            say("installiere " + ", ".join(ADDONS) + " mit Demodaten")
            rc = run_odoo(
                db, "-i", ",".join(ADDONS), "--stop-after-init", logfile=logfile
            )
            if rc:
                die(f"Installation fehlgeschlagen, siehe {logfile}")
            problems, summary = prefork_smoke(db)
        finally:
            if not args.keep_db:
                drop_database(db)
    else:
        problems, summary = prefork_smoke(db)
    for line in summary:
        print(line, flush=True)
    for problem in problems:
        say("PROBLEM: " + problem)
    sys.exit(1 if problems else 0)
