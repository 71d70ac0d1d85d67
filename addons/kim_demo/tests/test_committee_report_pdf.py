# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""G-7 (issue #19): the committee status report of the demo Kreis as a real
PDF (wkhtmltopdf, read back with pdftotext), stored once when the KIM lead
finalises it. A real PDF needs an HttpCase (wkhtmltopdf fetches the assets
from this server)."""

import base64
import re
import shutil
import subprocess
import tempfile

from odoo.tests import HttpCase, tagged


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
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        text = re.sub(r"\s+", "", text)
        for expected in (
            report.name,
            "EinleitungderKIM-Leitung",
            "AusblickaufdasdritteQuartal",
            "AktiveFällejeBezirk",
            "1.Quartal2026",
            "2.Quartal2025",
        ):
            self.assertIn(re.sub(r"\s+", "", expected), text)
        self.assertEqual(report.state, "final")
