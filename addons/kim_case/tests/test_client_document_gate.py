# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon


@tagged("post_install", "-at_install")
class TestClientDocumentGate(KimCaseCommon):
    """C-10 / X-4: the documents decide the gate — the data-protection
    agreement is recorded as signed (date, text version, language, who
    explained it), the Art. 13 information by the assessment, mediation when
    the text is not in the client's language; the texts are dated data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.text_dp = cls.env.ref("kim_case.legal_text_dp_agreement")
        cls.text_art13 = cls.env.ref("kim_case.legal_text_info_art13")
        cls.lang_ti = cls.env.ref("kim_case.lang_ti")
        cls.interpreter = cls.env["res.partner"].create(
            {"name": "Sprachmittlerin Testkreis"}
        )

    def _as_cm(self, model):
        return self.env[model].with_user(self.user_cm_a)

    def test_dp_agreement_recorded_as_signed(self):
        """C-10: the agreement names date, text version, language and who
        explained it; a version of another document is refused."""
        client = self._client()
        consent = self._consent(client)
        self.assertEqual(consent.legal_text_id, self.text_dp)
        self.assertEqual(consent.explained_by_id, self.env.user)
        self.assertEqual(consent.language_id, self.env.ref("kim_case.lang_de"))
        before = self.env["kim.consent"].search_count([])
        for values in (
            {"explained_by_id": False},
            {"date_signed": False},
            {"language_id": False},
            {"legal_text_id": self.text_art13.id},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self._consent(client, **values)
        self.assertEqual(self.env["kim.consent"].search_count([]), before)

    def test_no_case_file_without_dp_agreement(self):
        """C-10: no case file without the signed agreement; the refused move
        changes nothing."""
        client = self._client()
        case = self._case(client=client).with_user(self.user_cm_a)
        stage = case.stage_id
        with self.assertRaises(ValidationError):
            case.stage_id = self.stage_assessment
        self.assertEqual(case.stage_id, stage)
        with self.assertRaises(ValidationError):
            self._case(client=self._client("Ohne Vereinbarung")).with_user(
                self.user_cm_a
            ).write({"stage_id": self.stage_help_plan.id})
        self._consent(client)
        case.stage_id = self.stage_assessment
        self.assertEqual(case.stage_id, self.stage_assessment)

    def test_assessment_needs_art13_information(self):
        """C-10: an assessment started without the Art. 13 information warns
        the case manager (To-Do due on the assessment day); completing it is
        refused until the handout is recorded by that day."""
        client = self._client()
        self._consent(client)
        case = self._case(client=client, stage_id=self.stage_assessment.id)
        assessment = self._as_cm("kim.case.assessment").create(
            {
                "case_id": case.id,
                "date": kim_today(self.env["kim.case"]),
                "line_ids": self.env["kim.case.assessment"]._prepare_lines(case),
            }
        )
        activity = case.activity_ids.filtered(
            lambda a: a.date_deadline == assessment.date and a.user_id == self.user_cm_a
        )
        self.assertEqual(len(activity), 1)
        assessment.line_ids.write({"score": 3})
        with self.assertRaises(UserError):
            assessment.action_done()
        self.assertEqual(assessment.state, "draft")
        # handed out only after the assessment day: still refused
        self._consent(
            client,
            "info_art13",
            date_signed=assessment.date + timedelta(days=1),
            valid_from=assessment.date + timedelta(days=1),
        )
        with self.assertRaises(UserError):
            assessment.action_done()
        self.assertEqual(assessment.state, "draft")
        self._consent(client, "info_art13", date_signed=assessment.date)
        assessment.action_done()
        self.assertEqual(assessment.state, "done")

    def test_no_warning_when_art13_recorded(self):
        """C-10: with the information recorded no To-Do is created."""
        client = self._client()
        self._consent(client)
        self._consent(client, "info_art13")
        case = self._case(client=client, stage_id=self.stage_assessment.id)
        self._as_cm("kim.case.assessment").create({"case_id": case.id})
        self.assertFalse(case.activity_ids)

    def test_mediation_recorded_when_text_not_translated(self):
        """X-4: explained in a language the text is not translated into, the
        consent names the mediator, the language and the date."""
        client = self._client(kim_language_ids=[self.lang_ti.id])
        self.assertEqual(
            client._kim_client_document_lang(self.text_dp), (False, self.lang_ti)
        )
        with self.assertRaises(ValidationError):
            self._consent(client)
        consent = self._consent(
            client,
            mediator_id=self.interpreter.id,
            mediation_language_id=self.lang_ti.id,
            mediation_date=kim_today(self.env["kim.case"]),
        )
        self.assertEqual(consent.language_id, self.lang_ti)

    def test_document_in_client_language_when_translated(self):
        """X-4: a client speaking a language the text is translated into gets
        it beside German; English is the texts' source."""
        client = self._client(kim_language_ids=[self.env.ref("kim_case.lang_en").id])
        self.assertEqual(
            client._kim_client_document_lang(self.text_dp), ("en_US", False)
        )
        german = self._client(
            "Deutsch Sprechend",
            kim_language_ids=[self.env.ref("kim_case.lang_de").id],
        )
        self.assertEqual(
            german._kim_client_document_lang(self.text_dp),
            (False, self.env["kim.language"]),
        )

    def test_legal_texts_are_dated_versions(self):
        """C-10: the Kreis edits the texts as data; a signed version keeps its
        German text; versions do not overlap; a new version applies from its
        first day and is stored on the consents signed then."""
        client = self._client()
        self._consent(client)
        Text = self.env["kim.legal.text"].with_user(self.user_lead)
        text = Text.browse(self.text_dp.id)
        with self.assertRaises(UserError):
            text.with_context(lang="de_DE").body = "<p>Geändert</p>"
        with self.assertRaises(UserError):
            text.valid_from = date(2021, 1, 1)
        start = kim_today(self.env["kim.case"]) + timedelta(days=10)
        with self.assertRaises(ValidationError):
            Text.create(
                {
                    "document": "dp_agreement",
                    "name": "Datenschutzvereinbarung",
                    "version": "2027-01",
                    "valid_from": start,
                }
            )
        text.valid_until = start - timedelta(days=1)
        new = Text.create(
            {
                "document": "dp_agreement",
                "name": "Datenschutzvereinbarung",
                "version": "2027-01",
                "valid_from": start,
                "body": "<p>Neue Fassung</p>",
            }
        )
        self.assertEqual(Text._kim_current("dp_agreement"), text)
        self.assertEqual(Text._kim_current("dp_agreement", start), new)
        later = self._consent(client, date_signed=start, valid_from=start)
        self.assertEqual(later.legal_text_id, new)
        for user in (self.user_cm_a, self.user_coordination):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                new.with_user(user).body = "<p>x</p>"

    def test_print_follows_the_case(self):
        """C-10 / X-1: only readers of the case print its client documents,
        only for members of the case; the print is refused otherwise."""
        client = self._client()
        case = self._case(client=client)
        stranger = self._client("Fremde Person")
        report = self.env["ir.actions.report"]
        name = "kim_case.report_client_dp_agreement"
        html, _type = report.with_user(self.user_cm_a)._render_qweb_html(name, case.ids)
        self.assertIn(client.name, html.decode())
        with self.assertRaises(AccessError):
            report.with_user(self.user_cm_b)._render_qweb_html(name, case.ids)
        with self.assertRaises(AccessError):
            report.with_user(self.user_cm_a)._render_qweb_html(
                name, case.ids, data={"partner_id": stranger.id}
            )
        # a person as "recipient" would print their name: refused
        with self.assertRaises(AccessError):
            report.with_user(self.user_cm_a)._render_qweb_html(
                "kim_case.report_client_release",
                case.ids,
                data={"release": {"recipient_id": stranger.id}},
            )
        wizard = (
            self.env["kim.client.document.print"]
            .with_user(self.user_cm_a)
            .create(
                {
                    "case_id": case.id,
                    "partner_id": client.id,
                    "document": "release",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_print()
        wizard.write(
            {
                "recipient_id": self.org_jobcenter.id,
                "data_category_ids": [self.cat_master.id],
                "purpose": "Abstimmung",
            }
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "kim_case.report_client_release")
        self.assertEqual(
            action["data"]["release"]["recipient_id"], self.org_jobcenter.id
        )

    def test_rtl_paragraphs_broken_into_lines(self):
        """X-4: Arabic paragraphs are broken into lines on the server (the
        platform's wkhtmltopdf does not wrap Arabic script); markup stays."""
        from ..report.report_kim_client_document import (
            kim_wrap_rtl,
        )

        html = '<p><strong class="a b">العنوان:</strong> ' + "كلمة " * 30 + "</p>"
        wrapped = kim_wrap_rtl(html, width=40)
        self.assertIn('<strong class="a b">', wrapped)
        self.assertGreaterEqual(wrapped.count("<br/>"), 3)
        for line in wrapped.split("<br/>"):
            self.assertLessEqual(len(line.replace('<strong class="a b">', "")), 60)
