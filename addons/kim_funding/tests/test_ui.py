# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import KimFundingCommon


@tagged("post_install", "-at_install")
class TestFundingUi(HttpCase, KimFundingCommon):
    def test_finance_tour_release_bill_pay(self):
        """F-7: finance releases a contract approved by the KI, bills and pays
        an instalment in the browser and sees it paid."""
        contract = self._contract(name="Vertrag Tour")
        contract.action_to_sign()
        contract.action_sign()
        contract.with_user(self.user_lead).action_approve()
        self.start_tour(
            f"/odoo/kim-forwarding-contracts/{contract.id}",
            "kim_funding_finance_tour",
            login=self.user_finance.login,
        )
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.instalment_ids[0].state, "paid")

    def test_portal_tour_upload_proof(self):
        """F-8: a recipient's portal user uploads a proof of use in the browser."""
        contract = self._active_contract(
            name="Vertrag Portal Tour",
            recipient=self.org_welfare,
            recipient_type="welfare",
            ministry_consent_date="2031-01-02",
            consent_attachment_ids=[self._document().id],
            concept_attachment_ids=[self._document().id],
            outside_jmd_mbe=True,
        )
        self.start_tour(
            "/my/kim-contracts",
            "kim_funding_portal_upload_tour",
            login=self.user_portal.login,
        )
        upload = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "kim.forwarding.contract"),
                ("res_id", "=", contract.id),
                ("description", "=", "kim_portal_upload"),
            ]
        )
        self.assertEqual(upload.name, "verwendungsnachweis.pdf")
