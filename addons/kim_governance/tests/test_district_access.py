# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError

from .common import KimGovernanceCommon


class TestDistrictAccess(KimGovernanceCommon):
    """G-3/G-4/X-1: coordination sees the generative themes and the case
    reconstructions of its districts; the lead sees all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_coordination_south = cls._kim_user(
            "coord_south", "kim_case.group_kim_coordination", cls.org_ki
        )
        cls.district_south.coordinator_ids = cls.user_coordination_south
        cls.cases_north = cls.env["kim.case"]
        cls.cases_south = cls.env["kim.case"]
        for index in range(3):
            cls.cases_north |= cls._case(client=cls._client(f"Nord Person {index}"))
            cls.cases_south |= cls._case(
                client=cls._client(f"Süd Person {index}"),
                district_id=cls.district_south.id,
            )
        Theme = cls.env["kim.generative.theme"]
        cls.theme_north = Theme.create(
            {
                "name": "Thema Nord",
                "observation_ids": [(6, 0, cls._observation(cls.cases_north[0]).ids)],
            }
        )
        cls.theme_south = Theme.create(
            {
                "name": "Thema Süd",
                "observation_ids": [(6, 0, cls._observation(cls.cases_south[0]).ids)],
            }
        )

    def _reconstruction(self, user, cases, day=date(2034, 3, 1)):
        return (
            self.env["kim.case.reconstruction"]
            .with_user(user)
            .create(
                {
                    "name": f"Rekonstruktion {user.login}",
                    "date": day,
                    "case_ids": [(6, 0, cases.ids)],
                }
            )
        )

    def test_themes_per_district(self):
        """G-4/X-1: each coordinator finds, reads and changes only the themes of
        its districts; the lead, the steering group and case managers keep
        reading all themes."""
        themes = self.theme_north | self.theme_south
        for user, own, foreign in (
            (self.user_coordination, self.theme_north, self.theme_south),
            (self.user_coordination_south, self.theme_south, self.theme_north),
        ):
            Theme = self.env["kim.generative.theme"].with_user(user)
            self.assertEqual(Theme.search([("id", "in", themes.ids)]), own)
            self.assertEqual(own.with_user(user).read(["name"])[0]["name"], own.name)
            with self.assertRaises(AccessError):
                foreign.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                foreign.with_user(user).write({"description": "fremd"})
            self.assertFalse(Theme.name_search(foreign.name))
        for user in (self.user_lead, self.user_steering, self.user_cm_a):
            self.assertEqual(
                self.env["kim.generative.theme"]
                .with_user(user)
                .search([("id", "in", themes.ids)]),
                themes,
                user.login,
            )
        # a new theme without observations: its creator only (and the lead)
        draft = (
            self.env["kim.generative.theme"]
            .with_user(self.user_coordination)
            .create({"name": "Entwurf"})
        )
        self.assertTrue(draft.with_user(self.user_coordination).has_access("read"))
        self.assertFalse(
            draft.with_user(self.user_coordination_south).has_access("read")
        )
        self.assertTrue(draft.with_user(self.user_lead).has_access("read"))

    def test_reconstructions_per_district(self):
        """G-3/X-1: a coordinator sees only the case reconstructions of its
        districts and cannot build one from another district's cases; the lead
        sees all."""
        north = self._reconstruction(self.user_coordination, self.cases_north)
        south = self._reconstruction(self.user_coordination_south, self.cases_south)
        both = north | south
        Reconstruction = self.env["kim.case.reconstruction"]
        for user, own, foreign in (
            (self.user_coordination, north, south),
            (self.user_coordination_south, south, north),
        ):
            self.assertEqual(
                Reconstruction.with_user(user).search([("id", "in", both.ids)]), own
            )
            with self.assertRaises(AccessError):
                foreign.with_user(user).read(["summary"])
            with self.assertRaises(AccessError):
                foreign.with_user(user).write({"findings": "<p>fremd</p>"})
        with self.assertRaises(AccessError):
            self._reconstruction(
                self.user_coordination, self.cases_south, date(2034, 6, 1)
            )
        self.assertEqual(
            Reconstruction.with_user(self.user_lead).search([("id", "in", both.ids)]),
            both,
        )
