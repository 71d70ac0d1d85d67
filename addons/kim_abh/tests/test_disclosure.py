# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import KimAbhCommon


class TestAbhDisclosure(KimAbhCommon):
    """C-10 / A-1: a request to the ABH/EBH is logged in the sharing log."""

    def _log(self):
        return self.env["kim.disclosure"].search([("partner_id", "=", self.client.id)])

    def test_request_writes_one_disclosure(self):
        """C-10: sending a request logs one disclosure to the authority with
        the topic's data categories and the release it rests on."""
        request = self._request()
        log = self._log()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.kind, "abh_request")
        self.assertEqual(log.recipient_id, self.org_abh)
        self.assertEqual(log.consent_id, self.release)
        self.assertEqual(log.data_category_ids, self.topic_residence.data_category_ids)
        self.assertEqual(log.case_id, self.case)
        self.assertEqual((log.res_model, log.res_id), ("kim.abh.request", request.id))
        # the authority answering is no new disclosure
        request.with_user(self.user_abh).action_start()
        self.assertEqual(len(self._log()), 1)

    def test_request_without_release_changes_nothing(self):
        """C-10: no release for the EBH: the request is refused, no request and
        no log entry are written."""
        Request = self.env["kim.abh.request"]
        before = Request.search_count([])
        with self.assertRaises(UserError):
            self._request(authority=self.org_ebh, topic=self.topic_naturalisation)
        self.assertEqual(Request.search_count([]), before)
        self.assertFalse(self._log())

    def test_authority_and_other_organisation_cannot_read_the_log(self):
        """C-10 / X-1: the sharing log stays with the case's readers: neither
        the authority's staff nor another organisation's case manager read it."""
        self._request()
        log = self._log()
        for user in (self.user_abh, self.user_cm_b):
            with self.assertRaises(AccessError):
                log.with_user(user).read(["recipient_id"])
        self.assertEqual(log.with_user(self.user_cm_a).recipient_id, self.org_abh)
