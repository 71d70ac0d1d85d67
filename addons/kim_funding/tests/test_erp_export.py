# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""F-5/F-7 (issue #19): payment runs for the municipal ERP: one row per
instalment with the Kreis' booking keys, in a CSV whose columns and
separators are data; a re-export gives the same bytes; an exported instalment
neither changes nor goes out twice."""

import base64
import csv
import io
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import YEAR, KimFundingCommon


@tagged("post_install", "-at_install")
class TestErpExport(KimFundingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.org_city.ref = "K-70012"
        Key = cls.env["kim.booking.key"]
        cls.key_old = Key.create(
            {
                "category": "flat_rate",
                "baustein": "2",
                "product": "31.50.01",
                "cost_centre": "5010",
                "gl_account": "531800",
                "valid_from": date(YEAR - 1, 1, 1),
                "valid_to": date(YEAR, 6, 30),
            }
        )
        cls.key_new = Key.create(
            {
                "category": "flat_rate",
                "baustein": "2",
                "product": "31.50.02",
                "cost_centre": "5010",
                "gl_account": "531810",
                "valid_from": date(YEAR, 7, 1),
            }
        )
        cls.contract = cls._active_contract()
        cls.format = cls.env.ref("kim_funding.erp_export_format_generic")

    def _run(self, until, **values):
        # the run of the test's grant: other contracts of the database (the
        # demo Kreis') are not part of the test
        return (
            self.env["kim.erp.export"]
            .with_user(self.user_finance)
            .create({"date_until": until, "grant_id": self.grant_b2.id} | values)
        )

    @staticmethod
    def _rows(run, delimiter=";", encoding="utf-8-sig"):
        text = base64.b64decode(run.file).decode(encoding)
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))

    def test_generic_format_rows(self):
        """One row per due instalment in the generic format: booking keys
        valid on the due date, budget year of the due date, the recipient's
        creditor number, a cash reference, decimal comma and German dates."""
        run = self._run(date(YEAR, 12, 31))
        run.action_collect()
        self.assertEqual(run.line_count, 4)
        action = run.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(run.state, "exported")
        self.assertEqual(run.exported_by_id, self.user_finance)
        rows = self._rows(run)
        self.assertEqual(
            rows[0],
            [
                "Buchungsart",
                "Kassenzeichen",
                "Kreditor",
                "Empfänger",
                "IBAN",
                "Haushaltsjahr",
                "Produkt",
                "Kostenstelle",
                "Sachkonto",
                "Fälligkeit",
                "Betrag",
                "Verwendungszweck",
            ],
        )
        body = rows[1:]
        self.assertEqual(len(body), 4)
        instalments = self.contract.instalment_ids.sorted("sequence")
        for row, inst in zip(body, instalments, strict=True):
            self.assertEqual(row[0], "Auszahlung")
            self.assertTrue(inst.cash_reference)
            self.assertEqual(row[1], inst.cash_reference)
            self.assertEqual(row[2], "K-70012")
            self.assertEqual(row[5], str(YEAR))
            self.assertEqual(row[9], inst.due_date.strftime("%d.%m.%Y"))
            self.assertEqual(row[10], f"{inst.amount:.2f}".replace(".", ","))
            key = self.key_old if inst.due_date <= date(YEAR, 6, 30) else self.key_new
            self.assertEqual(row[6:9], [key.product, key.cost_centre, key.gl_account])
        self.assertEqual(len({row[1] for row in body}), 4)
        self.assertEqual(run.amount_total, self.contract.amount)

    def test_reexport_identical(self):
        """A re-export gives the same bytes, even after the booking keys and
        the format changed; the cash references stay."""
        run = self._run(date(YEAR, 3, 31))
        run.action_export()
        first = base64.b64decode(run.file)
        references = run.line_ids.instalment_id.mapped("cash_reference")
        self.key_old.with_user(self.user_finance).gl_account = "999999"
        self.assertEqual(run._kim_render(), first)
        run.action_export()
        self.assertEqual(base64.b64decode(run.file), first)
        self.assertEqual(
            run.line_ids.instalment_id.mapped("cash_reference"), references
        )

    def test_exported_instalment_frozen(self):
        """An exported instalment cannot change or be deleted, an amendment
        that would re-split it is refused, and no later run takes it again."""
        run = self._run(date(YEAR, 3, 31))
        run.action_export()
        inst = run.line_ids.instalment_id
        self.assertEqual(len(inst), 1)
        as_finance = inst.with_user(self.user_finance)
        with self.assertRaisesRegex(UserError, run.name):
            as_finance.amount = 20000.0
        with self.assertRaisesRegex(UserError, run.name):
            as_finance.due_date = date(YEAR, 2, 1)
        with self.assertRaises(UserError):
            inst.unlink()
        as_finance.amount = inst.amount  # the same value is no change
        # billed in Odoo, paid by the treasury from the ERP: never also here
        as_finance.action_bill()
        with self.assertRaisesRegex(UserError, run.name):
            as_finance.action_pay()
        with self.assertRaises(UserError):
            run.line_ids.with_user(self.user_finance).amount = 1.0
        with self.assertRaises(UserError):
            run.with_user(self.user_finance).unlink()
        later = self._run(date(YEAR, 12, 31))
        later.action_collect()
        self.assertNotIn(inst, later.line_ids.instalment_id)
        self.assertEqual(later.line_count, 3)

    def test_second_run_refused(self):
        """The same instalment forced into a second run: the export is
        refused and changes nothing."""
        run = self._run(date(YEAR, 3, 31))
        run.action_export()
        inst = run.line_ids.instalment_id
        other = self._run(date(YEAR, 3, 31))
        other.line_ids = [Command.create({"instalment_id": inst.id})]
        with self.assertRaisesRegex(UserError, run.name):
            other.action_export()
        self.assertEqual(other.state, "draft")
        self.assertFalse(other.file)

    def test_export_values_not_forged(self):
        """X-1: the values the export fixes (exported flag, booking values,
        file, cash reference, state) cannot be set by a form, an import or
        an RPC call, not even by finance."""
        run = self._run(date(YEAR, 3, 31))
        run.action_collect()
        line = run.line_ids.with_user(self.user_finance)
        inst = line.instalment_id
        forged = (
            (line, {"exported": True}),
            (line, {"gl_account": "999999"}),
            (run, {"state": "exported"}),
            (run, {"file": base64.b64encode(b"gefaelscht")}),
            (inst, {"cash_reference": "KIM-GEFAELSCHT"}),
        )
        for record, vals in forged:
            with self.assertRaises(UserError):
                record.with_user(self.user_finance).write(vals)
        with self.assertRaises(UserError):
            self.env["kim.erp.export.line"].with_user(self.user_finance).create(
                {"export_id": run.id, "instalment_id": inst.id, "exported": True}
            )
        with self.assertRaises(UserError):
            self.env["kim.erp.export"].with_user(self.user_finance).create(
                {"date_until": date(YEAR, 3, 31), "state": "exported"}
            )
        self.assertEqual(run.state, "draft")
        self.assertFalse(line.exported)
        self.assertFalse(inst.cash_reference)

    def test_bad_data_refused_nothing_changed(self):
        """Missing creditor number and missing booking key: a German error
        naming each problem; no cash reference given, no file, still draft."""
        self.org_city.ref = False
        keys = self.key_old | self.key_new
        self.env["kim.booking.key"].search([("id", "not in", keys.ids)]).active = False
        self.key_old.valid_to = date(YEAR, 1, 31)
        self.key_new.valid_from = date(YEAR, 7, 1)
        run = self._run(date(YEAR, 6, 30))
        run.action_collect()
        with self.assertRaises(UserError) as caught:
            run.with_context(lang="de_DE").action_export()
        message = str(caught.exception)
        self.assertIn("Kreditorennummer", message)
        self.assertIn("Buchungsschlüssel", message)
        self.assertEqual(run.state, "draft")
        self.assertFalse(run.file)
        self.assertFalse(any(run.line_ids.instalment_id.mapped("cash_reference")))

    def test_own_format(self):
        """A Kreis' own mapping: tab, decimal point, ISO dates, a fixed
        column, no header, Windows-1252."""
        fmt = self.env["kim.erp.export.format"].create(
            {
                "name": "Infoma Testimport",
                "separator": "tab",
                "decimal_separator": ".",
                "date_format": "%Y-%m-%d",
                "encoding": "cp1252",
                "header": False,
                "column_ids": [
                    Command.create(
                        {"header": "BK", "source": "constant", "constant": "KR"}
                    ),
                    Command.create(
                        {"header": "Betrag", "source": "amount", "sequence": 20}
                    ),
                    Command.create(
                        {"header": "Datum", "source": "due_date", "sequence": 30}
                    ),
                    Command.create(
                        {"header": "Name", "source": "recipient_name", "sequence": 40}
                    ),
                ],
            }
        )
        self.org_city.name = "Stadt Müllheim"
        run = self._run(date(YEAR, 3, 31), format_id=fmt.id)
        run.action_export()
        rows = self._rows(run, delimiter="\t", encoding="cp1252")
        inst = run.line_ids.instalment_id
        self.assertEqual(
            rows,
            [["KR", f"{inst.amount:.2f}", inst.due_date.isoformat(), "Stadt Müllheim"]],
        )

    def test_booking_keys_do_not_overlap(self):
        """Two keys for the same category and Baustein on one day are refused;
        a Baustein's own key goes before the general one."""
        Key = self.env["kim.booking.key"].with_user(self.user_finance)
        with self.assertRaises(ValidationError):
            Key.create(
                {
                    "category": "flat_rate",
                    "baustein": "2",
                    "product": "31.50.03",
                    "gl_account": "531820",
                    "valid_from": date(YEAR, 12, 1),
                }
            )
        with self.assertRaises(ValidationError):
            Key.create(
                {
                    "category": "flat_rate",
                    "baustein": "2",
                    "product": "31.50.03",
                    "gl_account": "531820",
                    "valid_from": date(YEAR + 5, 12, 1),
                    "valid_to": date(YEAR + 5, 11, 30),
                }
            )
        general, own = Key.create(
            [
                {
                    "category": "implementation",
                    "product": "31.50.40",
                    "gl_account": "531840",
                    "valid_from": date(YEAR + 1, 1, 1),
                },
                {
                    "category": "implementation",
                    "baustein": "3",
                    "product": "31.50.43",
                    "gl_account": "531843",
                    "valid_from": date(YEAR + 1, 1, 1),
                },
            ]
        )
        day = date(YEAR + 1, 3, 1)
        find = self.env["kim.booking.key"]._kim_key_for
        self.assertEqual(find(self.env.company, "3", "implementation", day), own)
        self.assertEqual(find(self.env.company, "2", "implementation", day), general)
        self.assertFalse(
            find(self.env.company, "2", "implementation", date(YEAR, 3, 1))
        )

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_case_manager_refused(self):
        """X-1: a case manager neither sees nor makes payment runs."""
        with self.assertRaises(AccessError):
            self.env["kim.erp.export"].with_user(self.user_cm_a).create(
                {"date_until": date(YEAR, 3, 31)}
            )
        with self.assertRaises(AccessError):
            self.env["kim.booking.key"].with_user(self.user_cm_a).search([])
