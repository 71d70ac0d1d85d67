# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #18: the partner-facing letters of the funding side, rendered as
HTML (a real PDF in a TransactionCase would deadlock wkhtmltopdf)."""

import re

from .common import KimFundingCommon


class TestFundingLetters(KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.org_city.write(
            {
                "street": "Rathausplatz 1",
                "zip": "46483",
                "city": "Wesel",
                "country_id": cls.env.ref("base.de").id,
            }
        )
        # 4 instalments of 12,345.00; two paid, 12,345.00 proven: 12,345.00 back
        cls.contract = cls._active_contract(amount=49380.0)
        cls.instalment = cls.contract.instalment_ids.sorted("sequence")[0]
        for inst in cls.contract.instalment_ids.sorted("sequence")[:2]:
            inst.with_user(cls.user_finance).action_bill()
            inst.with_user(cls.user_finance).action_pay(journal=cls.bank_journal)
        finance_contract = cls.contract.with_user(cls.user_finance)
        finance_contract.proof_actual_amount = 12345.0
        finance_contract.action_create_refund()
        cls.symbol = cls.env.company.currency_id.symbol

    def _render(self, xmlid, records, lang):
        self.org_city.lang = lang
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.user_finance)
            ._render_qweb_html(xmlid, records.ids)
        )
        text = re.sub(r"<[^>]+>", " ", html.decode())
        return re.sub(r"\s+", " ", text.replace("&nbsp;", " ").replace("\xa0", " "))

    def test_contract_cover_letter_german(self):
        """F-7, issue #18: the cover letter of a forwarding contract in German:
        the recipient's address in the window, money and dates in German
        format, the German text."""
        text = self._render(
            "kim_funding.report_forwarding_contract_letter", self.contract, "de_DE"
        )
        for expected in ("Stadt Testhausen", "Rathausplatz 1", "46483 Wesel"):
            self.assertIn(expected, text)
        self.assertIn("49.380,00", text)
        self.assertIn(self.symbol, text)
        self.assertIn("01.01.2031", text)
        self.assertIn("Weiterleitungsvertrag", text)
        self.assertIn("Sehr geehrte Damen und Herren", text)

    def test_contract_cover_letter_english(self):
        """Issue #18: an English recipient gets the English letter with
        English number formats."""
        text = self._render(
            "kim_funding.report_forwarding_contract_letter", self.contract, "en_US"
        )
        self.assertIn("Dear Sir or Madam", text)
        self.assertIn("49,380.00", text)
        self.assertNotIn("Sehr geehrte", text)

    def test_payment_notice(self):
        """F-7, issue #18: the payment notice of an instalment: amount and due
        date in German format."""
        text = self._render(
            "kim_funding.report_forwarding_payment_notice", self.instalment, "de_DE"
        )
        self.assertIn("Rathausplatz 1", text)
        self.assertIn("12.345,00", text)
        self.assertIn(self.instalment.due_date.strftime("%d.%m.%Y"), text)
        self.assertIn("Zahlungsavis", text)

    def test_refund_demand(self):
        """F-8, issue #18: the refund demand names the reclaimed amount and
        the refund invoice as the reference, in German format."""
        text = self._render(
            "kim_funding.report_forwarding_refund_demand", self.contract, "de_DE"
        )
        self.assertIn("Rathausplatz 1", text)
        self.assertIn("Rückforderung", text)
        self.assertIn("12.345,00", text)
        self.assertIn(self.contract.refund_move_id.name, text)

    def _mail(self, xmlid, record, lang):
        self.org_city.lang = lang
        template = self.env.ref(xmlid)
        subject = template._render_field("subject", record.ids, compute_lang=True)
        body = template._render_field("body_html", record.ids, compute_lang=True)
        return subject[record.id], str(body[record.id]).replace("\xa0", " ")

    def test_mail_templates_in_recipient_language(self):
        """Issue #18: the mails to recipients are translatable templates in
        the recipient's language: a German recipient reads German, an English
        one English; the letter goes along as PDF."""
        for xmlid, record, german, english in (
            (
                "kim_funding.mail_template_forwarding_contract",
                self.contract,
                "Weiterleitungsvertrag",
                "Forwarding contract",
            ),
            (
                "kim_funding.mail_template_forwarding_payment_notice",
                self.instalment,
                "Zahlungsavis",
                "Payment notice",
            ),
            (
                "kim_funding.mail_template_forwarding_refund_demand",
                self.contract,
                "Rückforderung",
                "Refund demand",
            ),
        ):
            subject, body = self._mail(xmlid, record, "de_DE")
            self.assertIn(german, subject, xmlid)
            self.assertIn("Sehr geehrte Damen und Herren", body, xmlid)
            subject, body = self._mail(xmlid, record, "en_US")
            self.assertIn(english, subject, xmlid)
            self.assertIn("Dear Sir or Madam", body, xmlid)
            self.assertTrue(self.env.ref(xmlid).report_template_ids, xmlid)
        _subject, body = self._mail(
            "kim_funding.mail_template_forwarding_payment_notice",
            self.instalment,
            "de_DE",
        )
        self.assertIn("12.345,00", body)
