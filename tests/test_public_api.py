"""Issue #16 item 3: the addons use Odoo's public APIs, not rewrites of its
private internals that break silently on the next release.

- no override of the private ``_read_group*`` machinery of the ORM (grouping
  goes through Odoo's own ``read_group``/``_read_group``; a ``group_expand``
  method of ours is named ``_group_expand_<field>``, so that the issue's
  ``grep "def _read_group"`` stays empty).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"


def _python_files():
    return sorted(
        path
        for path in ADDONS.rglob("*.py")
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    )


def test_no_private_read_group_override():
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                found += [
                    f"{path.relative_to(ROOT)}:{item.lineno} {item.name}"
                    for item in node.body
                    if isinstance(item, ast.FunctionDef)
                    and item.name.startswith("_read_group")
                ]
    assert not found, found
