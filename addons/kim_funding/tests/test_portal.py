# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import KimFundingCommon


@tagged("post_install", "-at_install")
class TestFundingPortal(HttpCase, KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._welfare_contract()
        cls.other = cls._active_contract(name="Vertrag Stadt Geheim")

    def _uploads(self):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", "kim.forwarding.contract"),
                ("description", "=", "kim_portal_upload"),
            ]
        )

    def test_no_or_wrong_token_and_other_organisation(self):
        """F-10: without login or with a wrong token nothing is shown; a
        portal user sees only their organisation's contract, never another's."""
        url = f"/my/kim-contracts/{self.other.id}"
        for query in ("", "?access_token=wrong"):
            response = self.url_open(url + query)
            self.assertNotIn("Vertrag Stadt Geheim", response.text)
            self.assertIn("/web/login", response.url)
        self.authenticate(self.user_portal.login, self.user_portal.login)
        response = self.url_open(url)
        self.assertNotIn("Vertrag Stadt Geheim", response.text)
        self.assertTrue(response.url.endswith("/my"), response.url)
        listing = self.url_open("/my/kim-contracts")
        self.assertIn("Vertrag Wohlfahrt Test", listing.text)
        self.assertNotIn("Vertrag Stadt Geheim", listing.text)
        detail = self.url_open(f"/my/kim-contracts/{self.own.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("o_kim_instalments", detail.text)

    def test_portal_carries_the_kreis_name(self):
        """Issue #20: a partner's portal page is titled with the Kreis' name,
        not "Odoo"; without a logo of its own the Kreis' name stands where
        Odoo shows its "Your logo" placeholder."""
        company = self.env.company
        self.authenticate(self.user_portal.login, self.user_portal.login)
        page = self.url_open("/my/kim-contracts").text
        title = page.split("<title>", 1)[1].split("</title>", 1)[0]
        self.assertEqual(title.strip(), company.name)
        brand = page.split('class="navbar-brand logo"', 1)[1].split("</a>", 1)[0]
        if company.uses_default_logo:
            self.assertNotIn("logo.png", brand)
            self.assertIn(company.name, brand)
        else:
            self.assertIn(f"/logo.png?company={company.id}", brand)

    def test_organisation_change_takes_effect_at_once(self):
        """F-10, X-1 (issue #17 §5): the portal rules read the organisation's
        users in SQL: a portal user moved to another organisation sees its
        contracts and instalments at once, the former one's no longer, and no
        worker's cache is reset for it."""
        Contract = self.env["kim.forwarding.contract"].with_user(self.user_portal)
        Instalment = self.env["kim.forwarding.instalment"].with_user(self.user_portal)
        both = self.own | self.other
        self.assertEqual(Contract.search([("id", "in", both.ids)]), self.own)
        self.assertTrue(Instalment.search([("contract_id", "=", self.own.id)]))
        sequences = dict(self.env.registry.cache_sequences)
        self.user_portal.kim_employer_id = self.other.recipient_id
        self.env.flush_all()
        self.assertEqual(dict(self.env.registry.cache_sequences), sequences)
        self.assertEqual(Contract.search([("id", "in", both.ids)]), self.other)
        self.assertFalse(Instalment.search([("contract_id", "=", self.own.id)]))

    def test_upload_pdf_checked(self):
        """F-8: recipients upload their proof of use as PDF; other types and
        other organisations' contracts are refused."""
        self.authenticate(self.user_portal.login, self.user_portal.login)
        csrf = http.Request.csrf_token(self)
        bad = self.url_open(
            f"/my/kim-contracts/{self.own.id}/upload",
            data={"csrf_token": csrf},
            files={"upload": ("bericht.pdf", b"MZ not a pdf", "application/pdf")},
        )
        self.assertIn("error=type", bad.url)
        self.assertFalse(self._uploads())
        self.url_open(
            f"/my/kim-contracts/{self.other.id}/upload",
            data={"csrf_token": csrf},
            files={"upload": ("vn.pdf", b"%PDF-1.4 fremd", "application/pdf")},
        )
        self.assertFalse(self._uploads())
        good = self.url_open(
            f"/my/kim-contracts/{self.own.id}/upload",
            data={"csrf_token": csrf},
            files={
                "upload": ("vn.pdf", b"%PDF-1.4 Verwendungsnachweis", "application/pdf")
            },
        )
        self.assertIn("uploaded=1", good.url)
        uploads = self._uploads()
        self.assertEqual(len(uploads), 1)
        self.assertEqual(uploads.res_id, self.own.id)
