# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError

from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon


class TestCaseAccess(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client("Klientin A")
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)  # KI, district north
        cls.client_b = cls._client("Klient B")
        cls.case_b = cls._case(
            cls.user_cm_b, cls.client_b, district_id=cls.district_south.id
        )  # welfare association, district south
        cls.contact_a = cls.env["kim.case.contact"].create(
            {"case_id": cls.case_a.id, "note": "vertraulich A"}
        )

    def _visible(self, user, model="kim.case"):
        return self.env[model].with_user(user).search([])

    def test_case_manager_sees_own_cases_only(self):
        """C-12 / X-1: a case manager sees their own cases and nothing else, via
        search, read, name_search, read_group and search_count."""
        Case = self.env["kim.case"].with_user(self.user_cm_b)
        self.assertEqual(Case.search([]), self.case_b)
        self.assertEqual(Case.search_count([]), 1)
        self.assertFalse(Case.name_search(self.case_a.name))
        groups = Case.read_group([], ["user_id"], ["user_id"])
        self.assertEqual(sum(g["user_id_count"] for g in groups), 1)
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.user_cm_b).read(["name"])
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.user_cm_b).write({"color": 3})

    def test_linked_records_follow_the_case(self):
        """C-12: contacts, family members and the client contact follow the
        case's access."""
        self.assertFalse(self._visible(self.user_cm_b, "kim.case.contact"))
        self.assertEqual(
            self._visible(self.user_cm_a, "kim.case.contact"), self.contact_a
        )
        Partner = self.env["res.partner"].with_user(self.user_cm_b)
        self.assertFalse(Partner.search([("id", "=", self.client_a.id)]))
        self.assertEqual(Partner.search([("id", "=", self.client_b.id)]), self.client_b)
        with self.assertRaises(AccessError):
            self.client_a.with_user(self.user_cm_b).read(["name"])
        members = self._visible(self.user_cm_b, "kim.case.member")
        self.assertEqual(members.case_id, self.case_b)

    def test_dated_substitution_across_employers(self):
        """C-12: an active dated substitute (also of another employer) sees the
        case during the substitution only: the hourly job moves the stored
        flag on when the substitution begins and ends (Europe/Berlin days)."""
        Substitute = self.env["kim.case.substitute"]
        with freeze_time("2026-06-30 12:00:00"):
            sub = Substitute.create(
                {
                    "case_id": self.case_a.id,
                    "user_id": self.user_cm_b.id,
                    "date_from": date(2026, 7, 1),
                    "date_to": date(2026, 7, 21),
                }
            )
            self.assertNotIn(self.case_a, self._visible(self.user_cm_b))
        # 00:30 in Berlin is still the previous day in UTC
        for moment, visible, moved in (
            ("2026-06-30 22:30:00", True, sub),
            ("2026-07-21 12:00:00", True, Substitute),
            ("2026-07-21 22:30:00", False, sub),
        ):
            with freeze_time(moment):
                self.assertEqual(Substitute._cron_refresh_active(), moved, moment)
                self.assertEqual(
                    self.case_a in self._visible(self.user_cm_b), visible, moment
                )
                contacts = self._visible(self.user_cm_b, "kim.case.contact")
                self.assertEqual(self.contact_a in contacts, visible)
                self.assertFalse(Substitute._cron_refresh_active(), "re-run")

    def test_rule_arms_follow_substitutions_and_members(self):
        """C-12 / C-4: a substitution or a member's own case manager that gives
        or takes access counts at once, although rule domains are cached: the
        rules read the case's stored set of entitled users."""
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)  # cached
        today = kim_today(self.env.user)
        sub = self.env["kim.case.substitute"].create(
            {
                "case_id": self.case_a.id,
                "user_id": self.user_cm_b.id,
                "date_from": today,
                "date_to": today + timedelta(days=5),
            }
        )
        both = self.case_a | self.case_b
        self.assertEqual(self._visible(self.user_cm_b), both)
        self.assertEqual(
            self._visible(self.user_cm_b, "kim.case.contact"), self.contact_a
        )
        sub.date_from = today + timedelta(days=1)
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)
        sub.date_from = today
        self.assertEqual(self._visible(self.user_cm_b), both)
        sub.unlink()
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)
        member = self.env["kim.case.member"].create(
            {
                "case_id": self.case_a.id,
                "partner_id": self._client("Kind A").id,
                "role": "child",
                "case_manager_id": self.user_cm_b.id,
            }
        )
        self.assertEqual(self._visible(self.user_cm_b), both)
        member.case_manager_id = False
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)
        member.case_manager_id = self.user_cm_b
        self.assertEqual(self._visible(self.user_cm_b), both)
        member.unlink()
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.user_cm_b).read(["name"])

    def test_team_sharing_by_organisation(self):
        """C-12: the lead may open an organisation's cases to its whole team;
        other organisations gain nothing."""
        colleague = self._kim_user(
            "cm_a2", "kim_case.group_kim_case_manager", self.org_ki
        )
        self.assertFalse(self._visible(colleague))
        self.org_ki.kim_share_cases_in_team = True
        self.assertEqual(self._visible(colleague), self.case_a)
        self.assertEqual(self._visible(self.user_cm_b), self.case_b)

    def test_second_case_manager_of_a_member(self):
        """C-4 / X-1: a family spanning employers: a member's own case manager
        gets the family case; nobody else gains access."""
        child = self._client("Kind A")
        self.case_a.member_ids = [
            (
                0,
                0,
                {
                    "partner_id": child.id,
                    "role": "child",
                    "case_manager_id": self.user_cm_b.id,
                },
            )
        ]
        self.assertEqual(self._visible(self.user_cm_b), self.case_a | self.case_b)
        self.assertIn(self.case_a, self._visible(self.user_cm_a))
        other = self._kim_user("cm_c", "kim_case.group_kim_case_manager", self.org_city)
        self.assertFalse(self._visible(other))

    def test_coordination_sees_supervised_districts(self):
        """C-12: coordination sees the cases of the districts it supervises."""
        self.assertEqual(self._visible(self.user_coordination), self.case_a)
        self.district_south.coordinator_ids = [(4, self.user_coordination.id)]
        self.assertEqual(
            self._visible(self.user_coordination), self.case_a | self.case_b
        )
        with self.assertRaises(AccessError):
            self.env["kim.case"].with_user(self.user_coordination).create(
                {"partner_id": self.client_a.id}
            )

    def test_lead_sees_all(self):
        """C-12: the KIM lead sees all cases."""
        self.assertLessEqual(self.case_a | self.case_b, self._visible(self.user_lead))

    def test_no_case_content_for_finance_steering_authority_portal(self):
        """X-1 / X-2: finance, steering group, authority staff and portal users
        have no access to case content at all."""
        for user in (
            self.user_finance,
            self.user_steering,
            self.user_authority,
            self.user_portal,
        ):
            for model in ("kim.case", "kim.case.contact", "kim.consent"):
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])
            Partner = self.env["res.partner"].with_user(user)
            self.assertFalse(
                Partner.search([("id", "in", (self.client_a | self.client_b).ids)])
            )

    def test_crud_matrix_kim_case(self):
        """X-1: role × CRUD on kim.case: allowed cells work, refused cells raise."""
        matrix = {
            self.user_cm_a: (True, True, True, False),
            self.user_coordination: (True, True, False, False),
            self.user_lead: (True, True, True, True),
            self.user_finance: (False, False, False, False),
            self.user_steering: (False, False, False, False),
            self.user_authority: (False, False, False, False),
            self.user_portal: (False, False, False, False),
        }
        for user, expected in matrix.items():
            Case = self.env["kim.case"].with_user(user)
            got = tuple(
                Case.has_access(op) for op in ("read", "write", "create", "unlink")
            )
            self.assertEqual(got, expected, user.login)
        # allowed cells work on a real record
        self.case_a.with_user(self.user_cm_a).write({"color": 2})
        self.case_a.with_user(self.user_coordination).write({"color": 4})
        self._case().with_user(self.user_lead).unlink()
