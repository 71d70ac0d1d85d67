# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat scenario 3 (issue #7) for kim_case: the consent gate on every way
case data leaves the case manager (measures for partner organisations, case
conferences, chatter messages and followers)."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import KimCaseCommon

TODAY = date(2026, 6, 15)


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestThreatConsent(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.jobcenter_person = cls.env["res.partner"].create(
            {
                "name": "Frau Jobcenter",
                "parent_id": cls.org_jobcenter.id,
                "email": "jc@example.com",
            }
        )

    def _fresh_case(self, situation):
        """A client and case of CM-A with the release ``situation``."""
        client = self._client(f"Klient {situation}")
        case = self._case(client=client)
        release = {
            "none": None,
            "valid": {},
            "other recipient": {"recipient_id": self.org_mbe.id},
            "other category": {"data_category_ids": [self.cat_residence.id]},
            "withdrawn": {"withdrawn_date": date(2026, 6, 14)},
            "expired yesterday": {"valid_until": date(2026, 6, 14)},
        }[situation]
        if release is not None:
            with freeze_time("2026-01-01"):
                self._consent(client, "release", **release)
        return case.with_user(self.user_cm_a)

    def _channels(self):
        """Each way data of the case goes to the Jobcenter, as CM-A."""
        return {
            "measure for the Jobcenter": lambda case: case.write(
                {
                    "measure_ids": [
                        Command.create(
                            {
                                "name": "Vermittlung",
                                "kim_partner_org_id": self.org_jobcenter.id,
                                "kim_data_category_ids": [self.cat_master.id],
                            }
                        )
                    ]
                }
            ),
            "case conference with the Jobcenter": lambda case: (
                self.env["calendar.event"]
                .with_user(self.user_cm_a)
                .create(
                    {
                        "name": "Fallkonferenz",
                        "kim_case_id": case.id,
                        "start": "2026-06-20 09:00:00",
                        "stop": "2026-06-20 10:00:00",
                        "partner_ids": [Command.set(self.jobcenter_person.ids)],
                    }
                )
            ),
            "chatter message to the Jobcenter": lambda case: case.message_post(
                body="Stand der Beratung",
                message_type="comment",
                partner_ids=self.jobcenter_person.ids,
            ),
            "Jobcenter as follower": lambda case: case.message_subscribe(
                partner_ids=self.jobcenter_person.ids
            ),
        }

    def _footprint(self, case):
        return (
            len(case.sudo().measure_ids),
            self.env["calendar.event"].search_count([("kim_case_id", "=", case.id)]),
            self.env["mail.message"].search_count(
                [("model", "=", "kim.case"), ("res_id", "=", case.id)]
            ),
            len(case.sudo().message_partner_ids),
        )

    def test_every_channel_needs_a_valid_release(self):
        """C-10 / DSGVO Art. 7(3): no release, a release for another recipient
        or another data category, withdrawn yesterday or expired yesterday:
        each way case data goes to the Jobcenter is refused and leaves no
        trace; a valid release lets it through."""
        refused = (
            "none",
            "other recipient",
            "other category",
            "withdrawn",
            "expired yesterday",
        )
        problems = []
        for name, send in self._channels().items():
            for situation in (*refused, "valid"):
                case = self._fresh_case(situation)
                # another category only matters where categories are named
                expect_refusal = situation in refused and not (
                    situation == "other category" and "measure" not in name
                )
                before = self._footprint(case)
                try:
                    with self.env.cr.savepoint():
                        send(case)
                        self.env.flush_all()
                    refused_now = False
                except UserError:
                    refused_now = True
                if refused_now != expect_refusal:
                    problems.append(f"{name} / {situation}: refused={refused_now}")
                if refused_now and self._footprint(case) != before:
                    problems.append(f"{name} / {situation}: partial write")
        self.assertEqual(problems, [])

    def test_withdrawal_at_t(self):
        """C-10 / DSGVO Art. 7(3): a measure created before the withdrawal at T
        stays on record as a transfer the release covered on that day; after
        T a new one is refused."""
        client = self._client("Klientin Widerruf")
        case = self._case(client=client).with_user(self.user_cm_a)
        with freeze_time("2026-03-01"):
            release = self._consent(client, "release")
            self._channels()["measure for the Jobcenter"](case)
        measure = case.sudo().measure_ids
        self.assertEqual(measure.kim_partner_org_id, self.org_jobcenter)
        self.assertTrue(measure.kim_shares_client_data)
        release.action_withdraw()
        self.assertEqual(release.withdrawn_date, TODAY)
        with self.assertRaises(UserError):
            self._channels()["measure for the Jobcenter"](case)
        self.assertEqual(case.sudo().measure_ids, measure)
        self.assertTrue(
            self.env["kim.consent"]._kim_may_transfer(
                client, self.org_jobcenter, self.cat_master, day=date(2026, 3, 1)
            )
        )

    def test_consent_without_document_or_purpose_refused(self):
        """C-10: a release without signed document or purpose, and a
        data-protection agreement without signed document, are refused."""
        client = self._client("Klient Unvollständig")
        Consent = self.env["kim.consent"].with_user(self.user_cm_a)
        before = Consent.search_count([])
        cases = [
            ("release", {"document_ids": False}),
            ("release", {"purpose": False}),
            ("release", {"purpose": "   "}),
            ("dp_agreement", {"document_ids": False}),
        ]
        for consent_type, values in cases:
            with self.subTest(consent_type=consent_type, values=values):
                with self.assertRaises(ValidationError):
                    self._consent(client, consent_type, **values)
        self.assertEqual(Consent.search_count([]), before)
