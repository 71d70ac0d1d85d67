"""Issue #18 (C-10 / X-4): the six client documents are printed in German and
in the client's language. Besides German (``de.po``) ``kim_case`` ships
Arabic, Ukrainian, Turkish, Farsi and Russian for every string of the client
documents, listed in ``tools/i18n/client_document_msgids.json``: each file
translates each of them, keeps the HTML tags and placeholders of the English
source, and is written in the script of its language."""

import json
import re
from pathlib import Path

import polib
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "addons" / "kim_case" / "i18n"
MSGIDS = json.loads(
    (ROOT / "tools" / "i18n" / "client_document_msgids.json").read_text("utf-8")
)
LEGAL_TEXTS = ROOT / "addons" / "kim_case" / "data" / "kim_legal_text_data.xml"
# language -> letters its translations must contain, letters they must not
SCRIPTS = {
    "ar": (r"[\u0621-\u064a]", r"[\u06a9\u06cc]"),  # no Persian keheh/yeh
    "fa": (r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]", r"[\u0643\u064a]"),
    "uk": (r"[\u0400-\u04ff]", r"[ыэъё]"),
    "ru": (r"[\u0400-\u04ff]", r"[іїєґ]"),
    "tr": (r"[a-zçğıöşü]", r"[\u0400-\u04ff\u0600-\u06ff]"),
}
TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")
PLACEHOLDER_RE = re.compile(r"%(?:\([a-z_]+\))?[sd]")
# the words the PDF test (kim_case TestClientDocumentPdf) finds in the note
NOTE = "This is a translation. Only the German version is binding."
NOTE_WORDS = {"ar": "ترجمة", "uk": "Переклад"}


def _catalogue(lang):
    path = I18N / f"{lang}.po"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    return {entry.msgid: entry for entry in polib.pofile(str(path))}


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_client_document_strings_translated(lang):
    catalogue = _catalogue(lang)
    letters, foreign = SCRIPTS[lang]
    missing = [m for m in MSGIDS if m not in catalogue or not catalogue[m].msgstr]
    assert not missing, f"{lang}.po lacks a translation of {missing}"
    for msgid in MSGIDS:
        msgstr = catalogue[msgid].msgstr
        assert TAG_RE.findall(msgstr) == TAG_RE.findall(msgid), (lang, msgid)
        assert sorted(PLACEHOLDER_RE.findall(msgstr)) == sorted(
            PLACEHOLDER_RE.findall(msgid)
        ), (lang, msgid)
        assert re.search(letters, msgstr.lower()), (lang, msgstr)
        assert not re.search(foreign, msgstr.lower()), (lang, msgstr)


@pytest.mark.parametrize("lang", sorted(NOTE_WORDS))
def test_translation_note_names_the_translation(lang):
    assert NOTE_WORDS[lang] in _catalogue(lang)[NOTE].msgstr


def test_legal_text_paragraphs_are_in_the_list():
    """A new paragraph of a legal text is a new string of the documents."""
    paragraphs = set()
    for p in etree.parse(str(LEGAL_TEXTS)).iterfind(".//field[@name='body']//p"):
        inner = (p.text or "") + "".join(
            etree.tostring(child, encoding="unicode") for child in p
        )
        paragraphs.add(" ".join(inner.split()))
    assert paragraphs, "no legal text paragraphs found"
    assert not paragraphs - set(MSGIDS)
