# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from .common import KimFundingCommon


class TestProofOfUseActivity(KimFundingCommon):
    """F-8, issue #18: the proof of use coming due is a KIM activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(
            "kim_funding.mail_activity_type_proof_of_use_due"
        )
        cls.proof = (
            cls.env["kim.proof.of.use"]
            .with_user(cls.user_finance)
            .create({"grant_id": cls.grant_b2.id})
        )

    def _activities(self, proof):
        return proof.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    def test_cron_schedules_once_for_finance(self):
        """F-8, issue #18: within the type's lead time (four weeks, data)
        before the legal due date (dated rule) the finance staff get one
        "proof of use due" activity each, due on that date, once."""
        self.assertEqual(self.proof.date_due, date(2032, 6, 30))
        Proof = self.env["kim.proof.of.use"]
        with freeze_time("2032-05-31"):
            Proof._cron_proof_of_use_due()
        self.assertFalse(self._activities(self.proof), "more than 4 weeks ahead")
        with freeze_time("2032-06-10"):
            Proof._cron_proof_of_use_due()
            Proof._cron_proof_of_use_due()
        activity = self._activities(self.proof).filtered(
            lambda a: a.user_id == self.user_finance
        )
        self.assertEqual(len(activity), 1, "once, re-run safe")
        self.assertEqual(activity.date_deadline, date(2032, 6, 30))

    def test_default_user_is_data(self):
        """Issue #18: a default user set on the type gets the activity
        instead of the finance staff."""
        self.activity_type.default_user_id = self.user_lead
        with freeze_time("2032-06-10"):
            self.env["kim.proof.of.use"]._cron_proof_of_use_due()
        self.assertEqual(self._activities(self.proof).user_id, self.user_lead)
