"""``kimctl i18n``: export the .pot files and merge them into de.po."""

import os
import subprocess

from .common import ADDONS, ROOT, die, log_dir, say
from .odoo_env import check_odoo, run_odoo
from .pg import create_database, drop_database, ensure_role


def cmd_i18n(args):
    """Export each addon's .pot from a scratch DB and merge it into de.po."""
    check_odoo()
    ensure_role()
    addons = args.addons.split(",") if args.addons else ADDONS
    db = f"kim_i18n_{os.getpid()}"
    logfile = log_dir() / "i18n.log"
    try:
        create_database(db, logfile, demo=False)
        if run_odoo(db, "-i", ",".join(addons), "--stop-after-init", logfile=logfile):
            die(f"Installation fehlgeschlagen, siehe {logfile}")
        for addon in addons:
            i18n = ROOT / "addons" / addon / "i18n"
            i18n.mkdir(exist_ok=True)
            pot = i18n / f"{addon}.pot"
            rc = run_odoo(
                db,
                "--i18n-export",
                str(pot),
                "--modules",
                addon,
                "--language",
                "",
                "--stop-after-init",
                logfile=logfile,
            )
            if rc:
                die(f"Export für {addon} fehlgeschlagen, siehe {logfile}")
            po = i18n / "de.po"
            if po.exists():
                subprocess.run(
                    [
                        "msgmerge",
                        "--quiet",
                        "--no-fuzzy-matching",
                        "--update",
                        "--backup=none",
                        "--no-wrap",
                        str(po),
                        str(pot),
                    ],
                    check=True,
                )
            else:
                po.write_text(
                    pot.read_text(encoding="utf-8").replace(
                        '"Language-Team: \\n"\n',
                        '"Language-Team: \\n"\n"Language: de\\n"\n',
                        1,
                    ),
                    encoding="utf-8",
                )
            subprocess.run(
                [
                    "oca-checks-po",
                    "--fix",
                    "--no-verbose",
                    "--no-exit",
                    str(pot),
                    str(po),
                ],
                check=False,
            )
            say(f"{addon}: {pot.name} exportiert, de.po abgeglichen")
    finally:
        drop_database(db)
