# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError

from .common import KimCaseCommon


class TestConsent(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._client()
        cls.case = cls._case(client=cls.client)

    def test_stage_gate_requires_dp_agreement(self):
        """C-10: moving into Assessment is refused without a valid signed
        data-protection agreement; allowed once it is recorded."""
        case = self.case.with_user(self.user_cm_a)
        with self.assertRaisesRegex(ValidationError, "data-protection agreement"):
            case.stage_id = self.stage_assessment
        self.assertEqual(case.stage_id, self.stage_intake)
        self._consent(self.client)
        case.stage_id = self.stage_assessment
        self.assertEqual(case.stage_id, self.stage_assessment)

    def test_withdrawn_or_expired_agreement_blocks(self):
        """C-10: an expired or withdrawn agreement does not open the case file."""
        consent = self._consent(self.client, valid_until=date(2021, 1, 1))
        with self.assertRaises(ValidationError):
            self.case.stage_id = self.stage_assessment
        consent.valid_until = False
        consent.action_withdraw()
        with self.assertRaises(ValidationError):
            self.case.stage_id = self.stage_assessment

    def test_release_covers_recipient_and_categories(self):
        """C-10: the service answers per recipient organisation and category."""
        Consent = self.env["kim.consent"]
        self._consent(self.client, "release")
        self.assertTrue(
            Consent._kim_may_transfer(self.client, self.org_jobcenter, self.cat_master)
        )
        # a contact person of the organisation counts as the organisation
        person = self.env["res.partner"].create(
            {"name": "Frau Sachbearbeiterin", "parent_id": self.org_jobcenter.id}
        )
        self.assertTrue(Consent._kim_may_transfer(self.client, person, self.cat_master))
        # another recipient, another category: refused
        self.assertFalse(
            Consent._kim_may_transfer(self.client, self.org_mbe, self.cat_master)
        )
        self.assertFalse(
            Consent._kim_may_transfer(self.client, self.org_jobcenter, self.cat_health)
        )
        with self.assertRaisesRegex(UserError, "MBE Testverband"):
            Consent._kim_check_transfer(self.client, self.org_mbe, self.cat_master)

    def test_withdrawal_acts_from_then_on(self):
        """C-10 / DSGVO Art. 7(3): after withdrawal nothing more goes out; the
        answer for a day before the withdrawal stays yes."""
        Consent = self.env["kim.consent"]
        with freeze_time("2026-03-01"):
            release = self._consent(self.client, "release")
        with freeze_time("2026-03-10"):
            release.action_withdraw()
            self.assertEqual(release.state, "withdrawn")
            self.assertFalse(
                Consent._kim_may_transfer(
                    self.client, self.org_jobcenter, self.cat_master
                )
            )
        self.assertTrue(
            Consent._kim_may_transfer(
                self.client, self.org_jobcenter, self.cat_master, day=date(2026, 3, 9)
            )
        )
        with self.assertRaises(UserError):
            release.withdrawn_date = False

    def test_expired_yesterday(self):
        """C-10: a release that expired yesterday no longer covers anything
        (no cron needed)."""
        with freeze_time("2026-06-15"):
            self._consent(self.client, "release", valid_until=date(2026, 6, 14))
            self.assertFalse(
                self.env["kim.consent"]._kim_may_transfer(
                    self.client, self.org_jobcenter, self.cat_master
                )
            )

    def test_incomplete_release_refused(self):
        """C-10: a release without document, recipient, categories or purpose is
        refused and nothing is created."""
        Consent = self.env["kim.consent"]
        before = Consent.search_count([])
        for missing in ("document_ids", "recipient_id", "data_category_ids", "purpose"):
            with self.subTest(missing=missing), self.assertRaises(ValidationError):
                self._consent(self.client, "release", **{missing: False})
        self.assertEqual(Consent.search_count([]), before)
