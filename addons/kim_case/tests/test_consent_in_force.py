# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #16 item 4: one answer to "is this consent in force for this
recipient, type and data categories on this day?" (``kim.consent.
_kim_in_force`` and ``_kim_in_force_domain``), on the KIM day."""

from datetime import date, timedelta

from freezegun import freeze_time

from .common import KimCaseCommon

START, END = date(2026, 3, 1), date(2026, 3, 31)
ONE_DAY = timedelta(days=1)
# 31 December: 22:30 UTC is 23:30 in Berlin (still the old year), 23:30 UTC is
# 00:30 on 1 January in Berlin while the server's UTC day is still 31 December
BEFORE_MIDNIGHT = "2026-12-31 22:30:00"
AFTER_MIDNIGHT = "2026-12-31 23:30:00"
NEW_YEARS_EVE, NEW_YEAR = date(2026, 12, 31), date(2027, 1, 1)


class TestConsentInForce(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._client()
        cls.Consent = cls.env["kim.consent"]

    def _release(self, client=None, **values):
        """A release of its own client (``client``: of that one), for the
        Jobcenter, in force from START through END."""
        return self._consent(
            client or self._client(),
            "release",
            **{"valid_from": START, "valid_until": END} | values,
        )

    def _answers(self, consent, day, **scope):
        """Every form of the answer for ``consent`` on ``day``: in memory, by
        search, the state and, for a release, the transfer service."""
        answers = {
            "in memory": bool(consent._kim_in_force(day, **scope)),
            "search": consent
            in self.Consent.search(self.Consent._kim_in_force_domain(day, **scope)),
        }
        if not scope:
            answers["state"] = consent._state_at(day) == "valid"
        if consent.consent_type == "release" and "consent_type" not in scope:
            answers["transfer"] = self.Consent._kim_may_transfer(
                consent.partner_id,
                scope.get("recipient", consent.recipient_id),
                scope.get("categories"),
                day=day,
            )
        return answers

    def assertInForce(self, consent, day, expected, **scope):
        answers = self._answers(consent, day, **scope)
        self.assertEqual(
            answers, dict.fromkeys(answers, expected), f"{consent.id} on {day}"
        )

    def test_start_and_end_day_included(self):
        """C-10: a consent is in force from its start day through its end day,
        both included; not the day before, not the day after."""
        release = self._release()
        for day, expected in (
            (START - ONE_DAY, False),
            (START, True),
            (END, True),
            (END + ONE_DAY, False),
        ):
            with self.subTest(day=day):
                self.assertInForce(release, day, expected)
        self.assertEqual(release._kim_in_force_period(), (START, END))
        open_ended = self._release(valid_until=False)
        self.assertInForce(open_ended, date(2099, 12, 31), True)
        self.assertEqual(open_ended._kim_in_force_period(), (START, None))

    @freeze_time("2026-03-15")
    def test_withdrawn_today_or_yesterday(self):
        """C-10 / DSGVO Art. 7(3): a consent withdrawn today is no longer in
        force today, one withdrawn yesterday neither; the day before the
        withdrawal stays covered. A withdrawal dated tomorrow ends it
        tonight."""
        today = date(2026, 3, 15)
        withdrawn_today = self._release()
        withdrawn_today.action_withdraw()
        self.assertEqual(withdrawn_today.withdrawn_date, today)
        withdrawn_yesterday = self._release(withdrawn_date=today - ONE_DAY)
        withdrawn_tomorrow = self._release(withdrawn_date=today + ONE_DAY)
        for consent, day, expected in (
            (withdrawn_today, today, False),
            (withdrawn_today, today - ONE_DAY, True),
            (withdrawn_yesterday, today, False),
            (withdrawn_yesterday, today - ONE_DAY, False),
            (withdrawn_yesterday, today - 2 * ONE_DAY, True),
            (withdrawn_tomorrow, today, True),
            (withdrawn_tomorrow, today + ONE_DAY, False),
        ):
            with self.subTest(consent=consent.id, day=day):
                self.assertInForce(consent, day, expected)
        self.assertEqual(
            (withdrawn_today | withdrawn_yesterday).mapped("state"),
            ["withdrawn", "withdrawn"],
        )
        self.assertEqual(withdrawn_tomorrow.state, "valid")
        # today is the default day
        self.assertEqual(
            (
                withdrawn_today | withdrawn_yesterday | withdrawn_tomorrow
            )._kim_in_force(),
            withdrawn_tomorrow,
        )
        self.assertEqual(
            withdrawn_yesterday._kim_in_force_period(), (START, today - 2 * ONE_DAY)
        )
        # withdrawn before it started: never in force
        never = self._release(withdrawn_date=START)
        self.assertIsNone(never._kim_in_force_period())
        self.assertInForce(never, START, False)

    def test_other_recipient_type_or_category(self):
        """C-10: in force only for its recipient organisation (a contact person
        of it counts as the organisation), its type and the data categories
        it names; several categories must all be named."""
        release = self._release()
        person = self.env["res.partner"].create(
            {"name": "Herr Sachbearbeiter", "parent_id": self.org_jobcenter.id}
        )
        day = START
        for scope, expected in (
            ({"recipient": self.org_jobcenter}, True),
            ({"recipient": person}, True),
            ({"recipient": self.org_mbe}, False),
            ({"categories": self.cat_master}, True),
            ({"categories": self.cat_master | self.cat_residence}, True),
            ({"categories": self.cat_health}, False),
            ({"categories": self.cat_master | self.cat_health}, False),
            ({"consent_type": "release"}, True),
            ({"consent_type": "dp_agreement"}, False),
        ):
            with self.subTest(scope=scope):
                self.assertInForce(release, day, expected, **scope)

    def test_archived_category(self):
        """C-10: a data category archived after signing is covered by neither
        form of the answer (the search reads the categories as the record
        shows them)."""
        category = self.env["kim.data.category"].create({"name": "Archiv (Test)"})
        release = self._release(data_category_ids=[(6, 0, [category.id])])
        self.assertInForce(release, START, True, categories=category)
        category.active = False
        self.assertInForce(release, START, False, categories=category)

    def test_domain_equals_memory(self):
        """C-10: the domain and the in-memory answer agree for every consent
        and day around the boundaries (read_group counts as the gates do)."""
        consents = (
            self._release()
            | self._release(valid_until=False)
            | self._release(withdrawn_date=date(2026, 3, 10))
            | self._release(withdrawn_date=START)
            | self._release(recipient_id=self.org_mbe.id)
            | self._consent(self._client(), valid_from=date(2026, 3, 5))
        )
        days = [START - ONE_DAY + n * ONE_DAY for n in range(34)]
        for day in days:
            in_memory = consents._kim_in_force(day)
            domain = [
                ("id", "in", consents.ids),
                *self.Consent._kim_in_force_domain(day),
            ]
            self.assertEqual(self.Consent.search(domain), in_memory, day)
            counts = dict(
                self.Consent._read_group(domain, ["consent_type"], ["__count"])
            )
            self.assertEqual(
                counts.get("release", 0),
                len(in_memory.filtered(lambda c: c.consent_type == "release")),
                day,
            )

    def test_berlin_day_not_utc(self):
        """C-10 / issue #16 item 4: the day is Berlin's. At 23:30 UTC on 31
        December it is 00:30 on 1 January in Berlin: a consent ending 31
        December is no longer in force and one starting 1 January is,
        although the server's UTC day is still 31 December; an hour earlier
        (23:30 in Berlin) it is the other way round."""
        ending = self._release(self.client, valid_until=NEW_YEARS_EVE)
        starting = self._release(self.client, valid_from=NEW_YEAR, valid_until=False)
        agreement = self._consent(self.client, valid_until=NEW_YEARS_EVE)
        both = ending | starting
        for moment, in_force in (
            (BEFORE_MIDNIGHT, ending),
            (AFTER_MIDNIGHT, starting),
        ):
            with self.subTest(moment=moment), freeze_time(moment):
                both.invalidate_recordset(["state"])
                self.assertEqual(both._kim_in_force(), in_force)
                self.assertEqual(
                    self.Consent.search(
                        [("id", "in", both.ids), *self.Consent._kim_in_force_domain()]
                    ),
                    in_force,
                )
                self.assertEqual(both.filtered(lambda c: c.state == "valid"), in_force)
                self.assertEqual(
                    self.Consent.search(
                        [("id", "in", both.ids), ("state", "=", "valid")]
                    ),
                    in_force,
                )
                # the gates: transfer and the data-protection agreement
                self.assertTrue(
                    self.Consent._kim_may_transfer(self.client, self.org_jobcenter)
                )
                self.assertEqual(
                    self.Consent._kim_find_release(self.client, self.org_jobcenter),
                    in_force,
                )
                self.assertEqual(
                    bool(self.Consent._kim_valid_dp_agreement(self.client)),
                    moment == BEFORE_MIDNIGHT,
                )
        with freeze_time(AFTER_MIDNIGHT):
            self.assertEqual(agreement.state, "expired")
