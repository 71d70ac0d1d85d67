# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""G-7 (issue #19): the committee status report of the demo Kreis as a real
PDF (wkhtmltopdf, read back with pdftotext), stored once when the KIM lead
finalises it. A real PDF needs an HttpCase (wkhtmltopdf fetches the assets
from this server)."""

import base64
import shutil

from odoo.tests import HttpCase, tagged

from .pdf_text import pdf_text, squeeze


@tagged("post_install", "-at_install")
class TestDemoCommitteeReportPdf(HttpCase):
    def test_demo_status_report_pdf(self):
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils missing")
        lead = self.env.ref("kim_demo.user_demo_lead")
        report = (
            self.env["kim.committee.report"]
            .with_user(lead)
            .create(
                {
                    "period_type": "quarter",
                    "year": 2026,
                    "period": 2,
                    "intro": "<p>Einleitung der KIM-Leitung</p>",
                    "outlook": "<p>Ausblick auf das dritte Quartal</p>",
                }
            )
        )
        report.with_context(force_report_rendering=True).action_finalise()
        pdf = base64.b64decode(report.report_file)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        for expected in (
            report.name,
            "EinleitungderKIM-Leitung",
            "AusblickaufdasdritteQuartal",
            "AktiveFällejeBezirk",
            "1.Quartal2026",
            "2.Quartal2025",
        ):
            self.assertIn(squeeze(expected), text)
        self.assertEqual(report.state, "final")
