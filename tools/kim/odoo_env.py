"""Prerequisites (Odoo 18.0, platform bugs, apt/pip dependencies) and the
Odoo command line every command runs."""

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from .common import ROOT, data_dir, die, env, python, say

APT_PACKAGES = {
    # binary that must exist -> Debian package providing it
    "chromium": "chromium",
    "wkhtmltopdf": "wkhtmltopdf",
    "msgmerge": "gettext",  # make i18n
    "pdftotext": "poppler-utils",  # client documents: text of the rendered PDFs
}


def check_odoo():
    """Odoo 18.0 must be importable; explain precisely what is missing."""
    probe = (
        "import odoo, odoo.release as r, sys; "
        "sys.stdout.write(r.series + ' ' + r.version + ' ' + odoo.__path__[0])"
    )
    proc = subprocess.run(
        [python(), "-c", probe], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        if "No module named 'odoo'" in proc.stderr:
            die(
                "Odoo 18.0 ist nicht importierbar (python3 -c 'import odoo' schlägt "
                "fehl). / Odoo 18.0 is not importable by this python3.\n"
                "  Installieren Sie Odoo 18.0 Community aus den Quellen:\n"
                "  https://www.odoo.com/documentation/18.0/administration/"
                "on_premise/source.html\n"
                "  und machen Sie das Verzeichnis, das 'odoo/' enthält, für python3 "
                "sichtbar (pip install -e . oder eine .pth-Datei)."
            )
        die(
            "Odoo ist vorhanden, aber der Import scheitert / Odoo is present but "
            f"fails to import: {last}\n"
            "  Fehlt eine Abhängigkeit von Odoo? Installieren Sie Odoos "
            "requirements.txt (pip install -r <odoo>/requirements.txt)."
        )
    series, version, odoo_dir = proc.stdout.split(" ", 2)
    if series != "18.0":
        die(
            f"Gefunden wurde Odoo {version}, benötigt wird Odoo 18.0 Community. / "
            f"Found Odoo {version}, need 18.0."
        )
    warn_platform_bugs(Path(odoo_dir), version)
    return version


# calendar's res.users returns the *readable* fields as self-writeable: any
# user may write their own groups and login (Odoo 18.0 nightly 2024-10-02);
# kim_case defends against it (res_users.py), but the installation should be
# updated
CALENDAR_SELF_WRITE_BUG = re.compile(
    r"def SELF_WRITEABLE_FIELDS\(self\):\s*return super\(\)\.SELF_READABLE_FIELDS"
)


def warn_platform_bugs(odoo_dir, version):
    """Warn (never fail) when the installed Odoo carries a known platform bug
    that KIM's code has to defend against."""
    for base in (odoo_dir / "addons", odoo_dir.parent / "addons"):
        source = base / "calendar" / "models" / "res_users.py"
        if source.exists() and CALENDAR_SELF_WRITE_BUG.search(
            source.read_text(encoding="utf-8", errors="replace")
        ):
            say(
                f"WARNUNG: Odoo {version} hat den bekannten Fehler in "
                f"{source}: SELF_WRITEABLE_FIELDS liefert die lesbaren Felder "
                "(Benutzer könnten eigene Gruppen und Login ändern). kim_case wehrt "
                "das ab; aktualisieren Sie Odoo 18.0 trotzdem. / WARNING: this Odoo "
                "build lets users write their own groups (calendar SELF_WRITEABLE_"
                "FIELDS); kim_case defends against it, update Odoo anyway."
            )
            return True
    return False


def setup_dependencies():
    """Install what the project needs (apt + pip); idempotent and quiet."""
    if env("KIM_SKIP_SETUP") == "1":
        return
    missing = [pkg for binary, pkg in APT_PACKAGES.items() if not shutil.which(binary)]
    if missing:
        if os.geteuid() == 0 and shutil.which("apt-get"):
            say(f"installiere Debian-Pakete: {' '.join(missing)}")
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(
                [
                    "apt-get",
                    "install",
                    "-y",
                    "-qq",
                    "--no-install-recommends",
                    *missing,
                ],
                check=True,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
        else:
            die(
                "Fehlende Programme / missing programs: "
                + ", ".join(missing)
                + ". Bitte installieren: sudo apt-get install "
                + " ".join(missing)
            )
    reqs = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
    cmd = [python(), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    for req in reqs:
        cmd += ["-r", str(req)]
    # OCA addon wheels declare the empty PyPI placeholder `odoo` as requirement
    oca = [python(), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    oca += ["--no-deps", "-r", str(ROOT / "requirements-oca.txt")]
    for command in (cmd, oca):
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            die(
                "pip install der Projekt-Abhängigkeiten fehlgeschlagen / "
                "pip install failed"
            )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_cmd(db, *args, http_port=None):
    cmd = [
        python(),
        "-m",
        "odoo",
        "-c",
        str(ROOT / "odoo.conf"),
        "-d",
        db,
        "--db_host",
        env("KIM_DB_HOST", "127.0.0.1"),
        "--db_port",
        env("KIM_DB_PORT", "5432"),
        "-r",
        env("KIM_DB_USER", "kim_odoo"),
        "--data-dir",
        str(data_dir()),
        "--http-interface",
        "127.0.0.1",
        "--http-port",
        str(http_port or free_port()),
    ]
    if env("KIM_DB_PASSWORD"):
        cmd += ["-w", env("KIM_DB_PASSWORD")]
    return cmd + list(args)


# Odoo's own notice on every start as root (CI and these machines run as
# root); it says nothing the user can act on in a test or demo run
ROOT_NOTICE = "Running as user 'root' is a security risk."


def forward_stderr(lines):
    for line in lines:
        if line.strip() != ROOT_NOTICE:
            sys.stderr.write(line)
            sys.stderr.flush()


def run_odoo(db, *args, logfile=None, http_port=None):
    cmd = odoo_cmd(db, *args, http_port=http_port)
    if not logfile:
        return subprocess.run(cmd, cwd=ROOT, check=False).returncode
    cmd += ["--logfile", str(logfile)]
    # with a log file Odoo writes next to nothing to stderr: pass it on
    # without the root notice
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    forward_stderr(proc.stderr)
    return proc.wait()
