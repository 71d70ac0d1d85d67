# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from .common import KimCaseCommon


class TestActivityTypes(KimCaseCommon):
    """Issue #18: KIM's activity types are data with delays and default users;
    the jobs schedule them with the KIM type, for the right user, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reassessment = cls.env.ref("kim_case.mail_activity_type_reassessment_due")

    def _activities(self, records, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def test_types_are_data(self):
        """Issue #18: the KIM types carry their model and delay, in German."""
        for xmlid, model in (
            ("mail_activity_type_reassessment_due", "kim.case"),
            ("mail_activity_type_consent_expiring", "kim.consent"),
            ("mail_activity_type_release_expiring", "kim.consent"),
            ("mail_activity_type_close_warning", "kim.case"),
        ):
            activity_type = self.env.ref(f"kim_case.{xmlid}")
            self.assertEqual(activity_type.res_model, model)
        self.assertEqual(
            (self.reassessment.delay_count, self.reassessment.delay_unit),
            (6, "months"),
        )
        if self.env["res.lang"]._lang_get("de_DE"):
            self.assertEqual(
                self.reassessment.with_context(lang="de_DE").name,
                "Re-Assessment fällig",
            )

    def _complete_assessment(self, case):
        action = case.with_user(self.user_cm_a).action_new_assessment()
        assessment = (
            self.env["kim.case.assessment"]
            .with_user(self.user_cm_a)
            .browse(action["res_id"])
        )
        for line in assessment.line_ids:
            line.score = 3
        assessment.action_done()
        return assessment

    def test_reassessment_due_after_type_delay(self):
        """C-5, issue #18: completing an assessment plans the re-assessment
        for the case manager, due after the type's delay (data); completing
        the next one replaces it (one per case)."""
        case = self._case(self.user_cm_a, self._client())
        self._consent(case.partner_id, "info_art13")  # C-10: before the assessment
        with freeze_time("2026-03-02"):
            self._complete_assessment(case)
        activity = self._activities(case, self.reassessment)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_cm_a)
        self.assertEqual(activity.date_deadline, date(2026, 9, 2))
        self.reassessment.delay_count = 3  # the Kreis edits the delay
        with freeze_time("2026-09-01"):
            self._complete_assessment(case)
        activity = self._activities(case, self.reassessment)
        self.assertEqual(len(activity), 1, "the previous one is replaced")
        self.assertEqual(activity.date_deadline, date(2026, 12, 1))
