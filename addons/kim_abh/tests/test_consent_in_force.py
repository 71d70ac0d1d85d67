# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #16 item 4: the authority's access and the request gate follow
``kim.consent._kim_in_force`` on the KIM day (Europe/Berlin)."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import KimAbhCommon

# 23:30 UTC on 31 December is 00:30 on 1 January in Berlin
BEFORE_MIDNIGHT = "2026-12-31 22:30:00"
AFTER_MIDNIGHT = "2026-12-31 23:30:00"
NEW_YEARS_EVE, NEW_YEAR = date(2026, 12, 31), date(2027, 1, 1)


class TestAbhConsentInForce(KimAbhCommon):
    def _visible(self, request):
        Request = self.env["kim.abh.request"].with_user(self.user_abh)
        return bool(Request.search([("id", "=", request.id)]))

    def test_berlin_day_for_the_authority(self):
        """A-1 / C-10: at 23:30 UTC on 31 December it is 1 January in Berlin.
        A release for the ABH ending 31 December no longer opens the request
        to the ABH nor lets a new one go out; a release starting 1 January
        does both — although the server's UTC day is still 31 December."""
        self.release.valid_until = NEW_YEARS_EVE
        client = self._client("Klientin Neujahr")
        case = self._case(client=client)
        self._consent(
            client, "release", recipient_id=self.org_abh.id, valid_from=NEW_YEAR
        )
        with freeze_time(BEFORE_MIDNIGHT):
            ending = self._request(date_request=NEW_YEARS_EVE)
            self.assertTrue(self._visible(ending))
            self.assertTrue(ending.kim_release_covers)
            with self.assertRaises(UserError):
                self._request(case_id=case.id)
        with freeze_time(AFTER_MIDNIGHT):
            self.env["kim.abh.request"].sudo()._cron_refresh_release_window()  # hourly
            self.assertFalse(self._visible(ending))
            with self.assertRaises(UserError):
                self._request()
            starting = self._request(case_id=case.id)
            self.assertTrue(self._visible(starting))
            self.assertEqual(
                (starting.release_valid_from, starting.release_valid_until),
                (NEW_YEAR, False),
            )

    def test_access_follows_in_force_day_by_day(self):
        """C-10: on each day around the boundaries of several releases
        (adjacent, withdrawn, after a gap, for another authority, missing a
        category of the topic) the ABH sees the request exactly when a
        release of the client is in force for the ABH covering the topic's
        categories (``_kim_in_force``), after the nightly refresh."""
        first_day = date(2026, 2, 26)
        with freeze_time(first_day):
            request = self._request(date_request=first_day)
            self.release.valid_until = date(2026, 2, 28)
            abh = {"recipient_id": self.org_abh.id}
            for values in (
                # adjacent to the fixture's release
                {"valid_from": date(2026, 3, 1), "valid_until": date(2026, 3, 10)},
                # withdrawn on 18 March: in force through 17 March
                {"valid_from": date(2026, 3, 11), "withdrawn_date": date(2026, 3, 18)},
                # another authority, a category too few: no access
                {
                    "valid_from": date(2026, 3, 18),
                    "valid_until": date(2026, 3, 25),
                    "recipient_id": self.org_ebh.id,
                },
                {
                    "valid_from": date(2026, 3, 18),
                    "valid_until": date(2026, 3, 25),
                    "data_category_ids": [(6, 0, [self.cat_master.id])],
                },
                # after a gap
                {"valid_from": date(2026, 3, 26), "valid_until": date(2026, 3, 28)},
            ):
                self._consent(self.client, "release", **abh | values)
            self.env.flush_all()
        releases = self.env["kim.consent"].search([("partner_id", "=", self.client.id)])
        Request = self.env["kim.abh.request"].sudo()
        problems = []
        for offset in range(35):
            day = first_day + timedelta(days=offset)
            with freeze_time(day):
                Request._cron_refresh_release_window()
                expected = bool(
                    releases._kim_in_force(
                        recipient=self.org_abh,
                        categories=request.topic_id.data_category_ids,
                    )
                )
                request.invalidate_recordset(["kim_release_covers"])
                seen = (self._visible(request), request.kim_release_covers)
                if seen != (expected, expected):
                    problems.append(f"{day}: in force {expected}, seen {seen}")
        self.assertEqual(problems, [])
