# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError

from .common import KimCaseCommon

AGREEMENT = "kim_case.kim_case_report_goal_agreement"
SUMMARY = "kim_case.kim_case_report_pseudonymised_summary"


class TestCaseReports(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client(
            "Amina Testperson",
            street="Lindenweg 7",
            zip="59227",
            city="Ahlen",
        )
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)
        cls.child = cls._client("Samir Testperson", kim_birthdate=date(2019, 2, 1))
        cls.member_child = cls.env["kim.case.member"].create(
            {"case_id": cls.case_a.id, "partner_id": cls.child.id, "role": "child"}
        )
        cls.goal = cls.env["kim.case.goal"].create(
            {
                "case_id": cls.case_a.id,
                "name": "Amina findet eine Teilzeitstelle",
                "client_words": "Ich möchte wieder als Schneiderin arbeiten.",
                "life_domain_id": cls.env.ref("kim_case.life_work").id,
            }
        )
        cls.env["project.task"].create(
            {
                "name": "Verweis an Jobcenter Testkreis wegen Amina",
                "kim_case_id": cls.case_a.id,
                "kim_goal_id": cls.goal.id,
                "kim_measure_kind": "referral",
                "kim_legal_domain_id": cls.env.ref("kim_case.legal_sgb2").id,
                "kim_shares_client_data": False,
                "kim_partner_org_id": cls.org_jobcenter.id,
            }
        )

    def _html(self, report, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.user_cm_a)
        html, _ = Report._render_qweb_html(report, self.case_a.ids)
        return html.decode()

    @freeze_time("2026-03-01")
    def test_pseudonymised_summary_has_no_identifiers(self):
        """C-9: the summary for anonymised collegial consultation shows the
        constellation, stage, life domains, goals and kinds of measures, with an
        age band instead of the birth date, and no name, birth date, address or
        case number (also not inside free-text goals)."""
        html = self._html(SUMMARY)
        for identifier in (
            "Amina",
            "Testperson",
            "Samir",
            "1990",
            "05/17",
            "Lindenweg",
            "59227",
            self.case_a.name,
        ):
            self.assertNotIn(identifier, html)
        self.assertIn("30–39", html)  # born 17 May 1990
        self.assertIn("0–9", html)  # the child
        self.assertIn(self.type_cm.name, html)
        self.assertIn(self.case_a.stage_id.name, html)
        self.assertIn("Occupation/Education", html)
        self.assertIn("findet eine Teilzeitstelle", html)
        self.assertIn("Referral Counselling", html)
        summary = self.case_a.with_user(self.user_cm_a)._kim_pseudonymised_summary()
        self.assertEqual([m["age_band"] for m in summary["members"]], ["30–39", "0–9"])
        self.assertNotIn("client_words", summary["goals"][0])

    def test_goal_agreement_for_signature(self):
        """C-6 / C-7: the goal agreement names the client, the case, the goals in
        the client's own words and the measures, with signature lines."""
        html = self._html(AGREEMENT)
        for text in (
            "Amina Testperson",
            self.case_a.name,
            "Amina findet eine Teilzeitstelle",
            "Ich möchte wieder als Schneiderin arbeiten.",
            "Verweis an Jobcenter Testkreis",
            "Jobcenter Testkreis",
            "Unterschrift Klient/in",
        ):
            self.assertIn(text, html)

    def test_reports_follow_the_case(self):
        """C-9 / C-12: neither document can be produced without access to the
        case."""
        for report in (AGREEMENT, SUMMARY):
            for user in self.user_cm_b | self.user_finance:
                with self.assertRaises(AccessError):
                    self._html(report, user)
