# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""C-10 / C-6 / X-4: the six client documents as real PDFs (wkhtmltopdf),
checked by the text ``pdftotext`` extracts: German and the client's language,
the client's address in the window, German dates, the text version stored on
the consent. A PDF renders in an HttpCase only (wkhtmltopdf fetches the
assets from the running server)."""

import re
import shutil
import subprocess
import tempfile
import unicodedata
from datetime import date

from odoo.tests import HttpCase, tagged

from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon
from .figures import report_figure

# document -> (report, German words that must be in its German part)
DOCUMENTS = {
    "info_art13": (
        "kim_case.report_client_info_art13",
        ["Informationen zum Datenschutz", "Verantwortlich"],
    ),
    "dp_agreement": (
        "kim_case.report_client_dp_agreement",
        ["Datenschutzvereinbarung", "Fallnummer"],
    ),
    "release": (
        "kim_case.report_client_release",
        ["Schweigepflichtentbindung", "Jobcenter Testkreis"],
    ),
    "goal_agreement": (
        "kim_case.report_client_goal_agreement",
        ["Zielvereinbarung", "Schneiderin"],
    ),
    "withdrawal": ("kim_case.report_client_withdrawal", ["Widerruf"]),
    "art15": ("kim_case.report_kim_art15", ["Auskunft", "Art. 15"]),
}
# language -> (kim.language xml id, words of the client's language part)
LANGUAGES = {
    "ar_001": ("kim_case.lang_ar", ["ترجمة"]),
    "uk_UA": ("kim_case.lang_uk", ["Переклад"]),
}
SIGNED = ("info_art13", "dp_agreement", "release", "goal_agreement", "withdrawal")


def _normalise(text):
    """Text as pdftotext gives it, comparable: presentation forms of Arabic
    letters folded (NFKC), whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@tagged("post_install", "-at_install")
class TestClientDocumentPdf(HttpCase, KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("de_DE", *LANGUAGES):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["kim_case"], ["de_DE", *LANGUAGES], overwrite=True
        )
        cls.env.company.write(
            {
                "name": "Kreis Testkreis",
                "street": "Kreishausstraße 1",
                "zip": "46483",
                "city": "Wesel",
            }
        )

    def _client_in(self, lang):
        language = self.env.ref(LANGUAGES[lang][0])
        client = self._client(
            f"Klient {lang}",
            street="Hafenstraße 12",
            zip="46483",
            city="Wesel",
            kim_language_ids=[language.id],
        )
        case = self._case(client=client)
        consent = self._consent(client)
        release = self._consent(client, "release")
        self._consent(client, "info_art13")
        self.env["kim.case.goal"].create(
            {
                "case_id": case.id,
                "name": "Arbeit finden",
                "client_words": "Ich möchte wieder als Schneiderin arbeiten.",
                "target_date": date(2027, 3, 31),
            }
        )
        return client, case, consent, release

    def _pdf_text(self, report, res_ids, data=None, user=None):
        env = self.env(user=user) if user else self.env
        pdf, _type = (
            env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, res_ids, data=data)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            return subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout

    def test_six_documents_bilingual_pdf(self):
        """C-10 / C-6 / X-4: each of the six client documents, for a client
        speaking Arabic (right to left) and one speaking Ukrainian: German and
        the client's language, the address in the window, German dates, the
        text version of the consent."""
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils missing")
        today = kim_today(self.env["kim.case"]).strftime("%d.%m.%Y")
        rendered = failed = 0
        for lang, (_language, words) in LANGUAGES.items():
            client, case, consent, release = self._client_in(lang)
            self.assertEqual(
                client._kim_client_document_lang(consent.legal_text_id),
                (lang, False),
            )
            for document, (report, german) in DOCUMENTS.items():
                with self.subTest(lang=lang, document=document):
                    data = {"partner_id": client.id}
                    if document == "release":
                        data["release"] = {"consent_id": release.id}
                    ids = client.ids if document == "art15" else case.ids
                    user = self.user_lead if document == "art15" else self.user_cm_a
                    try:
                        text = self._pdf_text(report, ids, data, user)
                        flat = _normalise(text)
                        for word in [*german, "Übersetzung"]:
                            self.assertIn(_normalise(word), flat)
                        # the client's language (Arabic may come out reversed)
                        for word in words:
                            word = _normalise(word)
                            self.assertTrue(
                                word in flat or word[::-1] in flat, f"{word}: {flat}"
                            )
                        self.assertIn("Hafenstraße12", flat)
                        self.assertIn("46483Wesel", flat)
                        self.assertIn(today, text)
                        self.assertIn(consent.legal_text_id.version, text)
                        if document in SIGNED:
                            self.assertIn("Unterschrift", text)
                        if document == "goal_agreement":
                            self.assertIn("31.03.2027", text)
                        if document == "release":
                            self.assertEqual(
                                release.legal_text_id,
                                self.env.ref("kim_case.legal_text_release"),
                            )
                        rendered += 1
                    except Exception:
                        failed += 1
                        raise
        self.assertEqual(consent.legal_text_id.document, "dp_agreement")
        report_figure("client_documents", rendered, rendered + failed)
        report_figure("client_document_languages", len(LANGUAGES))
