# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #7, scenario 5 (bad input): the AZR count import of the
distribution key refuses every bad file with a German message and changes
nothing; issue #15 item 4: forwarding contracts and instalments refuse
amounts that are not positive and contracts that end before they start, on
every channel (form and RPC create/write, import)."""

import base64
from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.kim_case.tests.figures import report_figure

from .common import YEAR, KimFundingCommon

HEADER = "ags;gemeinde;anzahl\n"
VALID = HEADER + "05570004;Ahlen;9120\n05570008;Beckum;4310\n"

BAD_COUNTS = [
    "-5",
    "-0",
    "+5",
    "3.5",
    "3,5",
    "1.000",
    "1e3",
    "0x1F",
    "",
    " ",
    "zehn",
    "²",
    "٣",
    "½",
    "NaN",
    "inf",
    "9" * 30,
    "5000001",
    "<script>alert(1)</script>",
    "=1+1",
    "5 5",
    "'5",
    "5€",
    "31.03.2031",
    "<b>12</b>",
]
BAD_AGS = [
    "99999999",
    "",
    "0557000",
    "055700040",
    "05570004 x",
    "<b>05570004</b>",
    "'; DROP TABLE res_partner; --",
    "A" * 5000,
    "05570004",  # twice in the file
    "05999999",  # a partner with an AGS that is no municipality
    "０５５７０００４",  # full-width digits
]
BAD_ROWS = [
    "05570052;Warendorf",
    "05570052",
    '"05570052;Warendorf;3470',
    "05570052,Warendorf,3470",
    "05570052\tWarendorf\t3470",
]
BAD_FILES = [
    ("latin-1", (HEADER + "05570004;Münster;9120\n").encode("latin-1")),
    ("utf-16", VALID.encode("utf-16")),
    ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00"),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20),
    ("nul", (VALID + "05570052;War\x00endorf;3470\n").encode()),
    ("empty", b""),
    ("header only", HEADER.encode()),
    ("blank lines", b"\n\n  \n;;\n"),
    ("html", b"<html><body><script>alert(1)</script></body></html>"),
]


@tagged("post_install", "-at_install")
class TestAzrBadInput(KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        for ags, name in (
            ("05570004", "Stadt Ahlen"),
            ("05570008", "Stadt Beckum"),
            ("05570052", "Stadt Warendorf"),
        ):
            muni = Partner.search([("kim_ags", "=", ags)], limit=1) or Partner.create(
                {"name": name, "is_company": True, "kim_ags": ags}
            )
            muni.kim_is_municipality = True
        other = Partner.search([("kim_ags", "=", "05999999")], limit=1)
        (other or Partner.create({"name": "Kein Ort", "kim_ags": "05999999"})).write(
            {"kim_is_municipality": False}
        )
        cls.key = cls.env["kim.distribution.key"].create(
            {
                "year": YEAR,
                "reference_date": date(YEAR, 3, 31),
                "total_fte": 13.0,
                "rounding_step": 0.01,
            }
        )

    def _snapshot(self):
        self.env.invalidate_all()
        Line = self.env["kim.distribution.key.line"].sudo()
        return (
            Line.search_count([]),
            sorted(
                (line.municipality_id.id, line.foreign_residents, line.share_fte)
                for line in self.key.line_ids
            ),
        )

    def _cases(self):
        for count in BAD_COUNTS:
            yield f"count {count[:15]!r}", (VALID + f"05570052;Warendorf;{count}\n")
        for ags in BAD_AGS:
            yield f"ags {ags[:15]!r}", (VALID + f"{ags};Warendorf;3470\n")
        for row in BAD_ROWS:
            yield f"row {row[:15]!r}", (VALID + row + "\n")
        yield from BAD_FILES

    def test_azr_bad_inputs(self):
        """C-15/X-5: 50 bad AZR files (non-numbers, negative, overlong, HTML,
        unknown or duplicate AGS, wrong encodings, binaries, empty files): each
        is refused with a German message; the key's lines stay as they were."""
        key = self.key.with_user(self.user_lead).with_context(lang="de_DE")
        key._kim_import_azr_csv(VALID.encode())
        before = self._snapshot()
        self.assertEqual(len(before[1]), 2)
        tried = partial_writes = 0
        for label, content in self._cases():
            raw = content if isinstance(content, bytes) else content.encode()
            tried += 1
            with self.subTest(case=label):
                with self.assertRaises(UserError) as err:
                    if tried % 2:
                        key._kim_import_azr_csv(raw)
                    else:  # the upload on the form
                        key.import_file = base64.b64encode(raw)
                        key.action_import()
                message = str(err.exception)
                self.assertRegex(message, r"^Die AZR-Datei (wurde nicht|enthält)")
                self.assertLess(len(message), 500)
                if self._snapshot() != before:
                    partial_writes += 1
        self.assertGreaterEqual(tried, 50)
        self.assertEqual(partial_writes, 0)
        report_figure("bad_inputs", tried)
        report_figure("partial_writes", partial_writes)


# amounts a forwarding contract or instalment must refuse (F-7, F-10): negative,
# zero, minus zero and a fraction of a cent that the currency rounds to 0.00 €
BAD_AMOUNTS = [-100000.0, -0.01, 0.0, -0.0, 0.004]
# (date_start, date_end) of a contract that ends before it starts
BAD_PERIODS = [
    (date(YEAR, 12, 31), date(YEAR, 1, 1)),
    (date(YEAR, 1, 2), date(YEAR, 1, 1)),
    (date(YEAR + 1, 1, 1), date(YEAR, 12, 31)),
]
# what the import (load) refuses with Odoo's own float conversion error
BAD_IMPORT_AMOUNTS = ["nan", "inf", "-inf", "1e400"]
MSG_CONTRACT_AMOUNT = r"^Der Vertragsbetrag muss positiv sein\.$"
MSG_PERIOD = r"^Ein Vertrag kann nicht enden, bevor er beginnt\.$"
MSG_INSTALMENT_AMOUNT = r"^Der Betrag der Rate muss positiv sein\.$"


@tagged("post_install", "-at_install")
class TestForwardingBadInput(KimFundingCommon):
    """Issue #15 item 4: finance staff and the KIM lead cannot save a
    forwarding contract with an amount <= 0 or an end before its start, nor
    an instalment with an amount <= 0 (F-7, F-10)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls._contract(name="WV Eingabeprüfung Entwurf")
        cls.active = cls._active_contract(name="WV Eingabeprüfung aktiv")
        cls.planned = cls.active.instalment_ids[-1]
        cls.roles = (cls.user_finance, cls.user_lead)

    def _snapshot(self):
        """Contracts and instalments as stored in the database (pending
        writes are flushed first, so a half-written record shows)."""
        self.env.invalidate_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT id, amount, date_start, date_end, state "
                "FROM kim_forwarding_contract ORDER BY id"
            )
        )
        contracts = cr.fetchall()
        cr.execute(
            SQL(
                "SELECT id, contract_id, sequence, amount, due_date "
                "FROM kim_forwarding_instalment ORDER BY id"
            )
        )
        return contracts, cr.fetchall()

    def _contract_vals(self, **values):
        return {
            "name": "WV Eingabeprüfung neu",
            "grant_id": self.grant_b2.id,
            "recipient_id": self.org_city.id,
            "recipient_type": "municipality",
            "date_start": date(YEAR, 1, 1),
            "date_end": date(YEAR, 12, 31),
            "fte": 1.0,
            "amount": 50000.0,
            "instalment_count": "4",
        } | values

    def _load_contract(self, user, amount="50000", start=None, end=None):
        start = start or date(YEAR, 1, 1)
        end = end or date(YEAR, 12, 31)
        return (
            self.env["kim.forwarding.contract"]
            .with_user(user)
            .with_context(lang="de_DE")
            .load(
                [
                    "name",
                    "grant_id/.id",
                    "recipient_id/.id",
                    "recipient_type",
                    "date_start",
                    "date_end",
                    "amount",
                    "instalment_count",
                ],
                [
                    [
                        "WV Import",
                        str(self.grant_b2.id),
                        str(self.org_city.id),
                        "municipality",
                        start.isoformat(),
                        end.isoformat(),
                        amount,
                        "4",
                    ]
                ],
            )
        )

    def _load_instalment(self, user, amount, contract=None):
        return (
            self.env["kim.forwarding.instalment"]
            .with_user(user)
            .with_context(lang="de_DE")
            .load(
                ["contract_id/.id", "sequence", "due_date", "amount"],
                [[str((contract or self.active).id), "5", f"{YEAR}-12-01", amount]],
            )
        )

    def _orm_cases(self, user):
        """(label, action, message) of every refused create and write of
        ``user`` through the ORM, as the form and RPC call it."""
        env = self.env(user=user, context=dict(self.env.context, lang="de_DE"))
        Contract = env["kim.forwarding.contract"]
        Instalment = env["kim.forwarding.instalment"]
        draft = self.draft.with_env(env)
        active = self.active.with_env(env)
        planned = self.planned.with_env(env)
        for amount in BAD_AMOUNTS:
            yield (
                f"contract create amount {amount}",
                lambda a=amount: Contract.create(self._contract_vals(amount=a)),
                MSG_CONTRACT_AMOUNT,
            )
            yield (
                f"contract write amount {amount}",
                lambda a=amount: draft.write({"amount": a}),
                MSG_CONTRACT_AMOUNT,
            )
            yield (
                f"instalment create amount {amount}",
                lambda a=amount: Instalment.create(
                    {
                        "contract_id": self.active.id,
                        "sequence": 5,
                        "due_date": date(YEAR, 12, 1),
                        "amount": a,
                    }
                ),
                MSG_INSTALMENT_AMOUNT,
            )
            yield (
                f"instalment write amount {amount}",
                lambda a=amount: planned.write({"amount": a}),
                MSG_INSTALMENT_AMOUNT,
            )
        for start, end in BAD_PERIODS:
            yield (
                f"contract create {start}..{end}",
                lambda s=start, e=end: Contract.create(
                    self._contract_vals(date_start=s, date_end=e)
                ),
                MSG_PERIOD,
            )
            yield (
                f"contract write {start}..{end}",
                lambda s=start, e=end: draft.write({"date_start": s, "date_end": e}),
                MSG_PERIOD,
            )
        yield (
            "contract write end before start",
            lambda: draft.write({"date_end": date(YEAR - 1, 12, 31)}),
            MSG_PERIOD,
        )
        yield (
            "contract write start after end",
            lambda: draft.write({"date_start": date(YEAR + 1, 1, 1)}),
            MSG_PERIOD,
        )
        yield (
            "signed contract write end before start",
            lambda: active.write({"date_end": date(YEAR - 1, 12, 31)}),
            MSG_PERIOD,
        )

    def _import_cases(self, user):
        """(label, load call, message) of every refused import of ``user``;
        ``None``: Odoo's own conversion error (not a number)."""
        for amount in BAD_AMOUNTS:
            yield (
                f"contract import amount {amount}",
                lambda a=amount: self._load_contract(user, amount=str(a)),
                MSG_CONTRACT_AMOUNT,
            )
            yield (
                f"instalment import amount {amount}",
                lambda a=amount: self._load_instalment(user, str(a)),
                MSG_INSTALMENT_AMOUNT,
            )
        for start, end in BAD_PERIODS:
            yield (
                f"contract import {start}..{end}",
                lambda s=start, e=end: self._load_contract(user, start=s, end=e),
                MSG_PERIOD,
            )
        for amount in BAD_IMPORT_AMOUNTS:
            yield (
                f"contract import amount {amount}",
                lambda a=amount: self._load_contract(user, amount=a),
                None,
            )
            yield (
                f"instalment import amount {amount}",
                lambda a=amount: self._load_instalment(user, a),
                None,
            )

    def test_valid_input_saved(self):
        """F-7/F-10: the boundaries stay allowed for both roles: a contract of
        one cent or of one day, an instalment of one cent, by create, write
        and import."""
        for user in self.roles:
            with self.subTest(user=user.login), self.env.cr.savepoint() as sp:
                contract = (
                    self.env["kim.forwarding.contract"]
                    .with_user(user)
                    .create(
                        self._contract_vals(
                            amount=0.01,
                            date_start=date(YEAR, 6, 1),
                            date_end=date(YEAR, 6, 1),
                        )
                    )
                )
                self.assertEqual(contract.amount, 0.01)
                self.draft.with_user(user).write(
                    {"amount": 0.01, "date_end": self.draft.date_start}
                )
                # F-10: an active contract's instalments are re-split
                # together, through the contract, so they keep its amount
                first = self.active.instalment_ids[0]
                self.active.with_user(user).write(
                    {
                        "instalment_ids": [
                            Command.update(self.planned.id, {"amount": 0.01}),
                            Command.update(
                                first.id,
                                {"amount": first.amount + self.planned.amount - 0.01},
                            ),
                        ]
                    }
                )
                self.assertEqual(self.planned.amount, 0.01)
                result = self._load_contract(user, amount="0.01")
                self.assertTrue(result["ids"], result["messages"])
                result = self._load_instalment(user, "0.01", contract=self.draft)
                self.assertTrue(result["ids"], result["messages"])
                sp.rollback()

    def test_forwarding_bad_inputs(self):
        """F-7/F-10 (issue #15 item 4, X-5): amounts <= 0 (negative, zero,
        minus zero, a fraction of a cent) and contracts ending before they
        start, tried by finance staff and the KIM lead through create, write
        and import (load): each is refused with a German message, and neither
        contract nor instalment changes."""
        before = self._snapshot()
        tried = partial_writes = 0
        for user in self.roles:
            for label, action, message in self._orm_cases(user):
                tried += 1
                with self.subTest(user=user.login, case=label):
                    # the request's transaction is rolled back on the error
                    with self.assertRaises(ValidationError) as err:
                        with self.env.cr.savepoint():
                            action()
                    self.assertRegex(str(err.exception), message)
                    if self._snapshot() != before:
                        partial_writes += 1
            for label, load, message in self._import_cases(user):
                tried += 1
                with self.subTest(user=user.login, case=label):
                    result = load()  # no savepoint of ours: load() must undo
                    self.assertFalse(result["ids"], label)
                    texts = [m["message"] for m in result["messages"]]
                    self.assertTrue(texts, label)
                    if message:
                        self.assertRegex(texts[0], message)
                    if self._snapshot() != before:
                        partial_writes += 1
        self.assertGreaterEqual(tried, 100)
        self.assertEqual(partial_writes, 0)
        report_figure("bad_inputs", tried)
        report_figure("partial_writes", partial_writes)
