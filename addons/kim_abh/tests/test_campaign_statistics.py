# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
import zipfile
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError

from odoo.addons.kim_case.suppression import CellSuppression
from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.kim_case.tests.suppression_attack import SuppressionAttacker

from .common import KimAbhCommon

# The attacker's own knowledge: these breakdowns count the same requests
SENT = ("Requests by topic", "Requests by authority", "Requests by month")


def attack_export(rows):
    """X-2: the attacker on the state export's rows (section, item, value)."""
    attacker = SuppressionAttacker(zero_shown=True)
    sections = {}
    for section, item, value in rows:
        if attacker.shown((section, item), value):
            sections.setdefault(section, []).append((section, item))
    shared = attacker.unknown("sent")
    for section in SENT:
        attacker.add_sum(shared, sections.get(section, []), section)
    attacker.add_sum(
        attacker.unknown("decided"),
        sections.get("Decisions by outcome", []),
        "decided",
    )
    attacker.derived = attacker.attack()
    return attacker


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
        # X-2 (issue #19): 6 requests in March to one authority: 6 − 5 would
        # give the "< 5" back, so the 5 is hidden too ("x"), and the 6s
        self.assertEqual(stats["by_topic"][self.topic_residence.name], "x")
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

    def test_statistics_follow_the_dated_minimum_cell_size(self):
        """X-2 (issue #19): the minimum cell size is dated data: from a figure
        of 7 on, 5 positive decisions are suppressed, in the figures, on the
        screen and in the state export."""
        for _index in range(5):
            request = self._request(date_request=date(2030, 3, 2))
            request.with_user(self.user_abh).write({"decision": "positive"})
            request.with_user(self.user_abh).action_decide()
        Request = self.env["kim.abh.request"].with_user(self.user_steering)
        stats = Request._kim_abh_statistics(2030)
        self.assertEqual(stats["by_decision"]["positive"], 5)
        self.env.ref("kim_case.statistics_limit_2024").valid_to = date(2029, 12, 31)
        self.env["kim.statistics.limit"].with_user(self.user_lead).create(
            {"value": 7, "valid_from": date(2030, 1, 1)}
        )
        stats = Request._kim_abh_statistics(2030)
        self.assertEqual(stats["min_cell"], 7)
        self.assertIsNone(stats["by_decision"]["positive"])
        self.assertIsNone(stats["median_response_days"])
        report = (
            self.env["kim.abh.statistics.report"]
            .with_user(self.user_steering)
            .create({"year": 2030})
        )
        self.assertIn("&lt; 7", report.result_html)
        rows = report._kim_export_rows()
        self.assertIn("<7", [cell for _section, _item, cell in rows])
        self.assertNotIn("5", [cell for _section, _item, cell in rows])

    def test_state_export_csv_xlsx(self):
        """A-1/A-2/X-2: the state export (CSV and XLSX) lists requests by topic,
        authority and month, decisions by outcome, the median response time and
        naturalised/titled clients; 1–4 shows as "<5", a real zero as "0"."""
        for _index in range(5):
            request = self._request(date_request=date(2030, 3, 2))
            request.with_user(self.user_abh).write({"decision": "positive"})
            request.with_user(self.user_abh).action_decide()
        self._request(topic=self.topic_104c, date_request=date(2030, 3, 2))
        report = (
            self.env["kim.abh.statistics.report"]
            .with_user(self.user_steering)
            .create({"year": 2030})
        )
        report.action_export_csv()
        self.assertEqual(report.export_name, "kim_abh_statistik_2030.csv")
        text = base64.b64decode(report.export_file).decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(lines[0], ["Year", "Figure", "Item", "Value"])
        cells = {(line[1], line[2]): line[3] for line in lines[1:]}
        self.assertTrue(all(line[0] == "2030" for line in lines[1:]))
        topic = "Requests by topic"
        self.assertEqual(cells[(topic, self.topic_residence.name)], "x")
        self.assertEqual(cells[(topic, self.topic_104c.name)], "<5")
        self.assertEqual(cells[(topic, self.topic_naturalisation.name)], "0")
        self.assertEqual(cells[("Requests by authority", self.org_abh.name)], "x")
        self.assertEqual(cells[("Requests by authority", self.org_ebh.name)], "0")
        self.assertEqual(cells[("Requests by month", "2030-03")], "x")
        self.assertEqual(cells[("Requests by month", "2030-01")], "0")
        self.assertEqual(cells[("Decisions by outcome", "Positive")], "5")
        self.assertEqual(cells[("Decisions by outcome", "Negative")], "0")
        self.assertEqual(cells[("Median response time (days)", "")], "0")
        self.assertEqual(cells[("Clients naturalised", "")], "0")
        self.assertEqual(cells[("Clients who received a residence title", "")], "<5")
        for value in cells.values():
            self.assertNotIn(value, ("1", "2", "3", "4"))
        self.assertNotIn(self.client.name, text)
        report.action_export_xlsx()
        content = base64.b64decode(report.export_file)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn("&lt;5", strings)
        self.assertIn(self.topic_residence.name, strings)
        self.assertNotIn(self.client.name, strings)
        for user in (self.user_cm_a, self.user_abh):
            with self.assertRaises(AccessError):
                self.env["kim.abh.statistics.report"].with_user(user).create(
                    {"year": 2030}
                ).action_export_csv()

    def test_state_export_withstands_attack(self):
        """X-2 (issue #19): from the export nothing suppressed can be worked
        out; with the old rule (small cells only) the attacker finds the one
        request on § 104c from 6 in March minus 5 on residence."""
        for _index in range(5):
            request = self._request(date_request=date(2030, 3, 2))
            request.with_user(self.user_abh).write({"decision": "positive"})
            request.with_user(self.user_abh).action_decide()
        self._request(topic=self.topic_104c, date_request=date(2030, 3, 2))
        self._request(topic=self.topic_104c, date_request=date(2030, 5, 4))
        report = (
            self.env["kim.abh.statistics.report"]
            .with_user(self.user_steering)
            .create({"year": 2030})
        )

        protect = CellSuppression.protect

        def primary_only(control, secondary=True):
            return protect(control, secondary=False)

        with patch.object(CellSuppression, "protect", primary_only):
            old = attack_export(report._kim_export_rows())
        self.assertEqual(old.derived[("Requests by topic", self.topic_104c.name)], 2)
        attacker = attack_export(report._kim_export_rows())
        self.assertEqual(attacker.derived, {})
        self.assertGreater(len(attacker.attempts), 5)
        report_figure("suppression_attacks", len(attacker.attempts))
        report_figure("suppression_derived", len(attacker.derived))
