"""Issue #16 item 7: the command-line tool is found by command name.

``tools/kimctl.py`` only reads the command line; the code of ``kimctl <name>``
is ``cmd_<name>`` in ``tools/kim/cmd_<name>.py`` (a hyphen in the name is an
underscore there: ``kimctl app-suites`` is ``cmd_app_suites``); a helper is defined once
in the tools (``main`` of each script aside), and the list of KIM addons is
the one constant ``ADDONS`` of ``tools/kim/common.py``.
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

from kim.common import ADDONS

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"
ENTRY = TOOLS / "kimctl.py"
MAX_ENTRY_LINES = 150


def _tree(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _tool_files():
    return sorted(TOOLS.rglob("*.py"))


def _commands():
    """The sub-commands kimctl.py declares (``sub.add_parser("name", …)``)."""
    return re.findall(r'add_parser\(\s*"([\w-]+)"', ENTRY.read_text(encoding="utf-8"))


def test_entry_point_stays_thin():
    lines = len(ENTRY.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_ENTRY_LINES, (
        f"tools/kimctl.py has {lines} lines; command code goes to tools/kim/"
    )
    functions = [
        node.name for node in _tree(ENTRY).body if isinstance(node, ast.FunctionDef)
    ]
    assert functions == ["main"], functions


def test_every_command_has_its_module():
    commands = _commands()
    assert {"demo", "test", "bench", "i18n", "check"} <= set(commands)
    for command in (c.replace("-", "_") for c in commands):
        module = TOOLS / "kim" / f"cmd_{command}.py"
        assert module.is_file(), f"kimctl {command}: {module.name} missing"
        names = {n.name for n in _tree(module).body if isinstance(n, ast.FunctionDef)}
        assert f"cmd_{command}" in names, f"{module.name} lacks cmd_{command}"


def test_cmd_functions_live_in_their_command_module():
    misplaced = []
    for path in _tool_files():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("cmd_"):
                if path != TOOLS / "kim" / f"{node.name}.py":
                    misplaced.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert not misplaced, misplaced


def test_no_helper_defined_twice_in_the_tools():
    where = defaultdict(list)
    for path in _tool_files():
        for node in _tree(path).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                where[node.name].append(str(path.relative_to(ROOT)))
    twice = {name: paths for name, paths in where.items() if len(paths) > 1}
    twice.pop("main", None)  # each script's entry point
    assert not twice, twice


def test_addons_listed_once():
    """The KIM addons are kim.common.ADDONS, nowhere else spelled out."""
    copies = []
    for path in [*_tool_files(), *sorted((ROOT / "tests").rglob("*.py"))]:
        if path == TOOLS / "kim" / "common.py":
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                try:
                    value = ast.literal_eval(node)
                except (ValueError, TypeError, SyntaxError):
                    continue
                if sorted(value, key=str) == sorted(ADDONS):
                    copies.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not copies, copies
