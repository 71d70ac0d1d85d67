"""``kimctl app-suites`` (issue #17, §6): Odoo's own test suites of the apps
the users run for other work (project, CRM, HR, portal, calendar), on a
database with the KIM addons installed, compared with a recorded baseline of
the failures these suites have *without* KIM on this Odoo build.

A failing test that is neither in the baseline nor in the allowlist (with its
reason) fails the run: KIM's rules, defaults, menus and views must change
nothing for records that are not KIM's.

The baseline database has the same modules as the KIM run except the KIM
addons themselves (their non-KIM dependencies such as account, hr, auditlog
stay), so a difference is KIM's.
"""

import ast
import datetime
import json
import os
import re
import subprocess
import sys

from .common import ADDONS, ROOT, die, log_dir, python, say
from .odoo_env import (
    check_odoo,
    forward_stderr,
    odoo_cmd,
    run_odoo,
    setup_dependencies,
)
from .pg import create_database, drop_database, ensure_role

SUITES = {
    # name -> Odoo apps whose own tests run
    "apps": ["project", "crm", "hr", "portal", "calendar"],
    # too long for every run: `make test-account`
    "account": ["account"],
}
KIM_ADDONS = [a for a in ADDONS if a != "kim_demo"]
BASELINE = ROOT / "tools" / "kim" / "app_suites_baseline.json"
ALLOWLIST = ROOT / "tools" / "kim" / "app_suites_allowlist.json"
RUNNER = ROOT / "tools" / "kim" / "app_suite_runner.py"

# "<date> <time> <pid> ERROR <db> odoo.addons.crm.tests.test_x: FAIL: TestX.test_y",
# "... ERROR <db> odoo.tests.suite: ERROR: setUpClass (odoo.addons.x.tests.y.TestZ)"
FAILURE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ERROR \S+ "
    r"(\S+): (FAIL|ERROR): (.*)$"
)
MODULE_RE = re.compile(r"odoo\.addons\.(\w+)\.")
CLASS_FIXTURE_RE = re.compile(r"^(\w+) \((?:[\w.]+\.)?(\w+)\)$")
SUMMARY_RE = re.compile(
    r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests"
)
SUBTEST_RE = re.compile(r"^Subtest (\S+)")


def record_command(suite):
    extra = "" if suite == "apps" else f" --suite {suite}"
    return f"python3 tools/kimctl.py app-suites --record-baseline{extra}"


def kim_dependencies():
    """The non-KIM modules the KIM addons depend on (installed in the
    baseline too)."""
    deps = set()
    for addon in KIM_ADDONS:
        manifest = ast.literal_eval(
            (ROOT / "addons" / addon / "__manifest__.py").read_text(encoding="utf-8")
        )
        deps.update(d for d in manifest.get("depends", []) if not d.startswith("kim_"))
    return sorted(deps)


def suite_modules(suite, with_kim=False):
    """The modules of a suite's database: its apps, KIM's other
    dependencies and, ``with_kim``, the KIM addons."""
    apps = SUITES[suite]
    modules = apps + [d for d in kim_dependencies() if d not in apps]
    return modules + (KIM_ADDONS if with_kim else [])


def parse_log(text):
    """Return (failing test ids, tests run) from an Odoo test log. A test id
    is ``module:Class.method`` (subtests count as their test)."""
    failing = set()
    for line in text.splitlines():
        match = FAILURE_RE.match(line)
        if not match:
            continue
        logger, _flavour, desc = match.groups()
        module = MODULE_RE.search(logger + "." + desc)
        sub = SUBTEST_RE.match(desc)
        fixture = CLASS_FIXTURE_RE.match(desc.strip())
        if sub:
            test = sub.group(1)
        elif fixture:  # setUpClass (odoo.addons.x.tests.y.TestZ)
            test = f"{fixture.group(2)}.{fixture.group(1)}"
        else:
            test = desc.strip()
        failing.add(f"{module.group(1) if module else '?'}:{test}")
    total = sum(int(m.group(3)) for m in SUMMARY_RE.finditer(text))
    return failing, total


def run_suite(suite, with_kim):
    """Install the suite's apps (+ KIM's dependencies, + KIM when
    ``with_kim``) in a fresh DB, run their tests; return (failing, total,
    logfile, odoo exit code)."""
    apps = SUITES[suite]
    modules = suite_modules(suite, with_kim)
    stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
    kind = "kim" if with_kim else "base"
    db = f"kim_apps_{suite}_{kind}_{stamp}_{os.getpid()}"
    logfile = log_dir() / f"{db}.log"
    tags = ",".join(f"/{a}" for a in apps)
    say(f"Odoo-App-Tests ({tags}) in {db}, Log: {logfile}")
    try:
        create_database(db, logfile)
        say("installiere " + ", ".join(modules))
        rc = run_odoo(db, "-i", ",".join(modules), "--stop-after-init", logfile=logfile)
        if not rc:
            say(f"Tests der Apps ({tags}) mit der ganzen Registry")
            cmd = [python(), str(RUNNER), *odoo_cmd(db)[3:]]
            cmd += ["--test-enable", "--test-tags", tags, "--stop-after-init"]
            cmd += ["--log-level", "info", "--logfile", str(logfile)]
            proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
            forward_stderr(proc.stderr)
            rc = proc.wait()
    finally:
        drop_database(db)
    failing, total = parse_log(logfile.read_text(errors="replace"))
    return failing, total, logfile, rc


def load_json(path):
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_baseline(suite, failing, total, odoo_version):
    data = load_json(BASELINE)
    data[suite] = {
        "command": record_command(suite),
        "odoo": odoo_version,
        "modules": suite_modules(suite),
        "tests": total,
        "failures": sorted(failing),
    }
    BASELINE.write_text(
        json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


def compare(suite, failing):
    """Return (new failures, allowed failures) against baseline + allowlist."""
    base = load_json(BASELINE).get(suite)
    if base is None:
        die(
            f"Keine Baseline für '{suite}' in {BASELINE}; aufnehmen mit: "
            + record_command(suite)
        )
    allow = load_json(ALLOWLIST).get(suite, {})
    new = sorted(failing - set(base["failures"]))
    allowed = [t for t in new if t in allow]
    return [t for t in new if t not in allow], allowed


def check_suite(suite):
    """Run the suite with KIM; return (problems, the figure line)."""
    failing, total, logfile, rc = run_suite(suite, with_kim=True)
    problems = []
    if not total:
        problems.append(f"Odoo-App-Tests ({suite}): kein Test gelaufen ({logfile})")
    new, allowed = compare(suite, failing)
    label = "Odoo app suites" if suite == "apps" else f"Odoo {suite} suite"
    line = f"{label}: {total} tests, {len(new)} new failures ({len(allowed)} allowed)"
    for test in new:
        print(f"    neu fehlgeschlagen / new failure: {test}", flush=True)
    if new:
        problems.append(
            f"{label}: {len(new)} neue Fehlschläge mit KIM (Log: {logfile})"
        )
    if rc and not failing:
        problems.append(f"{label}: Odoo endete mit Exit-Code {rc} (Log: {logfile})")
    return problems, line


def cmd_app_suites(args):
    version = check_odoo()
    setup_dependencies()
    ensure_role()
    suite = args.suite
    if args.record_baseline:
        failing, total, logfile, _rc = run_suite(suite, with_kim=False)
        if not total:
            die(f"Baseline-Lauf ohne Tests, siehe {logfile}")
        write_baseline(suite, failing, total, version)
        say(
            f"Baseline '{suite}': {total} Tests, {len(failing)} Fehlschläge ohne KIM "
            f"-> {BASELINE.relative_to(ROOT)}"
        )
        return
    problems, line = check_suite(suite)
    print(line, flush=True)
    for problem in problems:
        say("PROBLEM: " + problem)
    sys.exit(1 if problems else 0)
