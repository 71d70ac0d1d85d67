"""``kimctl bench``: the performance benchmark R1-R10 of issue #8."""

import os
import subprocess
import sys

from .common import ADDONS, ROOT, die, log_dir, python, say
from .odoo_env import check_odoo, run_odoo, setup_dependencies
from .pg import create_database, drop_database, ensure_role

BENCH_ADDONS = [*ADDONS, "auditlog"]  # R9 measures the OCA audit log


def run_bench(db, quick=False, sizes=None, fresh=True):
    """Benchmark of issue #8 in ``db`` (created fresh unless ``fresh`` is
    False); returns the exit code of tools/bench/run.py (0 = all PASS)."""
    logfile = log_dir() / f"{db}.log"
    if fresh:
        create_database(db, logfile)
        say("installiere " + ", ".join(BENCH_ADDONS) + " für den Benchmark")
        if run_odoo(
            db, "-i", ",".join(BENCH_ADDONS), "--stop-after-init", logfile=logfile
        ):
            die(f"Installation fehlgeschlagen, siehe {logfile}")
    else:
        say("installiere auditlog in der Testdatenbank (R9)")
        if run_odoo(db, "-i", "auditlog", "--stop-after-init", logfile=logfile):
            return 1
    cmd = [python(), str(ROOT / "tools" / "bench" / "run.py"), "--db", db]
    cmd += ["--quick"] if quick else ["--sizes", sizes or "1000,10000"]
    say("Benchmark läuft" + (" (Schnelllauf, 1k)" if quick else f" ({sizes})"))
    return subprocess.run(cmd, cwd=ROOT, check=False).returncode


def cmd_bench(args):
    check_odoo()
    setup_dependencies()
    ensure_role()
    db = args.db or f"kim_bench_{os.getpid()}"
    try:
        rc = run_bench(db, quick=args.quick, sizes=args.size, fresh=not args.reuse)
    finally:
        if not args.keep_db:
            drop_database(db)
    sys.exit(rc)
