# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CAMT.053 import (OCA account_statement_import_camt) and reconciliation
(OCA account_reconcile_oca) of forwarding instalments and grant income."""

import base64
import io
import zipfile
from datetime import date
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.kim_case.tests.figures import report_figure

from .common import YEAR, KimFundingCommon

SAMPLE = Path(__file__).parents[3] / "data" / "funding" / "camt053_kreis_beispiel.xml"
IBAN_KREIS = "DE56412500350000123456"
IBAN_LAND = "DE81400501500000654321"
IBAN_CITY = "DE93370500000000112233"


class KimBankCommon(KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        # the demo data may already have given the Kreis this IBAN
        Bank = cls.env["res.partner.bank"]
        cls.bank_journal.bank_account_id = Bank.search(
            [
                ("sanitized_acc_number", "=", IBAN_KREIS),
                ("partner_id", "=", company.partner_id.id),
            ]
        ) or Bank.create(
            {"acc_number": IBAN_KREIS, "partner_id": company.partner_id.id}
        )
        cls.grantor = cls.env["res.partner"].create(
            {"name": "Bezirksregierung Arnsberg, Dezernat 36", "is_company": True}
        )
        cls.env["res.partner.bank"].create(
            [
                {"acc_number": IBAN_LAND, "partner_id": cls.grantor.id},
                {"acc_number": IBAN_CITY, "partner_id": cls.org_city.id},
            ]
        )
        cls.grant_b2.write(
            {
                "grantor_id": cls.grantor.id,
                "notice_number": "36.08.01-2031-B2",
                "state": "approved",
            }
        )
        # The sample is a German (EUR) statement; the generic test chart may
        # run in another company currency: the test speaks the company's.
        cls.cur = company.currency_id.name.encode()
        cls.sample = (
            SAMPLE.read_bytes()
            .replace(b'Ccy="EUR"', b'Ccy="' + cls.cur + b'"')
            .replace(b"<Ccy>EUR</Ccy>", b"<Ccy>" + cls.cur + b"</Ccy>")
        )

    def _import(self, data, user=None):
        wizard = (
            self.env["account.statement.import"]
            .with_user(user or self.user_finance)
            .create(
                {
                    "statement_file": base64.b64encode(data),
                    "statement_filename": "auszug.xml",
                }
            )
        )
        return wizard.import_file_button()

    def _counts(self):
        return tuple(
            self.env[model].sudo().search_count([])
            for model in (
                "account.bank.statement",
                "account.bank.statement.line",
                "account.move",
            )
        )


@tagged("post_install", "-at_install")
class TestCamtRoundTrip(KimBankCommon):
    def test_camt_round_trip(self):
        """F-7, F-10: finance pays two instalments, imports the Kreis' CAMT.053
        statement; the bank lines are reconciled with the instalments' vendor
        bill payments (instalments "paid and reconciled") and the state's grant
        income with the call for funds (F-8: received vs. forwarded)."""
        fin = self.user_finance
        contract = self._active_contract(name="WV-2031-AHLEN")
        insts = contract.instalment_ids.with_user(fin)
        for inst, day in zip(
            insts[:2], (date(YEAR, 1, 2), date(YEAR, 4, 1)), strict=False
        ):
            inst.action_bill()
            inst.action_pay(journal=self.bank_journal, payment_date=day)
        self.assertEqual(insts[:2].mapped("payment_status"), ["paid", "paid"])
        grant = self.grant_b2.with_user(fin)
        grant.amount_to_call = 455000.0
        income = grant._kim_call_funds()
        self.assertEqual(income.move_type, "out_invoice")
        self.assertEqual(income.partner_id, self.grantor)
        self.assertEqual(
            income.invoice_line_ids.analytic_distribution,
            {str(grant.analytic_account_id.id): 100},
        )
        self.assertEqual((grant.amount_called, grant.amount_received), (455000.0, 0.0))

        self._import(self.sample)
        statement = self.env["account.bank.statement"].search(
            [("name", "=", "KAW-2031-004")]
        )
        self.assertEqual(len(statement), 1)
        self.assertEqual(len(statement.line_ids), 3)
        self.assertEqual(statement.line_ids.partner_id, self.org_city | self.grantor)
        self.assertTrue(all(statement.line_ids.mapped("is_reconciled")))
        insts.invalidate_recordset()
        self.assertEqual(
            insts.mapped("payment_status"),
            ["reconciled", "reconciled", "planned", "planned"],
        )
        self.assertEqual(contract.amount_reconciled, 50000.0)
        self.assertEqual(income.payment_state, "paid")
        grant.invalidate_recordset()
        self.assertEqual(grant.amount_received, 455000.0)
        self.assertEqual(grant.amount_forward_paid, 50000.0)
        # importing the same statement again is refused, nothing created
        before = self._counts()
        with self.assertRaisesRegex(UserError, "already been imported"):
            self._import(self.sample)
        self.assertEqual(self._counts(), before)

    def test_ambiguous_lines_stay_open(self):
        """F-7: a bank line is reconciled only with a unique match: two paid
        instalments of the same amount whose reference is not in the bank
        text stay for manual reconciliation; nothing is matched wrongly."""
        contract = self._active_contract(name="WV-ANDERS")
        insts = contract.instalment_ids.with_user(self.user_finance)
        for inst in insts[:2]:
            inst.action_bill()
            inst.action_pay(journal=self.bank_journal)
        self._import(self.sample)
        statement = self.env["account.bank.statement"].search(
            [("name", "=", "KAW-2031-004")]
        )
        self.assertEqual(len(statement.line_ids), 3)
        self.assertFalse(any(statement.line_ids.mapped("is_reconciled")))
        insts.invalidate_recordset()
        self.assertEqual(insts[:2].mapped("payment_status"), ["paid", "paid"])
        self.assertEqual(contract.amount_reconciled, 0.0)

    def test_call_for_funds_refused(self):
        """F-8: a call for funds beyond the approved amount, without grantor
        or with a non-positive amount is refused; nothing is booked."""
        grant = self.grant_b2.with_user(self.user_finance)
        moves = self.env["account.move"].search_count([])
        grant.amount_to_call = grant.amount_approved + 0.01
        with self.assertRaisesRegex(UserError, "exceeds the approved amount"):
            grant._kim_call_funds()
        # issue #17 §1: a negative amount is refused when it is entered
        with self.assertRaisesRegex(UserError, "cannot be negative"):
            grant.amount_to_call = -5.0
        grant.amount_to_call = 0.0
        with self.assertRaisesRegex(UserError, "must be positive"):
            grant._kim_call_funds()
        self.grant_b2.grantor_id = False
        grant.amount_to_call = 5.0
        with self.assertRaisesRegex(UserError, "grantor"):
            grant._kim_call_funds()
        self.assertEqual(self.env["account.move"].search_count([]), moves)


def _bad_inputs(good, cur):
    """(label, bytes, expected message part) — generated bad CAMT files."""
    base = good.replace(b"KAW-2031-004", b"KAW-BAD-001")

    def sub(old, new, count=1):
        assert old in base, old
        return base.replace(old, new, count)

    dtd = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Document [%s]>\n'
    body = base.split(b"?>", 1)[1]
    wrong = b"JPY" if cur != b"JPY" else b"CHF"
    amt = b'<Amt Ccy="' + cur + b'">25000.00</Amt>'
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("auszug.xml", base)
    cases = [
        ("empty", b"", "empty"),
        ("text", b"Kontoauszug Januar", "well-formed"),
        ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "UTF-8"),
        ("zip", zipped.getvalue(), "ZIP"),
        ("csv", b"IBAN;Betrag\nDE56;25000,00\n", "well-formed"),
        ("json", b'{"Document": {}}', "well-formed"),
        ("unclosed tag", sub(b"</Ntry>", b""), "well-formed"),
        ("bad ampersand", sub(b"Rate 1", b"Rate & 1"), "well-formed"),
        ("oversized", base + b"<!--" + b"x" * (5 * 1024 * 1024) + b"-->", "larger"),
    ]
    for cut in (10, 100, 500, 1500, 3000, len(base) - 20):
        cases.append((f"truncated at {cut}", base[:cut], "well-formed"))
    for ns in (
        b"urn:iso:std:iso:20022:tech:xsd:camt.052.001.02",
        b"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02",
        b"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03",
        b"urn:iso:std:iso:20022:tech:xsd:camt.053.001.99",
        b"http://example.org/camt.053",
    ):
        cases.append(
            (
                f"namespace {ns[-20:]}",
                sub(b"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02", ns),
                "CAMT.053",
            )
        )
    cases.append(
        (
            "no namespace",
            sub(b' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"', b""),
            "CAMT.053",
        )
    )
    for label, decl, ref in (
        ("xxe file", b'<!ENTITY xxe SYSTEM "file:///etc/passwd">', b"&xxe;"),
        ("xxe http", b'<!ENTITY xxe SYSTEM "http://127.0.0.1:1/x">', b"&xxe;"),
        (
            "billion laughs",
            b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">',
            b"&d;",
        ),
        ("parameter entity", b'<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;', b"x"),
        ("internal entity", b'<!ENTITY kreis "Kreis">', b"&kreis;"),
    ):
        cases.append(
            (label, dtd % decl + body.replace(b"Rate 1", ref, 1), "document type")
        )
    cases.append(
        (
            "external dtd lowercase",
            b'<?xml version="1.0"?>\n<!doctype Document SYSTEM "http://127.0.0.1:1/x.dtd">\n'
            + body,
            "document type",
        )
    )
    cases += [
        (
            "iban checksum",
            sub(IBAN_KREIS.encode(), b"DE00412500350000123456"),
            "valid IBAN",
        ),
        ("iban garbage", sub(IBAN_KREIS.encode(), b"XX-SCRIPT"), "valid IBAN"),
        ("iban empty", sub(IBAN_KREIS.encode(), b""), "valid IBAN"),
        ("foreign iban", sub(IBAN_KREIS.encode(), IBAN_CITY.encode()), "bank journal"),
        (
            "partner iban",
            sub(IBAN_CITY.encode(), b"DE93370500000000112234"),
            "valid IBAN",
        ),
        (
            "account currency",
            sub(b"<Ccy>" + cur + b"</Ccy>", b"<Ccy>" + wrong + b"</Ccy>"),
            "currency",
        ),
        ("entry currency", sub(amt, amt.replace(cur, wrong)), "currency"),
        (
            "balance currency",
            sub(b'Ccy="' + cur + b'">100000.00', b'Ccy="' + wrong + b'">100000.00'),
            "currency",
        ),
        ("entry no currency", sub(amt, b"<Amt>25000.00</Amt>"), "currency"),
    ]
    for bad in (
        b"-25000.00",
        b"12345678901234567.00",
        b"25000.001",
        b"1e5",
        b"25.000,00",
        b"",
        b"NaN",
        b"Infinity",
        b"0x61A8",
        b"25000.00.00",
        b"00025000.00",
        b"\xef\xbc\x92\xef\xbc\x95",
    ):
        cases.append(
            (
                f"amount {bad[:12]!r}",
                sub(amt, amt.replace(b"25000.00", bad)),
                "invalid amount",
            )
        )
    cases += [
        ("amount zero", sub(amt, amt.replace(b"25000.00", b"0.00")), "zero"),
        (
            "indicator",
            sub(b"<CdtDbtInd>DBIT</CdtDbtInd>", b"<CdtDbtInd>XXXX</CdtDbtInd>"),
            "indicator",
        ),
        (
            "date feb 30",
            sub(b"<BookgDt><Dt>2031-01-02</Dt>", b"<BookgDt><Dt>2031-02-30</Dt>"),
            "booking date",
        ),
        (
            "date german",
            sub(b"<BookgDt><Dt>2031-01-02</Dt>", b"<BookgDt><Dt>02.01.2031</Dt>"),
            "booking date",
        ),
        (
            "date missing",
            sub(b"<BookgDt><Dt>2031-01-02</Dt></BookgDt>", b""),
            "booking date",
        ),
        (
            "overlong purpose",
            sub(b"Rate 1</Ustrd>", b"Rate 1 " + b"x" * 300 + b"</Ustrd>"),
            "longer than",
        ),
        (
            "overlong name",
            sub(b"<Nm>Stadt Ahlen</Nm>", b"<Nm>" + b"Stadt " * 40 + b"</Nm>"),
            "longer than",
        ),
        ("closing balance", sub(b">505000.00<", b">505000.01<"), "closing balance"),
        ("tampered entry", sub(b">455000.00<", b">465000.00<", 2), "closing balance"),
        (
            "latin-1 declared",
            sub(b'encoding="UTF-8"', b'encoding="ISO-8859-1"'),
            "encoding",
        ),
        (
            "cp1252 declared",
            sub(b'encoding="UTF-8"', b'encoding="windows-1252"'),
            "encoding",
        ),
        ("latin-1 bytes", sub(b"Stadt Ahlen", b"Stadt M\xfcnster"), "UTF-8"),
        ("utf-16", base.decode().encode("utf-16"), "UTF-8"),
        ("nul bytes", base[:50] + b"\x00\x00" + base[50:], "UTF-8"),
        (
            "no statement id",
            sub(b"<Id>KAW-BAD-001</Id>", b"<Id></Id>"),
            "identification",
        ),
        ("statement id overlong", sub(b"KAW-BAD-001", b"K" * 60), "identification"),
        (
            "no group header",
            sub(b"<MsgId>KAW-2031-04-30-0001</MsgId>", b""),
            "group header",
        ),
    ]
    head, _sep, rest = base.partition(b"<Ntry>")
    no_entries = head + rest[rest.rindex(b"</Ntry>") + len(b"</Ntry>") :]
    cases.append(("no entries", no_entries, "no booked entries"))
    cases.append(("duplicate statement", good, "already been imported"))
    return cases


@tagged("post_install", "-at_install")
class TestCamtBadInput(KimBankCommon):
    def test_bad_camt_inputs(self):
        """F-7, X-5 (issue #7 bad input): at least 50 generated bad CAMT files
        (broken XML, wrong namespace, IBAN, currency, amounts, dates,
        encodings, XXE/entity expansion, duplicate statement) are each
        refused with a clear message and create no statement, line or entry."""
        self._import(self.sample)  # the good file once: its re-import is a case
        cases = _bad_inputs(self.sample, self.cur)
        tried = partial = 0
        for label, data, expected in cases:
            before = self._counts()
            with self.subTest(case=label):
                try:
                    self._import(data)
                except UserError as exc:
                    self.assertIn("Bank statement refused", str(exc))
                    self.assertIn(expected, str(exc))
                    self.assertNotIn("root:", str(exc))  # no /etc/passwd content
                else:
                    self.fail(f"{label}: accepted")
                tried += 1
                after = self._counts()
                partial += sum(a - b for a, b in zip(after, before, strict=True))
        self.assertGreaterEqual(tried, 50)
        self.assertEqual(partial, 0)
        report_figure("bad_inputs", tried)
        report_figure("partial_writes", partial)


@tagged("post_install", "-at_install")
class TestProofRollUp(KimBankCommon):
    def test_income_and_recipient_proofs(self):
        """F-8: the proof of use shows the income received from the state
        (call for funds booked and paid) and the recipients' own proofs of
        use (proven costs, filled months, reclaimed amount) roll up into it."""
        fin = self.user_finance
        contract = self._active_contract(name="WV-2031-AHLEN")
        for inst in contract.instalment_ids[:2].with_user(fin):
            inst.action_bill()
            inst.action_pay(journal=self.bank_journal)
        contract.with_user(fin).write(
            {"proof_actual_amount": 45000.0, "proof_filled_months": 10.5}
        )
        grant = self.grant_b2.with_user(fin)
        grant.amount_to_call = 455000.0
        income = grant._kim_call_funds()
        self.env["account.payment.register"].with_user(fin).with_context(
            active_model="account.move", active_ids=income.ids
        ).create({"journal_id": self.bank_journal.id})._create_payments()
        grant.invalidate_recordset()
        self.assertEqual(grant.amount_received, 455000.0)
        self.assertEqual(grant.amount_forward_paid, 50000.0)
        self.assertEqual(grant.amount_own_use, 0.0)
        proof = (
            self.env["kim.proof.of.use"]
            .with_user(fin)
            .create({"grant_id": self.grant_b2.id})
        )
        figures = proof._kim_figures()
        self.assertEqual(figures["income"], 455000.0)
        self.assertEqual(
            figures["recipients"],
            [
                {
                    "recipient": self.org_city.name,
                    "contract": "WV-2031-AHLEN",
                    "paid": 50000.0,
                    "proven": 45000.0,
                    "months": 10.5,
                    "refund": 5000.0,
                }
            ],
        )
        self.assertEqual(proof.amount_refund, 455000.0 - 50000.0)
        data = proof._kim_xlsx()
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
        self.assertIn("proven eligible costs", strings)
        # issue #18: a German user's report prints German amounts and numbers
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="de_DE")
            ._render_qweb_html("kim_funding.action_report_proof_of_use", proof.ids)[0]
            .decode()
        )
        self.assertIn("o_kim_recipient_proofs", html)
        self.assertIn("45.000,00</span>\xa0€", html)
        self.assertIn("10,5", html)
