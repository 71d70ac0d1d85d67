# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from .common import KimGovernanceCommon


class TestReconstruction(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases = cls.env["kim.case"]
        cls.consents = cls.env["kim.consent"]
        for name in ("Karim Rekon", "Lea Rekon", "Omar Rekon", "Nina Rekon"):
            client = cls._client(name)
            cls.consents |= cls._consent(client)
            cls.cases |= cls._case(client=client)

    def _reconstruction(self, day, cases=None):
        return (
            self.env["kim.case.reconstruction"]
            .with_user(self.user_coordination)
            .create(
                {
                    "name": f"Fallrekonstruktion {day}",
                    "date": day,
                    "case_ids": [(6, 0, (cases or self.cases[:3]).ids)],
                }
            )
        )

    def test_pseudonymised_cases(self):
        """G-3/C-9: 3–4 cases, summarised without names."""
        record = self._reconstruction(date(2031, 2, 1), self.cases)
        self.assertIn("Case 1", record.summary)
        for case in self.cases:
            self.assertNotIn(case.partner_id.name, record.summary)
            self.assertNotIn(case.name, record.summary)
        with self.assertRaises(ValidationError):
            self._reconstruction(date(2031, 2, 1), self.cases[:2])
        with self.assertRaises(AccessError):
            record.with_user(self.user_steering).read(["summary"])

    def test_limit_per_year(self):
        """G-3: the dated setting allows four a year; the fifth is refused."""
        for month in (1, 4, 7, 10):
            self._reconstruction(date(2031, month, 1))
        Reconstruction = self.env["kim.case.reconstruction"]
        with self.assertRaises(ValidationError) as error:
            self._reconstruction(date(2031, 12, 1))
        self.assertIn(
            "Only 4 case reconstructions are allowed in 2031", str(error.exception)
        )
        self.assertEqual(Reconstruction.search_count([("year", "=", 2031)]), 4)
        # another year is not affected; a new dated value changes the limit
        self._reconstruction(date(2032, 1, 1))
        param = self.env.ref("kim_governance.param_reconstructions_2024")
        param.valid_to = date(2032, 12, 31)
        self.env["kim.governance.parameter"].create(
            {
                "key": "reconstructions_per_year",
                "value": 5,
                "valid_from": date(2033, 1, 1),
            }
        )
        for month in range(1, 6):
            self._reconstruction(date(2033, month, 1))
        with self.assertRaises(ValidationError):
            self.env["kim.governance.parameter"].create(
                {
                    "key": "reconstructions_per_year",
                    "value": 2,
                    "valid_from": date(2033, 6, 1),
                }
            )

    @freeze_time("2035-05-04")
    def test_refresh_snapshot(self):
        """G-3/C-9/C-10: the snapshot is refreshed from the cases on demand;
        a client who withdrew the data-protection agreement is left out; the
        refresh keeps to the dated per-year limit and is coordination's."""
        record = self._reconstruction(date(2035, 3, 1), self.cases)
        self.assertEqual(record.summary_date, date(2035, 5, 4))
        self.env["kim.case.goal"].create(
            [
                {"case_id": self.cases[0].id, "name": "Ausbildungsplatz finden"},
                {"case_id": self.cases[1].id, "name": "Kitaplatz sichern"},
            ]
        )
        self.assertNotIn("Ausbildungsplatz finden", record.summary)
        self.consents[1].action_withdraw()
        with freeze_time("2035-05-06"):
            record.with_user(self.user_coordination).action_refresh_summary()
        self.assertEqual(record.summary_date, date(2035, 5, 6))
        self.assertIn("Ausbildungsplatz finden", record.summary)
        self.assertNotIn("Kitaplatz sichern", record.summary)
        self.assertIn("Left out", record.summary)
        for case in self.cases:
            self.assertNotIn(case.partner_id.name, record.summary)
        # only the steering group's mandate in force: lowered to 1 a year,
        # a second reconstruction of 2035 can no longer be refreshed
        other = self._reconstruction(date(2035, 4, 1))
        param = self.env.ref("kim_governance.param_reconstructions_2024")
        param.valid_to = date(2034, 12, 31)
        self.env["kim.governance.parameter"].create(
            {
                "key": "reconstructions_per_year",
                "value": 1,
                "valid_from": date(2035, 1, 1),
            }
        )
        before = other.summary
        with self.assertRaises(ValidationError):
            other.with_user(self.user_coordination).action_refresh_summary()
        self.assertEqual(other.summary, before)
        with self.assertRaises(AccessError):
            record.with_user(self.user_steering).action_refresh_summary()
        with self.assertRaises(AccessError):
            record.with_user(self.user_cm_a).action_refresh_summary()
