#!/usr/bin/env python3
"""Fill empty msgstr entries of an addon's de.po.

    python3 tools/po_fill.py addons/kim_case/i18n/de.po [translations.json ...]

Sources, in this order: the JSON files given (English msgid -> German msgstr;
they also replace existing translations), then, for entries still empty, Odoo's
own German translations (every ``i18n/de.po`` of the installed
Odoo addons), so inherited standard terms (followers, activities …) read as in
Odoo itself. A German text identical to the
English one is marked "# de: unverändert" and left empty (OCA's po-pretty-format
clears identical msgstr); untranslated ids left afterwards are listed (a
repository test fails on them).
"""

import glob
import json
import os
import subprocess
import sys

import polib

SAME = "de: unverändert"


def odoo_memory():
    """msgid -> msgstr from Odoo's own German translations (first wins)."""
    import odoo.addons

    memory = {}
    for path in odoo.addons.__path__:
        for po_path in sorted(glob.glob(os.path.join(path, "*", "i18n", "de.po"))):
            for entry in polib.pofile(po_path):
                if entry.msgstr and entry.msgid not in memory:
                    memory[entry.msgid] = entry.msgstr
    return memory


def main(po_path, *json_paths):
    table = {}
    for json_path in json_paths:
        with open(json_path, encoding="utf-8") as handle:
            table.update(json.load(handle))
    po = polib.pofile(po_path, wrapwidth=0)
    po.metadata["Language"] = "de"
    memory = None
    for entry in po:
        if not entry.msgid or (entry.msgstr and entry.msgid not in table):
            continue
        german = table.get(entry.msgid)  # the project's own choice wins
        if german is None:
            if memory is None:
                memory = odoo_memory()
            german = memory.get(entry.msgid)
        if german is None:
            continue
        if german == entry.msgid:
            # OCA convention: identical translations stay empty; say so
            entry.tcomment, entry.msgstr = SAME, ""
        else:
            entry.msgstr = german
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(po_path)
    subprocess.run(
        ["oca-checks-po", "--fix", "--no-verbose", "--no-exit", po_path], check=False
    )
    left = [e.msgid for e in po if not e.msgstr and e.msgid and e.tcomment != SAME]
    for msgid in left:
        print(f"untranslated: {json.dumps(msgid, ensure_ascii=False)}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
