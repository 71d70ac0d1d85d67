#!/usr/bin/env python3
"""Fill empty msgstr entries of an addon's de.po from a JSON dictionary.

    python3 tools/po_fill.py addons/kim_case/i18n/de.po translations.json

The JSON maps English msgid -> German msgstr. Existing translations are kept;
a German text identical to the English one is marked "# de: unverändert" and
left empty (OCA's po-pretty-format clears identical msgstr);
untranslated ids left afterwards are listed (a repository test fails on them).
"""

import json
import subprocess
import sys

import polib

SAME = "de: unverändert"


def main(po_path, json_path):
    po = polib.pofile(po_path, wrapwidth=0)
    po.metadata["Language"] = "de"
    with open(json_path, encoding="utf-8") as handle:
        table = json.load(handle)
    for entry in po:
        if not entry.msgstr and entry.msgid in table:
            if table[entry.msgid] == entry.msgid:
                # OCA convention: identical translations stay empty; say so
                entry.tcomment = SAME
            else:
                entry.msgstr = table[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(po_path)
    subprocess.run(
        ["oca-checks-po", "--fix", "--no-verbose", "--no-exit", po_path], check=False
    )
    left = [e.msgid for e in po if not e.msgstr and e.msgid and e.tcomment != SAME]
    for msgid in left:
        print(f"untranslated: {msgid!r}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
