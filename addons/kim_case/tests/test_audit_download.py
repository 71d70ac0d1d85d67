# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAuditDownload(HttpCase):
    """Audit trail (issue #7, scenario 7; § 78 SGB X, C-12): downloading a
    file of a case or a client over ``/web/content`` is logged with the
    user; a refused download logs nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.org_a, cls.org_b = Partner.create(
            [
                {"name": "KI Download", "is_company": True, "kim_is_employer": True},
                {
                    "name": "Träger Download",
                    "is_company": True,
                    "kim_is_employer": True,
                },
            ]
        )
        groups = "base.group_user,kim_case.group_kim_case_manager"
        cls.user_a = new_test_user(
            cls.env, login="kim_dl_a", groups=groups, kim_employer_id=cls.org_a.id
        )
        cls.user_b = new_test_user(
            cls.env, login="kim_dl_b", groups=groups, kim_employer_id=cls.org_b.id
        )
        cls.client = Partner.create(
            {
                "name": "Download Person",
                "kim_is_client": True,
                "kim_birthdate": date(1991, 1, 1),
            }
        )
        cls.case = cls.env["kim.case"].create(
            {
                "partner_id": cls.client.id,
                "user_id": cls.user_a.id,
                "employer_id": cls.org_a.id,
                "district_id": cls.env["kim.district"].create({"name": "DL"}).id,
                "type_id": cls.env.ref("kim_case.case_type_cm").id,
            }
        )
        Attachment = cls.env["ir.attachment"]
        cls.case_file, cls.client_file, cls.other_file = Attachment.create(
            [
                {
                    "name": "bescheid.txt",
                    "raw": b"Bescheid",
                    "res_model": "kim.case",
                    "res_id": cls.case.id,
                },
                {
                    "name": "pass.txt",
                    "raw": b"Pass",
                    "res_model": "res.partner",
                    "res_id": cls.client.id,
                },
                {
                    "name": "logo.txt",
                    "raw": b"Logo",
                    "res_model": "res.partner",
                    "res_id": cls.org_a.id,
                },
            ]
        )

    def _logs(self, model, res_id, user):
        return self.env["auditlog.log"].search(
            [
                ("model_model", "=", model),
                ("res_id", "=", res_id),
                ("method", "=", "download"),
                ("user_id", "=", user.id),
            ]
        )

    def test_download_logged(self):
        """C-12: the case manager downloads a file of the case and of the
        client: one entry each, naming the file; a file of an organisation
        is no case file and is not logged."""
        self.authenticate("kim_dl_a", "kim_dl_a")
        for attachment, body in (
            (self.case_file, b"Bescheid"),
            (self.client_file, b"Pass"),
            (self.other_file, b"Logo"),
        ):
            response = self.url_open(f"/web/content/{attachment.id}?download=true")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.content, body)
        self.env.invalidate_all()
        logs = self._logs("kim.case", self.case.id, self.user_a)
        self.assertEqual(len(logs), 1)
        self.assertEqual(
            logs.line_ids.new_value, f"bescheid.txt (#{self.case_file.id})"
        )
        self.assertEqual(len(self._logs("res.partner", self.client.id, self.user_a)), 1)
        self.assertFalse(self._logs("res.partner", self.org_a.id, self.user_a))

    def test_consent_document_download_logged(self):
        """C-10 / C-12: the signed consent form is logged on the consent, bound
        to it (issue #15) or, as before, linked by ``document_ids`` only."""
        document = (
            self.env["ir.attachment"]
            .with_user(self.user_a)
            .create({"name": "einwilligung.txt", "raw": b"Unterschrift"})
        )
        consent = self.env["kim.consent"].create(
            {
                "partner_id": self.client.id,
                "consent_type": "dp_agreement",
                "valid_from": date(2020, 1, 1),
                "document_ids": [(6, 0, document.ids)],
            }
        )
        self.assertEqual(
            (document.res_model, document.res_id), ("kim.consent", consent.id)
        )
        self.authenticate("kim_dl_a", "kim_dl_a")
        for downloads, unbind in ((1, False), (2, True)):
            if unbind:  # a document linked before consents bound their files
                document.write({"res_model": False, "res_id": False})
                self.env.flush_all()
            response = self.url_open(f"/web/content/{document.id}?download=true")
            self.assertEqual(response.status_code, 200)
            self.env.invalidate_all()
            logs = self._logs("kim.consent", consent.id, self.user_a)
            self.assertEqual(len(logs), downloads)
            self.assertEqual(
                set(logs.line_ids.mapped("new_value")),
                {f"einwilligung.txt (#{document.id})"},
            )

    def test_refused_download_not_logged(self):
        """X-1: a case manager of another employer gets no file and no entry
        is written in their name."""
        self.authenticate("kim_dl_b", "kim_dl_b")
        response = self.url_open(f"/web/content/{self.case_file.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.env.invalidate_all()
        self.assertFalse(self._logs("kim.case", self.case.id, self.user_b))
