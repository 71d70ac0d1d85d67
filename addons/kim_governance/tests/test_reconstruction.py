# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, ValidationError

from .common import KimGovernanceCommon


class TestReconstruction(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases = cls.env["kim.case"]
        for name in ("Karim Rekon", "Lea Rekon", "Omar Rekon", "Nina Rekon"):
            cls.cases |= cls._case(client=cls._client(name))

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
