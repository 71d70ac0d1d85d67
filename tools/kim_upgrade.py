"""Upgrade check of the test command (issue #16): a Kreis that installed the
previous release keeps every record when it upgrades to the working tree.

    python3 tools/kimctl.py test          # runs it after the Odoo tests
    python3 tools/kim_upgrade.py [--keep-db]   # alone

Steps: the previous release's addons (``git archive`` of the tag, or of its
commit where a clone has no tags) are installed with demo data into a fresh
database; the ids of every KIM table and of the standard records KIM keeps
(clients, consents' files, payments, chatter, the audit trail …) are noted;
the working tree's addons are installed over them with ``-u`` and the demo
walk (issue #15) runs on the upgraded database; every noted id must still be
there, and every addon installed (new dependencies come with ``-u``, as for a
Kreis).
"""

import argparse
import ast
import subprocess
import sys
import tempfile
from pathlib import Path

from kim.common import ADDONS, ROOT, log_dir, say
from kim.odoo_env import check_odoo, run_odoo
from kim.odoo_log import analyse_log
from kim.pg import create_database, drop_database, ensure_role, pg_connect

PREVIOUS_TAG = "v18.0.1.0.0"
# the commit of that tag: a clone without tags still finds the release
PREVIOUS_COMMIT = "2be28224a56c14701851c433573e0c1534537dcc"
# standard tables holding what a Kreis must not lose, beside the kim_* tables
STANDARD_TABLES = {
    "res_partner": "kim_is_client OR kim_is_employer OR kim_is_municipality",
    "ir_attachment": "res_model LIKE 'kim.%%' OR id IN "
    "(SELECT attachment_id FROM kim_consent_attachment_rel)",
    "account_move": "id IN (SELECT move_id FROM kim_forwarding_instalment)",
    "account_payment": "TRUE",
    "mail_message": "model LIKE 'kim.%%'",
    "project_task": "kim_case_id IS NOT NULL",
    "calendar_event": "kim_case_id IS NOT NULL",
    # the audit trail, and the rules keeping it append-only (kim_case's until
    # 18.0.1.0.0, kim_audit's since)
    "auditlog_log": "TRUE",
    "auditlog_log_line": "TRUE",
    "ir_rule": "id IN (SELECT res_id FROM ir_model_data WHERE model = 'ir.rule'"
    " AND module IN ('kim_case', 'kim_audit') AND name LIKE 'auditlog%%')",
}


def previous_release():
    """The commit of the previous release (tag, else the known commit)."""
    for ref in (f"{PREVIOUS_TAG}^{{commit}}", f"{PREVIOUS_COMMIT}^{{commit}}"):
        proc = subprocess.run(
            ["git", "rev-parse", "-q", "--verify", ref],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode == 0:
            return proc.stdout.strip()
    return None


def still_there(db, before):
    """{table: ids of ``before`` that still exist}, whatever they became (an
    authority may stop being flagged as employer, a record still counts)."""
    conn = pg_connect(dbname=db)
    found = {}
    with conn.cursor() as cr:
        for table, ids in before.items():
            cr.execute(f"SELECT id FROM {table} WHERE id = ANY(%s)", [sorted(ids)])
            found[table] = {row[0] for row in cr.fetchall()}
    conn.close()
    return found


def snapshot(db):
    """{table: set of ids} of every KIM table and the standard records."""
    conn = pg_connect(dbname=db)
    ids = {}
    with conn.cursor() as cr:
        cr.execute(
            "SELECT replace(model, '.', '_') FROM ir_model"
            " WHERE model LIKE 'kim.%%' AND NOT transient"
        )
        tables = [row[0] for row in cr.fetchall()]
        cr.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_name = ANY(%s)",
            [tables],
        )
        existing = {row[0] for row in cr.fetchall()}
        queries = {table: "TRUE" for table in sorted(existing)} | STANDARD_TABLES
        for table, where in queries.items():
            cr.execute(f"SELECT id FROM {table} WHERE {where}")
            ids[table] = {row[0] for row in cr.fetchall()}
    conn.close()
    return ids


def depends(addon):
    """The dependencies of ``addon`` in the working tree."""
    path = ROOT / "addons" / addon / "__manifest__.py"
    return ast.literal_eval(path.read_text(encoding="utf-8"))["depends"]


def installed(db, names):
    """Those of ``names`` installed in ``db``."""
    conn = pg_connect(dbname=db)
    with conn.cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module"
            " WHERE state = 'installed' AND name = ANY(%s)",
            [list(names)],
        )
        found = {row[0] for row in cr.fetchall()}
    conn.close()
    return found


AUTHORITY_STAFF = """
    SELECT u.id FROM res_users u
      JOIN res_groups_users_rel r ON r.uid = u.id
      JOIN ir_model_data d ON d.res_id = r.gid AND d.model = 'res.groups'
     WHERE d.module = 'kim_case' AND d.name = 'group_kim_authority'
       AND {condition}
"""


def authority_staff(db, condition):
    """Ids of authority staff matching ``condition`` (issue #16 item 5)."""
    conn = pg_connect(dbname=db)
    with conn.cursor() as cr:
        cr.execute(AUTHORITY_STAFF.format(condition=condition))
        ids = {row[0] for row in cr.fetchall()}
    conn.close()
    return ids


def run(addons, keep_db=False):
    """Returns (problems, line): the problems found and the figure line."""
    commit = previous_release()
    if not commit:
        return [f"Vorversion {PREVIOUS_TAG} nicht im Repository gefunden"], ""
    stamp = Path(tempfile.mkdtemp(prefix="kim_prev_"))
    db = f"kim_upgrade_{stamp.name[len('kim_prev_') :].lower()}"
    logfile = log_dir() / f"{db}.log"
    say(f"Upgrade-Test: {PREVIOUS_TAG} ({commit[:9]}) → Arbeitsstand; Log: {logfile}")
    archive = subprocess.run(
        ["git", "archive", commit, "addons"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(stamp)], input=archive, check=True)
    old_addons = [a for a in addons if (stamp / "addons" / a).exists()]
    problems = []
    try:
        create_database(db, logfile)
        say(f"installiere {PREVIOUS_TAG}: " + ", ".join(old_addons))
        if run_odoo(
            db,
            "--addons-path",
            str(stamp / "addons"),
            "-i",
            ",".join(old_addons),
            "--stop-after-init",
            logfile=logfile,
        ):
            return [f"Installation von {PREVIOUS_TAG} fehlgeschlagen ({logfile})"], ""
        before = snapshot(db)
        # staff whose authority was their "employer" keep their authority
        staff = authority_staff(db, "u.kim_employer_id IS NOT NULL")
        say("aktualisiere auf den Arbeitsstand (-u) mit Demo-Rundgang")
        upgrade_log = log_dir() / f"{db}-u.log"
        # a new addon an upgraded one depends on (kim_audit, 18.0.2.0.0) comes
        # with the upgrade, as for a Kreis running -u: Odoo's button_upgrade
        # installs new dependencies; only the others are installed with -i
        pulled = {dep for addon in old_addons for dep in depends(addon)}
        new_addons = [a for a in addons if a not in old_addons and a not in pulled]
        rc = run_odoo(
            db,
            "-u",
            ",".join(old_addons),
            *(["-i", ",".join(new_addons)] if new_addons else []),
            "--test-enable",
            "--test-tags",
            "/kim_demo:TestDemoWalk",
            "--stop-after-init",
            "--log-level",
            "info",
            logfile=upgrade_log,
        )
        after = still_there(db, before)
        missing = sorted(set(addons) - installed(db, addons))
        if missing:
            problems.append(f"nach dem Upgrade nicht installiert: {missing}")
        lost_staff = staff - authority_staff(db, "u.kim_authority_id IS NOT NULL")
        if lost_staff:
            problems.append(
                f"Behördenbenutzer ohne Behörde nach dem Upgrade: {sorted(lost_staff)}"
            )
        res = analyse_log(upgrade_log, [])
        if rc:
            problems.append(f"Upgrade endete mit Exit-Code {rc} ({upgrade_log})")
        if res["failed"] or res["errors"] or not res["total"]:
            problems.append(
                f"Demo-Rundgang nach dem Upgrade fehlgeschlagen ({upgrade_log})"
            )
        if res["bad_lines"]:
            problems.append(f"{len(res['bad_lines'])} ERROR-Zeile(n) im Upgrade-Log")
            for line in res["bad_lines"][:10]:
                print("   ", line[:400])
    finally:
        if not keep_db:
            drop_database(db)
        subprocess.run(["rm", "-rf", str(stamp)], check=False)
    total = sum(len(ids) for ids in before.values())
    lost = {
        table: sorted(ids - after.get(table, set()))[:10]
        for table, ids in before.items()
        if ids - after.get(table, set())
    }
    kept = total - sum(len(before[t] - after.get(t, set())) for t in lost)
    for table, sample in lost.items():
        problems.append(f"Upgrade verliert Datensätze in {table}: {sample} …")
    walk = res["figures"].get("demo_walk_errors", [None])[0]
    if walk:
        problems.append(f"Demo-Rundgang nach dem Upgrade: {walk} Fehler")
    line = f"upgrade from {PREVIOUS_TAG}: {kept} records kept of {total}"
    return problems, line


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=f"upgrade from {PREVIOUS_TAG} to the working tree keeps every "
        "record (issue #16)"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the database")
    args = parser.parse_args()
    check_odoo()
    ensure_role()
    found, figure = run(ADDONS, keep_db=args.keep_db)
    print(figure)
    for problem in found:
        say("PROBLEM: " + problem)
    sys.exit(1 if found or not figure else 0)
