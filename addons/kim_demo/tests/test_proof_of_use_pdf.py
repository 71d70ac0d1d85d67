# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""F-8 (issue #19): the demo Kreis' proof of use as PDF (wkhtmltopdf, read
back with pdftotext) and XLSX: the ANBest-P parts are there. A real PDF needs
an HttpCase (wkhtmltopdf fetches the assets from this server)."""

import io
import shutil
import zipfile

from odoo.tests import HttpCase, tagged

from .pdf_text import pdf_text, squeeze


@tagged("post_install", "-at_install")
class TestDemoProofOfUsePdf(HttpCase):
    def test_demo_proof_pdf_and_xlsx(self):
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils missing")
        grant = self.env.ref("kim_demo.grant_demo_b1_2025")
        proof = self.env["kim.proof.of.use"].search(
            [("grant_id", "=", grant.id)], limit=1
        )
        self.assertEqual(proof.state, "submitted")
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="de_DE")
            ._render_qweb_pdf("kim_funding.action_report_proof_of_use", proof.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        self.assertIn(squeeze(proof.grant_id.name), text)
        for heading in ("Finanzierungsplan", "Belegliste", "Stellenübersicht"):
            self.assertIn(heading, text)
        # every item of the financing plan whose deviation is over the limit
        # carries its explanation into the PDF
        for budget in proof._kim_financing_plan().filtered("deviation_exceeded"):
            self.assertIn(budget.deviation_note.split(":")[0], text)
        with zipfile.ZipFile(
            io.BytesIO(proof.with_context(lang="de_DE")._kim_xlsx())
        ) as book:
            workbook = book.read("xl/workbook.xml").decode()
        self.assertIn("Belegliste", workbook)
