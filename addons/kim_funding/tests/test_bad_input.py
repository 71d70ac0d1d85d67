# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #7, scenario 5 (bad input): the AZR count import of the
distribution key refuses every bad file with a German message and changes
nothing."""

import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

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
