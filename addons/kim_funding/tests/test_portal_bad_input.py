# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #7, scenario 5 (bad input): the portal upload form of the forwarding
contract refuses every bad file with a German message and stores nothing."""

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.kim_case.tests.figures import report_figure

from .common import KimFundingCommon

PDF = b"%PDF-1.4 Verwendungsnachweis"
TOO_BIG = 5 * 1024 * 1024 + 1
BAD_CONTENT = [
    b"",
    b"MZ\x90\x00",
    b"\x89PNG\r\n\x1a\n",
    b"GIF89a",
    b"<svg onload=alert(1)>",
    b"<html><script>alert(1)</script></html>",
    b"PK\x03\x04",
    b"%PDF",
    b" %PDF-1.4",
    b"%pdf-1.4",
    b"\xef\xbb\xbf%PDF-1.4",
    b"\x00%PDF-1.4",
    b"{\\rtf1",
    b"\xd0\xcf\x11\xe0",
    b"II*\x00",
    b"\xff\xd8\xff",
    b"#!/bin/sh",
    b"<?php echo 1; ?>",
    b"%!PS-Adobe-3.0",
    b"PDF-1.4",
    b"Verwendungsnachweis",
    b"\x1f\x8b\x08",
]
BAD_NAMES = [
    "bericht.html",
    "bericht.svg",
    "bericht.exe",
    "bericht.pdf.html",
    "bericht.PDF.js",
    "bericht",
    "bericht.pdf.txt",
    "bericht.pd",
    "bericht.p df",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>.html",
    "bericht.pdf.",
    "bericht.pdff",
    ".htaccess",
    "bericht.pdf;.exe",
    "bericht.pdfx",
    "bericht.docx",
    "bericht.xlsx",
    "bericht.zip",
    "ä" * 300 + ".exe",
]
BAD_BOTH = [
    ("x.html", b"<script>alert(1)</script>"),
    ("x.svg", b"<svg onload=alert(1)>"),
    ("bericht.PDF", b"MZ"),
    ("BERICHT.EXE", PDF),
    ("bericht.pdf.exe", PDF),
    ("bericht.pdf", b"%PDF-1.4" + b"0" * TOO_BIG),
    ("bericht.exe", b"MZ" + b"0" * TOO_BIG),
]
GERMAN = (
    "Es können nur PDF-Dateien hochgeladen werden.",
    "Die Datei ist zu groß (höchstens 5 MB).",
    "Bitte eine Datei wählen.",
)


@tagged("post_install", "-at_install")
class TestFundingPortalBadInput(HttpCase, KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._welfare_contract()
        if cls.env["res.lang"]._lang_get("de_DE"):
            cls.user_portal.lang = "de_DE"

    def _snapshot(self):
        self.env.invalidate_all()
        return (
            self.env["ir.attachment"].search_count([]),
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "kim.forwarding.contract"),
                    ("res_id", "=", self.own.id),
                ]
            ),
        )

    def test_upload_bad_inputs(self):
        """F-8: 51 bad uploads (wrong magic bytes, wrong or script names,
        missing or empty files, oversized files): each is refused with a
        German message on the contract page; no attachment or message is
        stored."""
        self.authenticate(self.user_portal.login, self.user_portal.login)
        csrf = http.Request.csrf_token(self)
        url = f"/my/kim-contracts/{self.own.id}/upload"
        cases = (
            [("bericht.pdf", content) for content in BAD_CONTENT]
            + [(name, PDF) for name in BAD_NAMES]
            + BAD_BOTH
            + [(None, None), ("", PDF)]
        )
        tried = partial_writes = 0
        refused_in_german = 0
        for name, content in cases:
            before = self._snapshot()
            files = (
                {"upload": (name, content, "application/pdf")}
                if name is not None
                else None
            )
            response = self.url_open(url, data={"csrf_token": csrf}, files=files)
            tried += 1
            with self.subTest(name=(name or "")[:30], content=(content or b"")[:12]):
                self.assertIn("error=", response.url)
                self.assertTrue(
                    any(text in response.text for text in GERMAN), response.url
                )
                refused_in_german += 1
            if self._snapshot() != before:
                partial_writes += 1
        self.assertGreaterEqual(tried, 50)
        self.assertEqual(refused_in_german, tried)
        self.assertEqual(partial_writes, 0)
        report_figure("bad_inputs", tried)
        report_figure("partial_writes", partial_writes)
