# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import KimCaseCommon


class TestCase(KimCaseCommon):
    def test_pseudonymous_display_name(self):
        """C-12 / X-2: a case's display name is its number only, never the
        client's name or birth date."""
        case = self._case(client=self._client("Yusuf Beispiel"))
        self.assertRegex(case.display_name, r"^KIM-\d{4}-\d{5}$")
        self.assertNotIn("Yusuf", case.display_name)
        self.assertNotIn("1990", case.display_name)
        found = self.env["kim.case"].name_search("Yusuf")
        self.assertFalse(found, "searching by client name must not reveal the case")

    def test_family_members(self):
        """C-4: one case per family; the client is the applicant, members can
        have their own case manager and municipality."""
        case = self._case()
        self.assertEqual(case.member_ids.partner_id, case.partner_id)
        self.assertEqual(case.member_ids.role, "applicant")
        child = self._client("Kind Testperson")
        case.member_ids = [(0, 0, {"partner_id": child.id, "role": "child"})]
        self.assertEqual(case.member_count, 2)
        self.assertTrue(child.kim_is_client)
        with (
            self.assertRaises(Exception),  # noqa: B017 - unique constraint
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            case.member_ids = [(0, 0, {"partner_id": child.id, "role": "child"})]

    def test_constellation_types(self):
        """C-2: three constellations with their inactivity periods as data."""
        self.assertEqual(self.type_short.inactivity_months, 3)
        self.assertEqual(self.type_cm.inactivity_months, 6)
        self.assertEqual(
            self.env.ref("kim_case.case_type_process").inactivity_months, 6
        )
        case = self._case(type_id=self.type_short.id)
        case.type_id = self.type_cm  # a case can change constellation
        self.assertEqual(case.type_id, self.type_cm)

    def test_waiting_time(self):
        """C-1: the waiting time from first contact to first meeting is measured;
        a meeting before the contact is refused."""
        case = self._case(
            channel="warm_handover",
            channel_partner_id=self.org_mbe.id,
            first_contact_date=date(2026, 2, 2),
            first_meeting_date=date(2026, 2, 12),
        )
        self.assertEqual(case.waiting_days, 10)
        with self.assertRaises(ValidationError):
            case.first_meeting_date = date(2026, 1, 1)

    def test_first_contact_month_key(self):
        """C-1/G-7: the stored month key of the first contact ("YYYY-MM", the
        grouping of the case analyses) follows the date the case manager
        enters, changes and clears."""
        case = self._case(first_contact_date=date(2026, 2, 28)).with_user(
            self.user_cm_a
        )
        self.assertEqual(case.first_contact_month, "2026-02")
        case.first_contact_date = date(2025, 12, 1)
        self.assertEqual(case.first_contact_month, "2025-12")
        self.assertEqual(
            self.env["kim.case"]
            .with_user(self.user_cm_a)
            .search([("first_contact_month", "=", "2025-12")]),
            case,
        )
        case.first_contact_date = False
        self.assertFalse(case.first_contact_month)

    def test_target_groups(self):
        """C-11: target groups are configurable tags on cases."""
        group = self.env["kim.target.group"].create({"name": "Testzielgruppe"})
        case = self._case(target_group_ids=[group.id])
        self.assertEqual(case.target_group_ids, group)

    def test_ags_validation(self):
        """G-6: municipalities carry a valid 8-digit municipality key (AGS)."""
        Partner = self.env["res.partner"]
        for bad in ("1234567", "0557001A", "99570012"):
            with self.subTest(ags=bad), self.assertRaises(ValidationError):
                with self.cr.savepoint():
                    Partner.create(
                        {"name": "Fehler", "is_company": True, "kim_ags": bad}
                    )
        with (
            self.assertRaises(Exception),  # noqa: B017 - unique constraint
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            Partner.create(
                {"name": "Doppelt", "is_company": True, "kim_ags": "05570999"}
            )
        self.assertEqual(self.municipality.kim_district_id, self.district_north)
        self.assertIn(self.municipality, self.district_north.municipality_ids)

    def test_language_catalogue(self):
        """X-4: languages spoken and need for language mediation are recorded."""
        codes = set(self.env["kim.language"].search([]).mapped("code"))
        self.assertLessEqual({"ar", "prs", "ps", "ti", "kmr", "uk", "ro", "bg"}, codes)
        client = self._client(
            kim_language_ids=[self.env.ref("kim_case.lang_ti").id],
            kim_needs_interpreter=True,
            kim_interpreter_language_id=self.env.ref("kim_case.lang_ti").id,
        )
        self.assertTrue(client.kim_needs_interpreter)

    def test_form_defaults_for_case_manager(self):
        """X-1: a new case belongs to its case manager and their employer; the
        client is one the case manager recorded (issue #15: nobody links a
        person they cannot read)."""
        client = (
            self.env["res.partner"]
            .with_user(self.user_cm_a)
            .create({"name": "Amina Testperson", "kim_is_client": True})
        )
        form = Form(self.env["kim.case"].with_user(self.user_cm_a))
        form.partner_id = client.with_user(self.user_cm_a)
        case = form.save()
        self.assertEqual(case.user_id, self.user_cm_a)
        self.assertEqual(case.employer_id, self.org_ki)
        self.assertEqual(case.stage_id, self.stage_intake)

    def test_reactivation_keeps_history(self):
        """C-8: a closed case can be reactivated at any time, history kept."""
        case = self._case()
        case.env["kim.case.contact"].create(
            {"case_id": case.id, "date": date(2026, 1, 5)}
        )
        case.action_close(self.env.ref("kim_case.close_reason_goals_reached"))
        self.assertTrue(case.is_closed)
        self.assertTrue(case.closed_date)
        case.action_reactivate()
        self.assertFalse(case.is_closed)
        self.assertEqual(case.reactivation_count, 1)
        self.assertEqual(len(case.contact_ids), 1)
        self.assertEqual(case.last_contact_date, date(2026, 1, 5))
