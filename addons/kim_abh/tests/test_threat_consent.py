# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat scenario 3 (issue #7) for kim_abh: the consent gate on requests to
the authorities, and on what authority staff see of them."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KimAbhCommon

T = date(2026, 3, 10)


@tagged("post_install", "-at_install")
class TestThreatConsentAbh(KimAbhCommon):
    def _situation_client(self, situation):
        """A client of CM-A with a case and the release ``situation`` for
        the ABH (at day T)."""
        client = self._client(f"Klient {situation}")
        case = self._case(client=client)
        values = {
            "none": None,
            "valid": {},
            "other recipient": {"recipient_id": self.org_ebh.id},
            "other category": {"data_category_ids": [self.cat_health.id]},
            "withdrawn": {"withdrawn_date": date(2026, 3, 9)},
            "expired yesterday": {"valid_until": date(2026, 3, 9)},
        }[situation]
        if values is not None:
            self._consent(
                client,
                "release",
                **{
                    "recipient_id": self.org_abh.id,
                    "case_id": case.id,
                    "valid_from": date(2026, 1, 1),
                    "data_category_ids": self.topic_residence.data_category_ids.ids,
                }
                | values,
            )
        return case

    def test_requests_need_a_valid_release(self):
        """C-10: no release, a release for another recipient or another data
        category, withdrawn or expired yesterday: no request reaches the ABH
        and nothing is created; a valid release lets it through."""
        problems = []
        Request = self.env["kim.abh.request"]
        with freeze_time(T):
            for situation in (
                "none",
                "other recipient",
                "other category",
                "withdrawn",
                "expired yesterday",
                "valid",
            ):
                case = self._situation_client(situation)
                before = Request.search_count([])
                try:
                    with self.env.cr.savepoint():
                        self._request(case_id=case.id, date_request=T)
                    refused = False
                except UserError:
                    refused = True
                if refused != (situation != "valid"):
                    problems.append(f"{situation}: refused={refused}")
                if refused and Request.search_count([]) != before:
                    problems.append(f"{situation}: partial write")
        self.assertEqual(problems, [])

    def test_withdrawal_at_t_for_the_authority(self):
        """C-10 / DSGVO Art. 7(3): before the withdrawal at T the ABH reads the
        request and the transfer is on record in its chatter, dated before T;
        from T on the ABH can neither find, read nor answer it and no new
        request goes out; the record of the earlier transfer stays."""
        with freeze_time("2026-03-02"):
            request = self._request()
            as_abh = request.with_user(self.user_abh)
            self.assertEqual(as_abh.read(["question"])[0]["question"], request.question)
        log = self.env["mail.message"].search(
            [("model", "=", "kim.abh.request"), ("res_id", "=", request.id)]
        )
        self.assertTrue(log)
        self.assertTrue(all(m.date.date() < T for m in log))
        with freeze_time(T):
            self.release.action_withdraw()
            Request = self.env["kim.abh.request"].with_user(self.user_abh)
            self.assertFalse(Request.search([("id", "=", request.id)]))
            with mute_logger("odoo.addons.base.models.ir_rule"):
                with self.assertRaises(AccessError):
                    as_abh.read(["question"])
                with self.assertRaises(AccessError):
                    as_abh.write({"answer": "Antwort nach Widerruf"})
            with self.assertRaises(UserError):
                self._request(date_request=T)
        self.assertLessEqual(
            log, self.env["mail.message"].search([("id", "in", log.ids)])
        )
        self.assertFalse(request.answer)

    def test_expired_yesterday_for_the_authority(self):
        """C-10: a release that expired yesterday no longer opens an existing
        request to the ABH (no cron needed)."""
        with freeze_time("2026-03-02"):
            request = self._request()
        self.release.valid_until = date(2026, 3, 9)
        with freeze_time(T):
            Request = self.env["kim.abh.request"].with_user(self.user_abh)
            self.assertFalse(Request.search([("id", "=", request.id)]))
            self.assertEqual(Request.search_count([("id", "=", request.id)]), 0)
