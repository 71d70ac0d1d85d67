# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #17 §2/§3: the yearly limit of case reconstructions belongs to the
Kreis (counted over every district, whoever saves) and holds under two
concurrent transactions; coordinators link only cases they may read."""

from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.kim_case.tests.race import KimRaceCase

from .common import KimGovernanceCommon

RACE_YEAR = 2047


class TestKreisLimits(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_coord_south = cls._kim_user(
            "coord_s", "kim_case.group_kim_coordination", cls.org_city
        )
        cls.district_south.coordinator_ids = cls.user_coord_south
        cls.cases_north = cls.env["kim.case"]
        cls.cases_south = cls.env["kim.case"]
        for i in range(3):
            cls.cases_north |= cls._case(client=cls._client(f"Nord {i}"))
            cls.cases_south |= cls._case(
                user=cls.user_cm_b,
                client=cls._client(f"Süd {i}"),
                district_id=cls.district_south.id,
            )

    def _reconstruction(self, user, cases, day):
        return (
            self.env["kim.case.reconstruction"]
            .with_user(user)
            .create({"name": f"FR {day}", "date": day, "case_ids": [(6, 0, cases.ids)]})
        )

    def test_yearly_limit_over_all_districts(self):
        """G-3: four reconstructions a year in the Kreis: the south's
        coordinator (other employer, other district) uses all four; the
        north's coordinator, who sees none of them, is refused the fifth."""
        Reconstruction = self.env["kim.case.reconstruction"]
        for month in (1, 3, 5, 7):
            self._reconstruction(
                self.user_coord_south, self.cases_south, date(2044, month, 1)
            )
        visible = Reconstruction.with_user(self.user_coordination).search_count(
            [("year", "=", 2044)]
        )
        self.assertEqual(visible, 0, "the north's coordinator sees none of them")
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Fallrekonstruktionen erlaubt|case reconstructions are allowed",
            ),
            self.env.cr.savepoint(),  # inside: the refused record is rolled back
        ):
            self._reconstruction(
                self.user_coordination, self.cases_north, date(2044, 9, 1)
            )
        self.assertEqual(Reconstruction.search_count([("year", "=", 2044)]), 4)

    def test_foreign_cases_refused(self):
        """G-3/C-9: a coordinator cannot add cases of a district it does not
        coordinate to its reconstruction, neither on creation nor later."""
        message = "Nur Fälle|Only cases you have access"
        mixed = self.cases_north[:2] | self.cases_south[:1]
        with self.assertRaisesRegex(AccessError, message):
            self._reconstruction(self.user_coordination, mixed, date(2044, 2, 1))
        record = self._reconstruction(
            self.user_coordination, self.cases_north, date(2044, 2, 1)
        )
        with self.assertRaisesRegex(AccessError, message):
            record.write({"case_ids": [(4, self.cases_south[0].id)]})
        self.assertEqual(record.case_ids, self.cases_north)
        own = self._reconstruction(
            self.user_coord_south, self.cases_south, date(2044, 2, 2)
        )
        self.assertEqual(own.case_ids, self.cases_south)

    def test_foreign_observations_refused(self):
        """G-4/C-13: a coordinator cannot link observations of another
        district's cases to a generative theme."""
        theirs = self._observation(self.cases_south[0])
        mine = self._observation(self.cases_north[0])
        Theme = self.env["kim.generative.theme"].with_user(self.user_coordination)
        message = "Nur Beobachtungen|Only observations of cases"
        with self.assertRaisesRegex(AccessError, message):
            Theme.create({"name": "Lücke", "observation_ids": [(6, 0, theirs.ids)]})
        theme = Theme.create({"name": "Lücke", "observation_ids": [(4, mine.id)]})
        with self.assertRaisesRegex(AccessError, message):
            theme.write({"observation_ids": [(4, theirs.id)]})
        self.assertEqual(theme.observation_ids, mine)


@tagged("post_install", "-at_install")
class TestReconstructionRace(KimRaceCase):
    def test_two_coordinators_one_left(self):
        """G-3: three of four reconstructions of the year exist; two
        coordinators save the fourth at the same moment: one is saved, the
        other refused with the limit."""

        def setup(env):
            district = env["kim.district"].create({"name": "Wettlaufbezirk"})
            employer = env["res.partner"].create(
                {"name": "Wettlauf-Träger", "is_company": True, "kim_is_employer": True}
            )
            cases = env["kim.case"]
            for i in range(3):
                client = env["res.partner"].create(
                    {
                        "name": f"Wettlauf Klient {i}",
                        "kim_is_client": True,
                        "kim_birthdate": date(1990, 1, 1),
                    }
                )
                cases |= env["kim.case"].create(
                    {
                        "partner_id": client.id,
                        "user_id": env.uid,
                        "employer_id": employer.id,
                        "district_id": district.id,
                        "type_id": env.ref("kim_case.case_type_cm").id,
                    }
                )
            env["kim.case.reconstruction"].create(
                [
                    {
                        "name": f"Wettlauf {month}",
                        "date": date(RACE_YEAR, month, 1),
                        "case_ids": [(6, 0, cases.ids)],
                    }
                    for month in (1, 2, 3)
                ]
            )
            return cases.ids

        case_ids = self._kim_commit(setup)

        def save(env):
            env["kim.case.reconstruction"].create(
                {
                    "name": "Wettlauf vier",
                    "date": date(RACE_YEAR, 6, 1),
                    "case_ids": [(6, 0, case_ids)],
                }
            )

        outcomes = self._kim_race((self.env.uid, save), (self.env.uid, save))
        with self._kim_real_cursor() as cr:
            count = self.env(cr=cr)["kim.case.reconstruction"].search_count(
                [("year", "=", RACE_YEAR)]
            )
            self.assertEqual(count, 4, outcomes)
        self._kim_assert_one_wins(
            outcomes, "Fallrekonstruktionen erlaubt|case reconstructions are allowed"
        )
