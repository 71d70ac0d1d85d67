# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError

from .common import KimAbhCommon


class TestAbhReadiness(KimAbhCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["kim.abh.readiness.rule"]
        cls.client.write(
            {
                "kim_abh_language_level": "b1",
                "kim_abh_test_passed": True,
                "kim_abh_livelihood_secured": True,
            }
        )

    def _result(self, route, day, partner=None):
        return self.Rule._kim_check(partner or self.client, day, routes=[route])[0]

    def test_naturalisation_rule_change_2024(self):
        """A-2: same client, different result before/after 27 June 2024 (§ 10
        StAG: 8 → 5 years); the missing item names its earliest date."""
        before = self._result("naturalisation", date(2024, 6, 26))
        self.assertEqual(
            before["rule"], self.env.ref("kim_abh.rule_naturalisation_2007")
        )
        self.assertFalse(before["all_met"])
        self.assertEqual(before["earliest"], date(2026, 9, 1))
        after = self._result("naturalisation", date(2024, 6, 27))
        self.assertEqual(
            after["rule"], self.env.ref("kim_abh.rule_naturalisation_2024")
        )
        self.assertTrue(after["all_met"])

    def test_special_integration_route_ended_2025(self):
        """A-2: 3 years with special integration achievements existed only
        between the 2024 and the 2025 amendments."""
        client = self._client(
            "Lina Schnell",
            kim_entry_date=date(2022, 1, 1),
            kim_abh_language_level="c1",
            kim_abh_test_passed=True,
            kim_abh_livelihood_secured=True,
            kim_abh_special_integration=True,
        )
        self.assertTrue(
            self._result("naturalisation", date(2025, 6, 1), client)["all_met"]
        )
        late = self._result("naturalisation", date(2025, 11, 1), client)
        self.assertFalse(late["all_met"])
        self.assertEqual(late["earliest"], date(2027, 1, 1))

    def test_three_year_route_needed_c1(self):
        """A-2: the 3-year naturalisation of 2024–2025 needed German at C1
        (StARModG); with B1 the same client needs the regular 5 years."""
        client = self._client(
            "Lina Langsam",
            kim_entry_date=date(2022, 1, 1),
            kim_abh_language_level="b1",
            kim_abh_test_passed=True,
            kim_abh_livelihood_secured=True,
            kim_abh_special_integration=True,
        )
        result = self._result("naturalisation", date(2025, 6, 1), client)
        self.assertEqual(
            result["rule"], self.env.ref("kim_abh.rule_naturalisation_2024")
        )
        self.assertFalse(result["all_met"])
        self.assertEqual(result["earliest"], date(2027, 1, 1))
        client.kim_abh_language_level = "c1"
        self.assertTrue(
            self._result("naturalisation", date(2025, 6, 1), client)["all_met"]
        )

    def test_missing_language_has_no_date(self):
        """A-2: without a recorded language level no earliest date is promised."""
        client = self._client("Ohne Sprache", kim_entry_date=date(2010, 1, 1))
        result = self._result("naturalisation", date(2026, 3, 2), client)
        self.assertFalse(result["all_met"])
        self.assertIsNone(result["earliest"])

    def test_25a_age_and_residence(self):
        """A-2: § 25a for young people: 3 years since 31.12.2022, before age 27."""
        young = self._client(
            "Junge Person",
            kim_birthdate=date(2008, 4, 1),
            kim_entry_date=date(2022, 5, 1),
            kim_abh_school_or_qualification=True,
        )
        result = self._result("25a", date(2026, 3, 2), young)
        self.assertTrue(result["all_met"])
        # under the old version (4 years) the same person would still be waiting
        old = self._result("25a", date(2022, 12, 30), young)
        self.assertEqual(old["rule"], self.env.ref("kim_abh.rule_25a_2015"))
        self.assertFalse(old["all_met"])
        # the fixture client (born 1990) is too old: no date can fix that
        self.assertIsNone(self._result("25a", date(2026, 3, 2))["earliest"])

    def test_25b_minor_child_reduces_period(self):
        """A-2: § 25b: 6 years, 4 with a minor child."""
        self.assertFalse(self._result("25b", date(2023, 6, 1))["all_met"])
        self.client.kim_abh_minor_child = True
        self.assertTrue(self._result("25b", date(2023, 6, 1))["all_met"])

    def test_104c_reference_date_and_end(self):
        """C-16: § 104c needs 5 years on 31 October 2022 and is no longer in
        force after its end date."""
        early = self._client("Lange Hier", kim_entry_date=date(2017, 10, 1))
        self.assertTrue(self._result("104c", date(2023, 3, 1), early)["all_met"])
        late = self._result("104c", date(2023, 3, 1))  # entry 2018: too late
        self.assertFalse(late["all_met"])
        self.assertIsNone(late["earliest"])
        self.assertFalse(self._result("104c", date(2026, 3, 2), early)["rule"])

    def test_output_says_authority_decides(self):
        """A-2: the check is guidance; the output says the authority decides."""
        html = self.Rule._kim_check_html(self.client, date(2026, 3, 2))
        self.assertIn("naturalisation authority decides", html)
        self.assertIn("§ 10", html)
        self.assertIn("authority decides", self.case.kim_abh_readiness_html)

    def test_output_dates_in_the_users_language(self):
        """A-2, issue #18: a German user reads German dates (dd.mm.yyyy), never
        ISO dates."""
        html = self.Rule.with_context(lang="de_DE")._kim_check_html(
            self.client, date(2026, 3, 2)
        )
        self.assertIn("02.03.2026", html)
        self.assertNotIn("2026-03-02", html)

    def test_overlapping_versions_refused(self):
        """A-2: only one version of a route's rules can be in force on a day."""
        with self.assertRaises(ValidationError):
            self.Rule.create(
                {
                    "name": "Doppelt",
                    "route": "naturalisation",
                    "valid_from": date(2026, 1, 1),
                    "legal_source": "Test",
                }
            )

    def test_104c_topic_in_catalogue(self):
        """C-16: the § 104c client group has its own request topic."""
        self.assertEqual(self.topic_104c.legal_basis, "§ 104c AufenthG")
        self._consent(self.client, "release", recipient_id=self.org_abh.id)
        request = self._request(topic=self.topic_104c)
        self.assertEqual(request.legal_basis, "§ 104c AufenthG")
