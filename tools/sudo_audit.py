#!/usr/bin/env python3
"""List every ``sudo()`` in the KIM addons and flag those without a reason.

A ``sudo()`` passes when the same or the previous line carries either

* a justification comment (``# sudo: …`` or any ``#`` comment of at least
  three words), or
* an explicit access check (``check_access``, ``has_access``,
  ``_document_check_access``, ``_kim_check…``, ``_check_…access``).

Python and XML (QWeb) files of ``addons/`` are scanned, tests excluded (they
set up fixtures, they are no code path of a user).  Used by the repository
test ``tests/test_sudo_audit.py`` and printed by ``make test``.

    python3 tools/sudo_audit.py [-v]
"""

import re
import sys

from kim.common import ROOT

SUDO_RE = re.compile(r"\.sudo\((?!False)")
CHECK_RE = re.compile(
    r"check_access|has_access|_document_check_access|_kim_check\w*|_check_\w*access"
)
COMMENT_RE = re.compile(r"(?:#|<!--)\s*(.*)")


def _justified(line):
    match = COMMENT_RE.search(line.split("sudo(", 1)[-1]) or COMMENT_RE.search(line)
    if match and len(match.group(1).split()) >= 3:
        return True
    return bool(CHECK_RE.search(line))


def audit(root=ROOT):
    """Return (all_calls, unjustified) as lists of (path, lineno, text)."""
    calls, bad = [], []
    for path in sorted((root / "addons").rglob("*")):
        if path.suffix not in (".py", ".xml") or "tests" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for idx, line in enumerate(lines):
            if not SUDO_RE.search(line):
                continue
            if line.lstrip().startswith("#"):
                continue
            entry = (path.relative_to(root), idx + 1, line.strip())
            calls.append(entry)
            previous = lines[idx - 1] if idx else ""
            prev_is_comment = previous.lstrip().startswith(("#", "<!--"))
            if not (
                _justified(line)
                or (prev_is_comment and _justified(previous))
                or CHECK_RE.search(previous)
            ):
                bad.append(entry)
    return calls, bad


def main(argv):
    calls, bad = audit()
    if "-v" in argv:
        for path, lineno, text in bad:
            print(f"{path}:{lineno}: {text}")
    print(f"sudo calls without check: {len(bad)} (of {len(calls)} sudo calls)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
