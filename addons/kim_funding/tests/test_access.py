# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KimFundingCommon


@tagged("post_install", "-at_install")
class TestFundingAccess(KimFundingCommon):
    def test_finance_sees_no_case_content(self):
        """F-7: finance works on contracts and instalments but never sees case
        content."""
        case = self._case()
        with self.assertRaises(AccessError):
            self.env["kim.case"].with_user(self.user_finance).search([])
        with self.assertRaises(AccessError):
            case.with_user(self.user_finance).read(["name"])
        contract = self._active_contract()
        self.assertTrue(contract.with_user(self.user_finance).instalment_ids)

    def test_portal_sees_only_own_organisation(self):
        """F-10: portal users of a recipient see only their organisation's
        contracts and instalments; case managers see no contracts."""
        own = self._active_contract(
            recipient=self.org_welfare,
            recipient_type="welfare",
            ministry_consent_date="2031-01-02",
            consent_attachment_ids=[self._document().id],
            concept_attachment_ids=[self._document().id],
            outside_jmd_mbe=True,
        )
        other = self._active_contract()
        Contract = self.env["kim.forwarding.contract"].with_user(self.user_portal)
        self.assertEqual(Contract.search([]), own)
        Instalment = self.env["kim.forwarding.instalment"].with_user(self.user_portal)
        self.assertEqual(Instalment.search([]).contract_id, own)
        with self.assertRaises(AccessError):
            other.with_user(self.user_portal).read(["amount"])
        with self.assertRaises(AccessError):
            own.with_user(self.user_portal).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["kim.forwarding.contract"].with_user(self.user_cm_a).search([])
