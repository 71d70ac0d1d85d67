#!/usr/bin/env python3
"""Which requirement ids of KIM_DOMAIN.md are named by at least one test.

An id counts as covered when it appears in a test file of an addon
(``addons/*/tests/**.py`` or a tour under ``addons/*/static/tests``), e.g. in a
docstring ``\"\"\"C-8: ...\"\"\"``.
"""

import re
import sys

from kim.common import ROOT

ID_RE = re.compile(r"\b([CGFAX])-(\d{1,2})\b")


def domain_file():
    for candidate in (ROOT.parent / "shared" / "KIM_DOMAIN.md", ROOT / "KIM_DOMAIN.md"):
        if candidate.exists():
            return candidate
    return None


def requirement_ids(path):
    """Ids defined in the domain reference: list items starting with the id."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"^- ([CGFAX]-\d{1,2}) ", text, flags=re.MULTILINE)
    return sorted(set(found), key=_key)


def _key(rid):
    letter, num = rid.split("-")
    return ("CGFAX".index(letter), int(num))


def test_files():
    files = list(ROOT.glob("addons/*/tests/**/*.py"))
    files += list(ROOT.glob("addons/*/static/tests/**/*.js"))
    return files


def covered_ids():
    ids = {}
    for path in test_files():
        for letter, num in ID_RE.findall(path.read_text(encoding="utf-8")):
            ids.setdefault(f"{letter}-{int(num)}", set()).add(
                str(path.relative_to(ROOT))
            )
    return ids


def report():
    path = domain_file()
    if not path:
        return None, [], {}
    wanted = requirement_ids(path)
    covered = covered_ids()
    return path, wanted, covered


def main():
    path, wanted, covered = report()
    if not path:
        print("requirement ids covered: KIM_DOMAIN.md not found")
        return 0
    hit = [rid for rid in wanted if rid in covered]
    missing = [rid for rid in wanted if rid not in covered]
    print(f"requirement ids covered: {len(hit)}/{len(wanted)}")
    if "-v" in sys.argv:
        for rid in wanted:
            where = ", ".join(sorted(covered.get(rid, []))) or "-"
            print(f"  {rid:5} {where}")
    elif missing:
        print("  not yet named by a test: " + " ".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
