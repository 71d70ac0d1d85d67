"""``kimctl test``: lint, repository tests, the Odoo tests in a fresh
database, the benchmark's quick run and the upgrade check, judged from the
log (every problem makes the run fail)."""

import datetime
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import kim_upgrade
import sudo_audit

from .cmd_app_suites import check_suite
from .cmd_bench import run_bench
from .cmd_prefork_smoke import prefork_smoke
from .common import ADDONS, ROOT, die, log_dir, python, say
from .odoo_env import check_odoo, run_odoo, setup_dependencies
from .odoo_log import analyse_log
from .pg import create_database, drop_database, ensure_role


def cmd_test(args):
    check_odoo()
    setup_dependencies()
    ensure_role()
    addons = args.addons.split(",") if args.addons else ADDONS
    unknown = [
        a for a in addons if not (ROOT / "addons" / a / "__manifest__.py").exists()
    ]
    if unknown:
        die("Unbekannte Addons / unknown addons: " + ", ".join(unknown))
    stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
    db = f"kim_test_{stamp}_{os.getpid()}"
    logfile = log_dir() / f"{db}.log"
    say(f"Testlauf in frischer Datenbank {db}; Log: {logfile}")

    full = not args.tags and addons == ADDONS
    # issue #17: Odoo's own app suites with KIM against their baseline. Each
    # Odoo run keeps one core busy; on a machine with two or more they run
    # beside the KIM tests, in their own database and on their own port.
    app_suites = full and not args.no_app_suites
    pool = ThreadPoolExecutor(max_workers=1)
    beside = None
    if app_suites and (os.cpu_count() or 1) > 1:
        beside = pool.submit(check_suite, "apps")

    lint_failures = 0 if args.no_lint else run_lint()
    repo_passed, repo_failed, repo_skipped = run_repo_tests()

    odoo_rc = bench_rc = 0
    extra_problems, extra_lines = [], []
    try:
        create_database(db, logfile)
        tags = args.tags or ",".join(f"/{a}" for a in addons)
        say("installiere und teste " + ", ".join(addons) + f" (--test-tags {tags})")
        odoo_rc = run_odoo(
            db,
            "-i",
            ",".join(addons),
            "--test-enable",
            "--test-tags",
            tags,
            "--stop-after-init",
            "--log-level",
            "info",
            logfile=logfile,
        )
        # issue #8: the benchmark harness at 1k, on the test DB before it goes
        if not (args.tags or args.no_bench) and addons == ADDONS and not odoo_rc:
            bench_rc = run_bench(db, quick=True, fresh=False)
        # issue #17: the demo database in prefork mode, before it goes
        if full and not (odoo_rc or args.no_prefork):
            extra_problems, extra_lines = prefork_smoke(db)
    finally:
        if not args.keep_db:
            drop_database(db)
    res = analyse_log(logfile, [] if args.tags else addons)

    problems, upgrade_line = run_upgrade(args, addons)
    if app_suites:
        suite_problems, suite_line = beside.result() if beside else check_suite("apps")
        extra_problems += suite_problems
        extra_lines.append(suite_line)
    pool.shutdown()
    problems += extra_problems
    problems += run_problems(res, odoo_rc, bench_rc, lint_failures, repo_failed)
    subprocess.run([python(), str(ROOT / "tools" / "traceability.py")], check=False)
    problems += print_figures(res["figures"], complete=full)
    if upgrade_line:
        print(upgrade_line)
    for line in extra_lines:
        print(line, flush=True)
    odoo_skipped = len(res["skipped"])
    odoo_failed = res["failed"] + res["errors"]
    odoo_passed = res["total"] - odoo_failed - odoo_skipped
    passed = odoo_passed + repo_passed
    failed = odoo_failed + repo_failed
    skipped = odoo_skipped + repo_skipped
    if problems and failed == 0:
        failed = 1  # a run with a problem is never reported as all green
    print()
    say(
        f"Odoo-Tests: {res['total']} gelaufen, {odoo_failed} fehlgeschlagen, "
        f"{odoo_skipped} übersprungen; Repository-Tests: {repo_passed} ok, "
        f"{repo_failed} fehlgeschlagen; Log: {logfile}"
    )
    for problem in problems:
        say("PROBLEM: " + problem)
    print(f"{passed} passed, {failed} failed, {skipped} skipped", flush=True)
    sys.exit(1 if problems or failed else 0)


def run_problems(res, odoo_rc, bench_rc, lint_failures, repo_failed):
    """The problems of a run that its log and exit codes show."""
    problems = []
    if odoo_rc:
        problems.append(f"Odoo endete mit Exit-Code {odoo_rc}")
    if res["total"] == 0:
        problems.append("Odoo hat keinen Test ausgeführt")
    for addon in res["addons_without_tests"]:
        problems.append(f"Addon {addon}: kein Test gelaufen")
    browser_skips = [
        s
        for s in res["skipped"]
        if re.search(r"chrom|websocket|browser|devtools", s.group(2), re.IGNORECASE)
    ]
    if browser_skips:
        problems.append(
            f"{len(browser_skips)} Browser-Tour(s) übersprungen "
            "(Chromium/websocket-client?)"
        )
    if res["bad_lines"]:
        problems.append(f"{len(res['bad_lines'])} ERROR/CRITICAL-Zeile(n) im Log")
        for line in res["bad_lines"][:20]:
            print("   ", line[:400])
    if res["idle_timeouts"]:
        idle = len(res["idle_timeouts"])
        say(
            f"Hinweis: {idle} leere Browser-Verbindung(en) von Odoos Testserver "
            "nach 5 s geschlossen (werkzeug 'Request timed out', kein KIM-Fehler, "
            "siehe tools/kim/odoo_log.py)"
        )
    if bench_rc:
        problems.append("Benchmark-Schnelllauf fehlgeschlagen (bench/results.md)")
    if lint_failures:
        problems.append(f"{lint_failures} Lint-Werkzeug(e) mit Befunden")
    if repo_failed:
        problems.append(f"{repo_failed} Repository-Test(s) fehlgeschlagen")
    return problems


def run_upgrade(args, addons):
    """Issue #16: the previous release upgrades to this one keeping every
    record (tools/kim_upgrade.py); full runs only. Returns (problems, line)."""
    if args.tags or args.no_upgrade or addons != ADDONS:
        return [], None
    problems, line = kim_upgrade.run(ADDONS)
    if not line:
        problems.append("Upgrade-Test ohne Ergebnis")
    return problems, line


def run_repo_tests():
    """pytest on the repository checks (tests/); returns (passed, failed, skipped)."""
    report = log_dir() / "repo-tests.txt"
    proc = subprocess.run(
        [
            python(),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:odoo",
            "tests",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report.write_text(proc.stdout + proc.stderr)
    out = proc.stdout
    counts = {}
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    for num, word in re.findall(r"(\d+) (passed|failed|skipped|error|errors)", summary):
        counts[word.rstrip("s") if word.startswith("error") else word] = int(num)
    if proc.returncode not in (0, 5):
        print(out[-6000:])
    return (
        counts.get("passed", 0),
        counts.get("failed", 0) + counts.get("error", 0),
        counts.get("skipped", 0),
    )


def run_lint():
    """ruff, pylint-odoo and OCA checks; returns the number of failing tools."""
    failures = 0
    for label, cmd in (
        ("ruff check", [python(), "-m", "ruff", "check", "addons", "tests", "tools"]),
        (
            "ruff format",
            [python(), "-m", "ruff", "format", "--check", "addons", "tests", "tools"],
        ),
        (
            "pylint-odoo",
            [
                python(),
                "-m",
                "pylint",
                "--rcfile",
                str(ROOT / ".pylintrc"),
                *[str(ROOT / "addons" / a) for a in ADDONS],
            ],
        ),
        (
            "oca-checks-odoo-module",
            ["oca-checks-odoo-module", *[str(ROOT / "addons" / a) for a in ADDONS]],
        ),
        (
            "oca-checks-po",
            ["oca-checks-po", *map(str, sorted(ROOT.glob("addons/*/i18n/*.po*")))],
        ),
    ):
        proc = subprocess.run(
            cmd, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            failures += 1
            say(f"Lint fehlgeschlagen: {label}")
            print((proc.stdout + proc.stderr)[-8000:])
        else:
            say(f"Lint ok: {label}")
    return failures


FIGURE_LINES = [
    # (key, label, kind): "fraction" must be X/X, "zero" must be 0, "count" > 0,
    # "walk": the demo walk (issue 15), its roles, records and errors (must be 0)
    ("access_matrix_cells", "access matrix cells tested", "fraction"),
    ("foreign_records_leaked", "foreign records leaked", "zero"),
    ("portal_routes_token_tested", "portal routes with token tests", "fraction"),
    ("bad_inputs", "bad inputs tried", "count"),
    ("duplicate_payments", "duplicate payments", "zero"),
    ("residual_pii", "residual PII after erasure", "zero"),
    ("races_tested", "races tested", "fraction"),
    ("demo_walk_roles", "demo walk", "walk"),
    ("client_documents", "client documents", "documents"),
    # issue 19: the attacker against the reports' cell suppression
    ("suppression_attacks", "suppression attacks tried", "suppression"),
    # issue 19: SEPA files of the payment orders (pain.001 against its XSD)
    ("payment_files_valid", "payment files", "payment"),
]
DEMO_WALK_KEYS = ("demo_walk_records", "demo_walk_errors")
# issue #17: what a full run must at least have tried (never regress)
FIGURE_MINIMUMS = {
    "bad_inputs": 669,
    "races_tested": 6,
    "client_documents": 12,
    "suppression_attacks": 200,
}


def _documents_text(figures, value, total, _complete, problems):
    """Issue 18: real PDFs of the client documents per client language."""
    langs = (figures.get("client_document_languages") or [0, None])[0]
    failed = (total or 0) - value
    docs = value // langs if langs else 0
    text = f"{docs} documents × {langs} languages rendered, {failed} failed"
    if failed or not value:
        problems.append(f"client documents: {text}")
    return text


def _payment_text(figures, valid, total, _complete, problems):
    """Issue 19: "pain.001 valid against XSD, duplicates 0"."""
    duplicates = (figures.get("duplicate_payments") or [0, None])[0]
    if valid == total and valid and not duplicates:
        return "pain.001 valid against XSD, duplicates 0"
    text = f"pain.001 valid against XSD {valid}/{total}, duplicates {duplicates}"
    problems.append(f"payment files: {text}")
    return text


def _suppression_text(figures, attempts, _total, complete, problems):
    """Issue 19: "N, values derived: 0"; a derived value is a problem."""
    derived = figures.get("suppression_derived", [None, None])[0]
    if derived is None and complete:
        problems.append("Kennzahl fehlt / figure not reported: values derived")
    elif derived:
        problems.append(f"suppression: {derived} suppressed values derived")
    return f"{attempts}, values derived: {derived}"


KIND_TEXT = {
    "documents": _documents_text,
    "suppression": _suppression_text,
    "payment": _payment_text,
}


def print_figures(figures, complete):
    """Print the figures of the threat-scenario suite; return problems."""
    problems = []
    for key, label, kind in FIGURE_LINES:
        if key not in figures or (
            kind == "walk" and any(k not in figures for k in DEMO_WALK_KEYS)
        ):
            if complete:
                problems.append(f"Kennzahl fehlt / figure not reported: {label}")
            continue
        value, total = figures[key]
        text = f"{value}/{total}" if total is not None else str(value)
        if key == "bad_inputs":
            partial = figures.get("partial_writes", [0, None])[0]
            text += f" (partial writes: {partial})"
            if partial:
                problems.append(f"{label}: {partial} partial writes")
        if key == "races_tested":
            # issue 17: two transactions at once, exactly one may succeed
            double = figures.get("double_successes", [None, None])[0]
            text += f" (double successes: {double})"
            if double is None and complete:
                problems.append(
                    "Kennzahl fehlt / figure not reported: double successes"
                )
            elif double:
                problems.append(f"{label}: {double} double successes")
        if kind in KIND_TEXT:
            text = KIND_TEXT[kind](figures, value, total, complete, problems)
        if kind == "walk":
            records, errors = (figures[k][0] for k in DEMO_WALK_KEYS)
            text = f"{value} roles, {records} records opened, {errors} errors"
            if errors:
                problems.append(f"{label}: {text}")
        print(f"{label}: {text}", flush=True)
        if (
            (kind == "fraction" and value != total)
            or (kind == "zero" and value)
            or (kind == "count" and not value)
        ):
            problems.append(f"{label}: {text}")
        if complete and value < FIGURE_MINIMUMS.get(key, 0):
            problems.append(
                f"{label}: {value} < {FIGURE_MINIMUMS[key]} (Mindestwert / minimum)"
            )
    calls, bad = sudo_audit.audit(ROOT)
    print(f"sudo calls without check: {len(bad)} (of {len(calls)})", flush=True)
    if bad:
        problems.append(
            f"{len(bad)} sudo() ohne Prüfung/Begründung (tools/sudo_audit.py -v)"
        )
    return problems
