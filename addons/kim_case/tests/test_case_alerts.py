# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from .common import KimCaseCommon


@freeze_time("2026-03-01")
class TestCaseAlerts(KimCaseCommon):
    """Activities on residence permits, benefit changes and releases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.asylblg = cls.env.ref("kim_case.legal_asylblg")
        cls.sgb2 = cls.env.ref("kim_case.legal_sgb2")
        cls.sgb3 = cls.env.ref("kim_case.legal_sgb3")
        cls.tg_switch = cls.env.ref("kim_case.tg_asylblg_sgb2")

    def _activities(self, records):
        return self.env["mail.activity"].search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        )

    def test_residence_permit_expiring(self):
        """C-5: a residence permit expiring within the lead time (90 days by
        default) creates one To-Do for the case manager per expiry date."""
        client = self._client(kim_residence_valid_until=date(2026, 5, 1))
        case = self._case(client=client)
        far = self._case(
            client=self._client(kim_residence_valid_until=date(2026, 9, 1))
        )
        self.env["kim.case"]._cron_kim_alerts()
        activity = self._activities(case)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_cm_a)
        self.assertEqual(activity.activity_type_id, self.todo)
        self.assertFalse(self._activities(far), "more than 90 days ahead")
        self.env["kim.case"]._cron_kim_alerts()
        self.assertEqual(len(self._activities(case)), 1, "no duplicate on re-run")
        client.kim_residence_valid_until = date(2026, 5, 20)  # new date
        self.env["kim.case"]._cron_kim_alerts()
        self.assertEqual(len(self._activities(case)), 2)
        self.env["ir.config_parameter"].set_param(
            "kim_case.residence_alert_days", "200"
        )
        self.env["kim.case"]._cron_kim_alerts()
        self.assertEqual(len(self._activities(far)), 1, "lead time is a setting")

    def test_residence_alert_in_case_managers_language(self):
        """C-5, X-3: the job runs as OdooBot (English), the To-Do is read by a
        German case manager: summary, note and date in German."""
        self.user_cm_a.lang = "de_DE"
        client = self._client(kim_residence_valid_until=date(2026, 5, 1))
        case = self._case(client=client)
        self.env["kim.case"].with_context(lang="en_US")._cron_kim_alerts()
        activity = self._activities(case)
        self.assertEqual(activity.summary, "Aufenthaltstitel läuft ab")
        self.assertIn("läuft am 01.05.2026 ab", str(activity.note))

    def test_switch_review_in_the_kreis_language(self):
        """C-11, issue #18: a case manager without a language of their own
        reads the review To-Do in the Kreis' language German, not in the
        English of whoever recorded the benefit change."""
        self.user_cm_a.lang = False
        client = self._client(kim_benefit_domain_ids=[self.asylblg.id])
        case = self._case(client=client)
        client.with_context(lang="en_US").kim_benefit_domain_ids = [
            (6, 0, [self.sgb2.id])
        ]
        self.assertEqual(
            self._activities(case).summary,
            "Prüfen: Leistungswechsel vom AsylbLG ins SGB II",
        )

    def test_switch_asylblg_to_sgb2(self):
        """C-11: benefits changing from AsylbLG to SGB II tag the client's open
        cases with the target group and ask their case managers for a review;
        other changes do not."""
        client = self._client(kim_benefit_domain_ids=[self.asylblg.id])
        case = self._case(client=client)
        family_case = self._case(user=self.user_cm_b)
        family_case.member_ids = [(0, 0, {"partner_id": client.id, "role": "other"})]
        closed = self._case(client=client)
        closed.action_close()
        client.kim_benefit_domain_ids = [(6, 0, [self.asylblg.id, self.sgb3.id])]
        self.assertFalse(self._activities(case))
        client.kim_benefit_domain_ids = [(6, 0, [self.sgb2.id, self.sgb3.id])]
        for open_case, user in ((case, self.user_cm_a), (family_case, self.user_cm_b)):
            self.assertIn(self.tg_switch, open_case.target_group_ids)
            self.assertEqual(self._activities(open_case).user_id, user)
        self.assertFalse(self._activities(closed))
        self.assertNotIn(self.tg_switch, closed.target_group_ids)

    def test_release_expiring(self):
        """C-10: a release from confidentiality ending within 30 days creates one
        activity for the case manager; withdrawn releases do not."""
        client = self._client()
        self._case(client=client)
        release = self._consent(client, "release", valid_until=date(2026, 3, 20))
        later = self._consent(client, "release", valid_until=date(2026, 6, 1))
        withdrawn = self._consent(client, "release", valid_until=date(2026, 3, 20))
        withdrawn.action_withdraw()
        self.env["kim.case"]._cron_kim_alerts()
        self.env["kim.case"]._cron_kim_alerts()
        activity = self._activities(release)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_cm_a)
        self.assertFalse(self._activities(later | withdrawn))

    def test_release_expiring_only_while_in_force(self):
        """C-10 (issue #16 item 4): the expiry alert asks whether the release
        is in force today (``kim.consent._kim_in_force_domain``). A release
        that has not started yet is alerted on its first day, not before (the
        alert used to ignore the start); one ending today is still alerted,
        one that ended yesterday or was withdrawn today is not."""
        client = self._client()
        self._case(client=client)
        pending = self._consent(
            client,
            "release",
            valid_from=date(2026, 3, 5),
            valid_until=date(2026, 3, 20),
        )
        ends_today = self._consent(client, "release", valid_until=date(2026, 3, 1))
        ended = self._consent(client, "release", valid_until=date(2026, 2, 28))
        withdrawn = self._consent(client, "release", valid_until=date(2026, 3, 20))
        withdrawn.action_withdraw()
        self.env["kim.case"]._cron_kim_alerts()
        self.assertEqual(len(self._activities(ends_today)), 1)
        self.assertFalse(self._activities(pending | ended | withdrawn))
        with freeze_time("2026-03-04"):
            self.env["kim.case"]._cron_kim_alerts()
            self.assertFalse(self._activities(pending))
        with freeze_time("2026-03-05"):
            self.env["kim.case"]._cron_kim_alerts()
            self.assertEqual(self._activities(pending).user_id, self.user_cm_a)
