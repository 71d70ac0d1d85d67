#!/usr/bin/env python3
"""Project control script behind ``make demo``, ``make test`` and ``make i18n``.

Odoo 18.0 Community is a prerequisite: this script checks that it is importable
and says what is missing; it never downloads or builds Odoo.

Environment variables (all optional):

    KIM_DB_HOST        PostgreSQL host               (default 127.0.0.1)
    KIM_DB_PORT        PostgreSQL port               (default 5432)
    KIM_DB_USER        login role Odoo connects as   (default kim_odoo)
    KIM_DB_PASSWORD    its password                  (default empty: trust/peer auth)
    KIM_PG_SUPERUSER   role used to create KIM_DB_USER when missing (default postgres)
    KIM_HTTP_PORT      demo HTTP port                (default 8069)
    KIM_DEMO_DB        demo database name            (default kim_demo)
    KIM_DATA_DIR       Odoo data dir (filestore)     (default <repo>/.local/data)
    KIM_LOG_DIR        where test logs go            (default <repo>/.local/log)
    KIM_SKIP_SETUP     1 = do not install apt/pip dependencies

Each command's code is in ``tools/kim/cmd_<command>.py``; this script only
reads the command line.
"""

import argparse

from kim.cmd_app_suites import SUITES, cmd_app_suites
from kim.cmd_bench import cmd_bench
from kim.cmd_check import cmd_check
from kim.cmd_demo import cmd_demo
from kim.cmd_i18n import cmd_i18n
from kim.cmd_prefork_smoke import cmd_prefork_smoke
from kim.cmd_test import cmd_test


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="fresh kim_demo DB with German demo data, serve")
    demo.add_argument("--no-serve", action="store_true", help="install only")
    demo.set_defaults(func=cmd_demo)
    test = sub.add_parser("test", help="all tests in a fresh, uniquely named DB")
    test.add_argument("--addons", help="comma-separated subset, e.g. kim_case")
    test.add_argument("--tags", help="Odoo --test-tags, e.g. /kim_case:TestConsent")
    test.add_argument("--no-lint", action="store_true")
    test.add_argument("--keep-db", action="store_true")
    test.add_argument("--no-bench", action="store_true", help="skip the 1k benchmark")
    test.add_argument(
        "--no-upgrade", action="store_true", help="skip the upgrade from v18.0.1.0.0"
    )
    test.add_argument(
        "--no-prefork", action="store_true", help="skip the prefork smoke (#17)"
    )
    test.add_argument(
        "--no-app-suites", action="store_true", help="skip Odoo's app suites (#17)"
    )
    test.set_defaults(func=cmd_test)
    bench = sub.add_parser("bench", help="performance benchmark R1-R10 (issue #8)")
    bench.add_argument("--quick", action="store_true", help="1k cases, harness check")
    bench.add_argument("--size", help="comma-separated levels, e.g. 10000,100000")
    bench.add_argument("--db", help="database name (created fresh)")
    bench.add_argument("--keep-db", action="store_true")
    bench.add_argument("--reuse", action="store_true", help="use the existing --db")
    bench.set_defaults(func=cmd_bench)
    i18n = sub.add_parser("i18n", help="export .pot files and merge de.po")
    i18n.add_argument("--addons")
    i18n.set_defaults(func=cmd_i18n)
    apps = sub.add_parser(
        "app-suites", help="Odoo's own app tests with KIM vs. baseline (issue #17)"
    )
    apps.add_argument("--suite", choices=sorted(SUITES), default="apps")
    apps.add_argument(
        "--record-baseline", action="store_true", help="run without KIM, record"
    )
    apps.set_defaults(func=cmd_app_suites)
    smoke = sub.add_parser(
        "prefork-smoke", help="demo DB in prefork mode: roles, portal, crons (#17)"
    )
    smoke.add_argument("--db", help="use this installed demo DB (kept)")
    smoke.add_argument("--keep-db", action="store_true")
    smoke.set_defaults(func=cmd_prefork_smoke)
    check = sub.add_parser("check", help="check prerequisites only")
    check.set_defaults(func=cmd_check)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
