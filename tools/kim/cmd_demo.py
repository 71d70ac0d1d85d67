"""``kimctl demo``: fresh kim_demo database with German demo data, served."""

import re
import socket
import subprocess
import sys
import time

from .common import ADDONS, ROOT, die, env, log_dir, say
from .odoo_env import (
    check_odoo,
    forward_stderr,
    odoo_cmd,
    run_odoo,
    setup_dependencies,
)
from .odoo_log import analyse_log
from .pg import create_database, ensure_role

# issue #18: client documents print in German and these languages in the demo
CLIENT_LANGS = ("ar_001", "uk_UA", "tr_TR", "fa_IR", "ru_RU")

DEMO_LOGINS = [
    ("KIM-Leitung (KI Kreis)", "kim.leitung", "kim.leitung"),
    ("Koordination Südkreis (KI Kreis)", "kim.koordination", "kim.koordination"),
    ("Case Managerin (KI Kreis)", "kim.cm.kreis", "kim.cm.kreis"),
    ("Case Manager (Stadt Ahlen)", "kim.cm.ahlen", "kim.cm.ahlen"),
    ("Case Managerin (Caritas)", "kim.cm.caritas", "kim.cm.caritas"),
    ("Verwaltung/Finanzen (Kreis)", "kim.finanzen", "kim.finanzen"),
    ("Ausländerbehörde (Kreis)", "kim.abh", "kim.abh"),
    ("Lenkungsgruppe", "kim.lenkung", "kim.lenkung"),
    ("Portal Caritas (Träger)", "kim.portal.caritas", "kim.portal.caritas"),
    ("Administrator", "admin", "admin"),
]


def cmd_demo(args):
    check_odoo()
    setup_dependencies()
    ensure_role()
    db = env("KIM_DEMO_DB", "kim_demo")
    port = env("KIM_HTTP_PORT", "8069")
    logfile = log_dir() / "demo-install.log"
    logfile.unlink(missing_ok=True)
    # the languages of the demo clients' documents (Arabic, Ukrainian, …)
    create_database(db, logfile, client_langs=CLIENT_LANGS)
    say("installiere " + ", ".join(ADDONS) + " mit Demodaten")
    if run_odoo(db, "-i", ",".join(ADDONS), "--stop-after-init", logfile=logfile):
        die(f"Installation fehlgeschlagen, siehe {logfile}")
    bad = analyse_log(logfile, [])["bad_lines"]
    if bad:
        print("\n".join(line[:400] for line in bad[:20]))
        die(f"Installation mit Fehlern (Demodaten?), siehe {logfile}")
    if args.no_serve:
        say(f"Demo-Datenbank {db} bereit (ohne Serverstart).")
        return
    server_log = log_dir() / "demo-server.log"
    cmd = odoo_cmd(db, "--db-filter", f"^{re.escape(db)}$", http_port=port)
    cmd += ["--logfile", str(server_log)]
    say(f"starte den Server (Log: {server_log})")
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        if not wait_for_port(int(port), proc):
            die(f"Der Server startet nicht, siehe {server_log}")
        # the logins come last: the server writes its log to the file
        print()
        print(f"  KIM-Demo: http://127.0.0.1:{port}/web/login   (Datenbank {db})")
        print("  Demo-Zugänge (Login / Passwort):")
        for label, login, pwd in DEMO_LOGINS:
            print(f"    {label:36} {login} / {pwd}")
        print(f"  Server-Log: {server_log}")
        print("  Beenden mit Strg+C.", flush=True)
        forward_stderr(proc.stderr)
        sys.exit(proc.wait())
    except KeyboardInterrupt:
        proc.terminate()
        sys.exit(proc.wait())


def wait_for_port(port, proc, timeout=120):
    """True once the server listens on ``port``; False when it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.5)
    return False
