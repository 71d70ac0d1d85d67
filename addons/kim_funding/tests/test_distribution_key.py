# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.kim_distribution_key import largest_remainder
from .common import YEAR, KimFundingCommon

SAMPLE = (
    Path(__file__).parents[3] / "data" / "funding" / "azr_auslaender_31_03_sample.csv"
)


@tagged("post_install", "-at_install")
class TestDistributionKey(KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rows = [
            line.split(";")
            for line in SAMPLE.read_text(encoding="utf-8").splitlines()[1:]
        ]
        # the AGS are unique: reuse municipalities that already exist (demo)
        Partner = cls.env["res.partner"]
        existing = {
            p.kim_ags: p
            for p in Partner.search([("kim_ags", "in", [r[0] for r in rows])])
        }
        cls.munis = Partner.browse(
            [
                (
                    existing.get(ags)
                    or Partner.create(
                        {"name": name, "is_company": True, "kim_ags": ags}
                    )
                ).id
                for ags, name, _count in rows
            ]
        )
        cls.munis.write({"kim_is_municipality": True})
        cls.key = cls.env["kim.distribution.key"].create(
            {
                "year": YEAR,
                "reference_date": date(YEAR, 3, 31),
                "total_fte": 13.0,
                "rounding_step": 0.01,
            }
        )

    def test_largest_remainder_sums_exactly(self):
        """C-15: shares by the largest-remainder method sum exactly to the
        total, also with a coarse rounding step."""
        for total, step in ((13.0, 0.01), (13.0, 0.5), (7.0, 0.1), (1.0, 0.01)):
            shares = largest_remainder({"a": 1, "b": 1, "c": 1}, total, step)
            self.assertAlmostEqual(sum(shares.values()), total, places=6)
            for value in shares.values():
                self.assertAlmostEqual(value / step, round(value / step), places=6)
        self.assertEqual(
            largest_remainder({"a": 1, "b": 1, "c": 1}, 1.0, 0.01),
            {"a": 0.34, "b": 0.33, "c": 0.33},
        )

    def test_import_sample_and_keep_years(self):
        """C-15: the AZR sample at 31.03 is imported, the key computed per
        municipality and summing exactly to the Kreis' Baustein 2 FTE; every
        year keeps its key; differing contracts are proposed for amendment."""
        self.key._kim_import_azr_csv(SAMPLE.read_bytes())
        self.assertEqual(len(self.key.line_ids), 6)
        self.assertAlmostEqual(
            sum(self.key.line_ids.mapped("share_fte")), 13.0, places=6
        )
        ahlen = self.key.line_ids.filtered(lambda ln: ln.ags == "05570004")
        self.assertEqual(ahlen.foreign_residents, 9120)
        self.assertAlmostEqual(ahlen.share_fte, 5.23, places=2)
        older = self.key.copy({"year": YEAR - 1})
        self.assertTrue(older.exists() and self.key.exists())
        contract = self._active_contract(recipient=self.munis[0], fte=3.0)
        proposals = self.key._kim_proposed_amendments()
        self.assertEqual([(c, old) for c, old, _new in proposals], [(contract, 3.0)])

    def test_bad_rows_reported_nothing_imported(self):
        """C-15: bad rows are all reported; nothing is half-imported."""
        content = (
            "ags;gemeinde;anzahl\n05570004;Ahlen;9120\n99999999;Nirgendwo;5\n"
            "05570008;Beckum;viele\n05570004;Ahlen;1\n"
        )
        with self.assertRaises(UserError) as err:
            self.key._kim_import_azr_csv(content.encode())
        message = str(err.exception)
        for row in ("row 3", "row 4", "row 5"):
            self.assertIn(row, message)
        self.assertFalse(self.key.line_ids)

    def test_import_from_form_upload(self):
        """C-15: the lead uploads the AZR file on the key's form."""
        key = self.key.with_user(self.user_lead)
        key.import_file = base64.b64encode(SAMPLE.read_bytes())
        key.action_import()
        self.assertEqual(len(key.line_ids), 6)
        self.assertFalse(key.import_file)
