# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError

from .common import KimAbhCommon


@freeze_time("2026-03-02")
class TestAbhCampaignStatistics(KimAbhCommon):
    def test_campaign_counts_follow_up_requests(self):
        """A-2: a naturalisation campaign with a migrant organisation records
        date, format, languages, audience and the follow-up requests."""
        mso = self.env["res.partner"].create(
            {
                "name": "Kulturverein Test e. V.",
                "is_company": True,
                "kim_partner_type_id": self.env.ref("kim_case.ptype_mso").id,
            }
        )
        campaign = (
            self.env["kim.abh.campaign"]
            .with_user(self.user_cm_a)
            .create(
                {
                    "name": "Einbürgerung beginnt mit der Einreise",
                    "format": "event",
                    "language_ids": [self.env.ref("kim_case.lang_ar").id],
                    "partner_ids": [mso.id],
                    "audience_reached": 40,
                }
            )
        )
        self._request(campaign_id=campaign.id)
        self.assertEqual(campaign.request_count, 1)
        # the authority sees the campaign (no client data in it)
        self.assertTrue(campaign.with_user(self.user_abh).has_access("read"))


@freeze_time("2030-03-02")
class TestAbhStatistics(KimAbhCommon):
    """A year of its own, away from the demo data."""

    def test_statistics_suppress_small_cells(self):
        """A-1: statistics count requests and decisions; cells below 5 are
        suppressed and only steering/coordination may ask."""
        for _index in range(5):
            request = self._request(date_request=date(2030, 3, 2))
            request.with_user(self.user_abh).write({"decision": "positive"})
            request.with_user(self.user_abh).action_decide()
        self._request(topic=self.topic_104c, date_request=date(2030, 3, 2))
        Request = self.env["kim.abh.request"]
        stats = Request.with_user(self.user_steering)._kim_abh_statistics(2030)
        self.assertEqual(stats["by_topic"][self.topic_residence.name], 5)
        self.assertIsNone(stats["by_topic"][self.topic_104c.name])
        self.assertEqual(stats["by_decision"]["positive"], 5)
        self.assertEqual(stats["median_response_days"], 0)
        # five requests, but one client: suppressed
        self.assertIsNone(stats["clients_with_title"])
        self.assertEqual(stats["clients_naturalised"], 0)
        self.assertEqual(
            Request.with_user(self.user_steering)._kim_abh_statistics(2029)["by_month"],
            {},
        )
        report = (
            self.env["kim.abh.statistics.report"]
            .with_user(self.user_steering)
            .create({"year": 2030})
        )
        self.assertIn("&lt; 5", report.result_html)
        self.assertIn(self.topic_residence.name, report.result_html)
        for user in (self.user_cm_a, self.user_abh, self.user_finance):
            with self.assertRaises(AccessError):
                Request.with_user(user)._kim_abh_statistics(2030)
