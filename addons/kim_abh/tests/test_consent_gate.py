# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import KimAbhCommon


@freeze_time("2026-03-02")
class TestAbhConsentGate(KimAbhCommon):
    def _count(self):
        return self.env["kim.abh.request"].search_count([])

    def test_release_covering_authority_allows_request(self):
        """C-10: with a valid release for the ABH the case manager sends it."""
        request = self._request()
        self.assertEqual(request.state, "new")
        self.assertEqual(request.partner_id, self.client)
        self.assertTrue(request.name.startswith("KOOP/"))

    def test_no_release_refused(self):
        """C-10: without any release no request can be created."""
        client = self._client("Ohne Einwilligung")
        case = self._case(client=client)
        before = self._count()
        with self.assertRaises(UserError):
            self._request(case_id=case.id)
        self.assertEqual(self._count(), before)

    def test_release_for_other_recipient_refused(self):
        """C-10: a release for the ABH does not cover the EBH."""
        before = self._count()
        with self.assertRaises(UserError):
            self._request(authority=self.org_ebh, topic=self.topic_naturalisation)
        self.assertEqual(self._count(), before)

    def test_missing_category_refused(self):
        """C-10: the release must cover every data category of the topic."""
        before = self._count()
        with self.assertRaises(UserError):
            self._request(topic=self.env.ref("kim_abh.topic_25a"))
        self.assertEqual(self._count(), before)

    def test_withdrawn_release_refused(self):
        """C-10: after withdrawal no new request."""
        before = self._count()
        self.release.action_withdraw()
        with self.assertRaises(UserError):
            self._request()
        self.assertEqual(self._count(), before)

    def test_expired_release_refused(self):
        """C-10: an expired release does not cover a request."""
        before = self._count()
        self.release.valid_until = date(2026, 3, 1)
        with self.assertRaises(UserError):
            self._request()
        self.assertEqual(self._count(), before)

    def test_not_an_authority_refused(self):
        """C-10: requests go to an ABH or EBH only."""
        self._consent(self.client, "release", recipient_id=self.org_jobcenter.id)
        with self.assertRaises(ValidationError):
            self._request(authority=self.org_jobcenter)

    def test_changing_authority_rechecks_consent(self):
        """C-10: redirecting a request to another authority needs its release."""
        request = self._request()
        with self.assertRaises(UserError):
            request.authority_id = self.org_ebh
        self.assertEqual(request.authority_id, self.org_abh)

    def test_foreign_case_refused(self):
        """C-10: a case manager cannot send a request about another's case."""
        with self.assertRaises(AccessError):
            self._request(user=self.user_cm_b)
