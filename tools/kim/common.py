"""Environment, output and paths shared by every command and tool."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# odoo.conf: addons_path = $KIM_ROOT/addons
os.environ.setdefault("KIM_ROOT", str(ROOT))
ADDONS = [
    "kim_audit",
    "kim_case",
    "kim_governance",
    "kim_funding",
    "kim_abh",
    "kim_demo",
]


def env(name, default=""):
    return os.environ.get(name) or default


def say(msg):
    print(f"[kim] {msg}", flush=True)


def die(msg, code=2):
    print(f"[kim] FEHLER / ERROR: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def python():
    return sys.executable or "python3"


def data_dir():
    return Path(env("KIM_DATA_DIR", str(ROOT / ".local" / "data")))


def log_dir():
    path = Path(env("KIM_LOG_DIR", str(ROOT / ".local" / "log")))
    path.mkdir(parents=True, exist_ok=True)
    return path
