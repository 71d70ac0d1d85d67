# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, ValidationError

from .common import KimGovernanceCommon


class TestAgreement(KimGovernanceCommon):
    def test_agreement_status_review_and_network(self):
        """G-5: agreements with several partners; signing needs the document;
        review activity; partners with referrals but no agreement are listed."""
        Agreement = self.env["kim.agreement"].with_user(self.user_coordination)
        agreement = Agreement.create(
            {
                "name": "Kooperationsvereinbarung Jobcenter/MBE",
                "partner_ids": [(6, 0, (self.org_jobcenter | self.org_mbe).ids)],
                "scope_ids": [
                    (6, 0, self.env.ref("kim_governance.scope_data_protection").ids)
                ],
                "review_date": date(2026, 6, 30),
            }
        )
        self.assertEqual(agreement.activity_ids.date_deadline, date(2026, 6, 30))
        with self.assertRaises(ValidationError):
            agreement.state = "signed"
        agreement.write(
            {
                "state": "signed",
                "date_signed": date(2025, 1, 1),
                "signed_document": "UERG",
            }
        )
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_steering).write({"name": "x"})
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_finance).read(["name"])
        case = self._case()
        other = self.env["res.partner"].create(
            {"name": "Tafel e. V.", "is_company": True}
        )
        self.env["project.task"].create(
            [
                {
                    "name": "Vermittlung",
                    "kim_case_id": case.id,
                    "kim_partner_org_id": p.id,
                    "kim_shares_client_data": False,
                }
                for p in (self.org_jobcenter, other)
            ]
        )
        missing = self.env["res.partner"]._kim_partners_without_agreement()
        self.assertIn(other, missing)
        self.assertNotIn(self.org_jobcenter, missing)
        self.assertEqual(other.kim_referral_count, 1)
