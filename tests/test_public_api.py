"""Issue #16 item 3: the addons use Odoo's public APIs, not rewrites of its
private internals that break silently on the next release.

- no override of the private ``_read_group*`` machinery of the ORM (grouping
  goes through Odoo's own ``read_group``/``_read_group``; a ``group_expand``
  method of ours is named ``_group_expand_<field>``, so that the issue's
  ``grep "def _read_group"`` stays empty);
- raw SQL writing into ``mail_message`` in one helper only: the copies of the
  auto-close note (``_kim_log_same_note``, kept for issue #8 R6 and guarded by
  kim_case's test_note_copy_matches_mail_message_layout); all other chatter
  goes through mail's ``message_post``/``_message_log_batch``.
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


def test_one_raw_insert_into_mail_message():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _python_files()
        for number, line in enumerate(
            path.read_text(encoding="utf-8").splitlines(), start=1
        )
        if "insert into mail_message" in line.lower()
    ]
    assert len(found) == 1, found
    helper = ADDONS / "kim_case/models/kim_case_lifecycle_mixin.py"
    assert found[0].startswith(str(helper.relative_to(ROOT))), found
    tree = ast.parse(helper.read_text(encoding="utf-8"))
    line = int(found[0].rsplit(":", 1)[1])
    owners = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.lineno <= line <= node.end_lineno
    ]
    assert owners == ["_kim_log_same_note"], owners


def test_no_cache_clearing_and_no_rule_context_of_our_own():
    """Issue #17 §5/§6: ordinary writes never call ``registry.clear_cache()``
    (it invalidates every worker's caches), and no addon adds names to
    ``ir.rule._eval_context`` (rules that call KIM's Python fail whenever the
    registry is only partly loaded): the rules read stored fields only."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _python_files()
        if "tests" not in path.parts
        for number, line in enumerate(
            path.read_text(encoding="utf-8").splitlines(), start=1
        )
        if "clear_cache(" in line
        or "def _eval_context" in line
        or "def _compute_domain_context_values" in line
    ]
    assert not found, found
    rules = [
        f"{path.relative_to(ROOT)}"
        for path in ADDONS.rglob("security/*.xml")
        if "kim_case_access(" in path.read_text(encoding="utf-8")
        or "_access()" in path.read_text(encoding="utf-8")
    ]
    assert not rules, rules
