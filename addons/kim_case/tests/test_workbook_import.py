# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json
import time
from datetime import date
from pathlib import Path

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools import file_open, mute_logger

from ..wizards.kim_case_import import SHEETS
from .common import KimCaseCommon
from .figures import report_figure

DEMO = "data/import/kim_arbeitsmappe_demo_500.xlsx"
TEMPLATE = "kim_case/static/xlsx/kim_arbeitsmappe_vorlage.xlsx"
MODELS = ["res.partner", "kim.case", "kim.case.member", "kim.case.contact"]


def workbook(sheets):
    """An .xlsx file of ``{sheet: [header, *rows]}``, base64 as uploaded."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return base64.b64encode(out.getvalue())


def german_importing_lead(env, user):
    """The lead moving the Kreis in: German, may create contacts (clients)."""
    manager = env.ref("base.group_partner_manager")
    user.write(
        {
            "lang": "de_DE",
            "tz": "Europe/Berlin",
            "groups_id": [Command.link(manager.id)],
        }
    )


def run_in_background(test):
    """The background job as Odoo's cron worker runs it; its progress rows go
    through a cursor of their own (in test mode: the test's connection)."""
    test.registry.enter_test_mode(test.cr)
    try:
        test.env["kim.case.import"]._cron_kim_run_queued()
    finally:
        test.registry.leave_test_mode()


def notifications(env):
    """The notifications the current transaction sends on commit."""
    values = env.cr.precommit.data.get("bus.bus.values", [])
    messages = [json.loads(value["message"]) for value in values]
    return [m["payload"] for m in messages if m["type"] == "simple_notification"]


CLIENTS = [
    ["Klienten-Schlüssel", "Name", "Geburtsdatum", "Geschlecht", "Sprachen"],
    ["K-1", "Layla Testperson", "14.03.1987", "Weiblich", "Arabisch, Deutsch"],
    ["K-2", "Omar Testperson", date(1985, 1, 2), "Männlich", "Arabisch"],
]
CASES = [
    ["Fallnummer", "Klienten-Schlüssel", "Konstellation", "Fallmanager/in"],
    ["2024/17", "K-1", "Case Management", "Test importcm"],
]
CONTACTS = [
    ["Fallnummer", "Datum", "Dauer (Stunden)", "Kontaktart", "Ergebnis"],
    ["2024/17", "03.02.2025", "1,5", "Persönlich", "Stattgefunden"],
    ["2024/17", "10.02.2025", 1, "Telefonisch", "Nicht erschienen"],
]


@freeze_time("2026-12-01 10:00:00")
class TestWorkbookImport(KimCaseCommon):
    """X-5 (issue #21): moving in from the Kreis' Excel workbook: a check
    listing every refused row in German, then all or nothing; the same file
    again creates no duplicates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        german_importing_lead(cls.env, cls.user_lead)
        cls.user_cm_import = cls._kim_user(
            "importcm", "kim_case.group_kim_case_manager", cls.org_ki
        )

    def _wizard(self, sheets, user=None):
        return (
            self.env["kim.case.import"]
            .with_user(user or self.user_lead)
            .with_context(lang="de_DE")
            .create({"file": workbook(sheets), "file_name": "umzug.xlsx"})
        )

    def _counts(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        return (
            Partner.search_count([("kim_is_client", "=", True)]),
            self.env["kim.case"].with_context(active_test=False).search_count([]),
            self.env["kim.case.contact"].search_count([]),
        )

    def test_check_then_import_then_again(self):
        """X-5: the check changes nothing; the import creates clients, the
        case with its family (the applicant) and contacts; the same workbook
        imported again updates and duplicates nothing."""
        sheets = {
            "Klienten": CLIENTS,
            "Fälle": CASES,
            "Familien": [
                ["Fallnummer", "Klienten-Schlüssel", "Rolle"],
                ["2024/17", "K-2", "Partner/in"],
            ],
            "Kontakte": CONTACTS,
        }
        before = self._counts()
        wizard = self._wizard(sheets)
        wizard.action_check()
        self.assertEqual(wizard.line_ids[:10].mapped("message"), [])
        self.assertEqual(wizard.state, "checked")
        self.assertEqual(self._counts(), before)
        wizard.action_import()
        self.assertEqual(wizard.line_ids[:10].mapped("message"), [])
        self.assertEqual(wizard.state, "done")
        case = self.env.ref("__import__.kim_case_2024_17")
        self.assertEqual(case.partner_id.name, "Layla Testperson")
        self.assertEqual(case.user_id, self.user_cm_import)
        self.assertEqual(case.type_id, self.type_cm)
        self.assertEqual(
            case.partner_id.kim_language_ids,
            self.env.ref("kim_case.lang_ar") | self.env.ref("kim_case.lang_de"),
        )
        self.assertEqual(str(case.partner_id.kim_birthdate), "1987-03-14")
        omar = self.env.ref("__import__.kim_client_k_2")
        self.assertIn(omar, case.member_ids.partner_id)
        contacts = case.contact_ids.sorted("date")
        self.assertEqual(contacts.mapped("duration"), [1.5, 1.0])
        self.assertEqual(contacts.mapped("outcome"), ["held", "no_show"])
        after = self._counts()
        self.assertEqual(after, (before[0] + 2, before[1] + 1, before[2] + 2))
        # the same file again
        again = self._wizard(sheets)
        again.action_import()
        self.assertEqual(again.line_ids[:10].mapped("message"), [])
        self.assertEqual(self._counts(), after)
        self.assertEqual(
            len(case.member_ids.filtered(lambda m: m.partner_id == omar)), 1
        )

    def test_check_lists_every_refused_row_in_german(self):
        """X-5 bad inputs: the check names sheet, row, column and reason of
        every refused row; the import then refuses all and changes nothing."""
        sheets = {
            "Klienten": [
                ["Klienten-Schlüssel", "Name", "Geburtsdatum", "Geschlecht", "Farbe"],
                ["K-1", "Layla Testperson", "31.02.1987", "Weiblich", "blau"],
                ["K-1", "Doppelt Testperson", "01.01.1990", "Weiblich", ""],
                ["K-3", "", "01.01.1990", "Weiblich", ""],
                ["K-4", "Gül Testperson", "01.01.1990", "Unbekannt", ""],
            ],
            "Fälle": [
                ["Fallnummer", "Klienten-Schlüssel", "Konstellation"],
                ["F-1", "K-99", "Case Management"],
                ["F-2", "K-4", "Gibt es nicht"],
            ],
            "Kontakte": [
                ["Fallnummer", "Datum", "Dauer (Stunden)", "Kontaktart"],
                ["F-7", "gestern", "eine", "Persönlich"],
            ],
            "Ziele": [["Fallnummer", "Lebensbereich"], ["F-1", "Wohnen"]],
        }
        before = self._counts()
        wizard = self._wizard(sheets)
        # the refused rows reach the database once (as in Odoo's own import)
        with mute_logger("odoo.sql_db"):
            wizard.action_check()
        found = {(p.sheet, p.row, p.column): p.message for p in wizard.line_ids}
        expected = {
            ("Klienten", 1, "Farbe"): "Unbekannte Spalte.",
            ("Klienten", 2, "Geburtsdatum"): "31.02.1987 ist kein Datum (TT.MM.JJJJ).",
            (
                "Klienten",
                3,
                "Klienten-Schlüssel",
            ): "Der Schlüssel K-1 kommt doppelt vor",
            ("Klienten", 4, "Name"): "Die Zelle ist leer.",
            ("Klienten", 5, "Geschlecht"): "Unbekannt",
            ("Fälle", 2, "Klienten-Schlüssel"): "K-99 steht weder in seinem Blatt",
            ("Fälle", 3, "Konstellation"): "Gibt es nicht",
            ("Kontakte", 2, "Fallnummer"): "F-7 steht weder in seinem Blatt",
            ("Kontakte", 2, "Datum"): "gestern ist kein Datum",
            ("Kontakte", 2, "Dauer (Stunden)"): "eine ist keine Zahl.",
            ("Ziele", 1, "Ziel"): "Die Spalte fehlt.",
        }
        for key, text in expected.items():
            self.assertIn(key, found, f"{key} not refused; found {found}")
            self.assertIn(text, found[key], key)
        with mute_logger("odoo.sql_db"):
            wizard.action_import()
        self.assertEqual(wizard.state, "checked")
        self.assertTrue(wizard.line_ids)
        partial = int(self._counts() != before) + int(
            bool(self.env.ref("__import__.kim_client_k_4", False))
        )
        self.assertFalse(partial)
        report_figure("bad_inputs", len(expected))
        report_figure("partial_writes", partial)

    def test_not_a_workbook_and_no_sheet(self):
        """X-5 bad inputs: a file that is no workbook, or a workbook without
        any KIM sheet, gives a clear German error."""
        wizard = (
            self.env["kim.case.import"]
            .with_user(self.user_lead)
            .with_context(lang="de_DE")
            .create({"file": base64.b64encode(b"Name;Vorname\n"), "file_name": "x.csv"})
        )
        with self.assertRaisesRegex(UserError, "Excel-Arbeitsmappe"):
            wizard.action_check()
        wizard = self._wizard({"Tabelle1": [["A"], ["1"]]})
        wizard.action_check()
        self.assertIn("keines der Blätter", wizard.line_ids.message)

    def test_import_runs_as_the_user(self):
        """X-5: only the lead (Configuration) reaches the importer; it runs
        with the importing user's rights, never more."""
        with self.assertRaises(AccessError):
            self._wizard({"Klienten": CLIENTS}, user=self.user_cm_a)
        with self.assertRaises(AccessError):
            self._wizard({"Klienten": CLIENTS}, user=self.user_steering)
        # the uploaded workbook stays with the lead who uploaded it
        wizard = self._wizard(
            {"Klienten": [["Klienten-Schlüssel", "Name", "Farbe"], ["K-1", "X", "b"]]}
        )
        wizard.action_check()
        self.assertTrue(wizard.line_ids)
        other_lead = self._kim_user("lead2", "kim_case.group_kim_lead", self.org_ki)
        with self.assertRaises(AccessError):
            wizard.with_user(other_lead).read(["file"])
        with self.assertRaises(AccessError):
            wizard.line_ids.with_user(other_lead).read(["message"])
        menu = self.env.ref("kim_case.kim_case_menu_config_import")
        visible = self.env["ir.ui.menu"].with_user(self.user_coordination)
        self.assertNotIn(menu.id, visible._visible_menu_ids())
        self.assertIn(
            menu.id,
            self.env["ir.ui.menu"].with_user(self.user_lead)._visible_menu_ids(),
        )

    def test_large_workbook_in_the_background(self):
        """X-5: a workbook over the row limit is imported by the background
        job, as the lead, all or nothing; the dialog shows its progress, the
        lead gets a notification, a second start is refused meanwhile, and
        nobody else reads the progress."""
        self.env["ir.config_parameter"].set_param(
            "kim_case.workbook_background_rows", "3"
        )
        sheets = {"Klienten": CLIENTS, "Fälle": CASES, "Kontakte": CONTACTS}
        before = self._counts()
        wizard = self._wizard(sheets)
        wizard.action_import()
        self.assertEqual(wizard.state, "queued")
        self.assertIn("5 Zeilen", wizard.summary)
        self.assertIn("im Hintergrund", wizard.summary)
        self.assertEqual(self._counts(), before)
        cron = self.env.ref("kim_case.ir_cron_kim_workbook_import")
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        )
        with self.assertRaisesRegex(UserError, "bereits im Hintergrund"):
            wizard.action_import()
        run_in_background(self)
        self.assertEqual(wizard.line_ids[:10].mapped("message"), [])
        self.assertEqual(wizard.state, "done")
        self.assertEqual(self._counts(), (before[0] + 2, before[1] + 1, before[2] + 2))
        case = self.env.ref("__import__.kim_case_2024_17")
        self.assertEqual(case.create_uid, self.user_lead)
        wizard.invalidate_recordset(["progress", "progress_rows"])
        self.assertEqual(wizard.progress, 100)
        self.assertEqual(wizard.progress_rows, "5 von 5")
        self.assertEqual(
            notifications(self.env)[-1]["message"],
            "Umzug aus Excel: Die Arbeitsmappe wurde importiert.",
        )
        Progress = self.env["kim.case.import.progress"]
        self.assertEqual(
            Progress.with_user(self.user_lead).search_count(
                [("import_id", "=", wizard.id)]
            ),
            3,  # after each sheet's batch
        )
        with self.assertRaises(AccessError):
            Progress.with_user(self.user_cm_a).search([])

    def test_large_workbook_check_refuses_in_the_background(self):
        """X-5: the background check lists the refused rows in German and
        imports nothing, like the check in the dialog."""
        self.env["ir.config_parameter"].set_param(
            "kim_case.workbook_background_rows", "1"
        )
        before = self._counts()
        wizard = self._wizard(
            {"Klienten": CLIENTS, "Fälle": CASES + [["2024/18", "K-9", "", ""]]}
        )
        wizard.action_check()
        self.assertEqual(wizard.state, "queued")
        run_in_background(self)
        self.assertEqual(wizard.state, "checked")
        self.assertTrue(wizard.line_ids)
        self.assertIn("K-9", " ".join(wizard.line_ids.mapped("message")))
        self.assertEqual(self._counts(), before)
        self.assertIn("nichts importiert", notifications(self.env)[-1]["message"])

    def test_template_offered_and_matches_importer(self):
        """X-5: the import dialogs of cases, families, contacts, goals and
        consents offer the workbook template; its sheets and columns are the
        importer's."""
        for model in (
            "kim.case",
            "kim.case.member",
            "kim.case.contact",
            "kim.case.goal",
            "kim.consent",
        ):
            templates = self.env[model].get_import_templates()
            self.assertEqual(templates[0]["template"], "/" + TEMPLATE, model)
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner.with_context(default_kim_is_client=True).get_import_templates()[0][
                "template"
            ],
            "/" + TEMPLATE,
        )
        # Odoo's own contact import keeps Odoo's template
        self.assertNotEqual(
            Partner.get_import_templates()[0]["template"], "/" + TEMPLATE
        )
        with file_open(TEMPLATE, "rb") as handle:
            book = openpyxl.load_workbook(handle, read_only=True)
            for spec in SHEETS:
                header = next(book[spec["sheet"]].iter_rows(values_only=True))
                self.assertEqual(
                    list(header), [c["header"] for c in spec["columns"]], spec["sheet"]
                )


@tagged("post_install", "-at_install")
@freeze_time("2026-12-01 10:00:00")
class TestWorkbookImportDemo(KimCaseCommon):
    """X-5: the demo workbook of 500 cases (data/import) imports completely,
    and a second time without a single duplicate."""

    def test_demo_workbook_500_cases(self):
        path = Path(get_module_path("kim_case")).parents[1] / DEMO
        if not path.is_file():
            self.skipTest("repository data/ folder not available")
        self.env["res.lang"]._activate_lang("de_DE")
        german_importing_lead(self.env, self.user_lead)
        # the workbook names the demo's people and places: found in a demo
        # database (kim_demo installed), created where they are missing

        def named(model, name, **values):
            Model = self.env[model].with_context(active_test=False)
            record = Model.search([("name", "=", name)], limit=1)
            if record:
                record.write(values)
                return record
            return Model.create({"name": name, **values})

        employers = {
            name: named("res.partner", name, is_company=True, kim_is_employer=True)
            for name in (
                "Kommunales Integrationszentrum Kreis Warendorf",
                "Stadt Ahlen",
                "Caritasverband für den Kreis Warendorf e. V.",
            )
        }
        for login, name, employer in (
            (
                "demo_ad",
                "Aylin Demir",
                "Kommunales Integrationszentrum Kreis Warendorf",
            ),
            ("demo_jw", "Jonas Wagner", "Stadt Ahlen"),
            (
                "demo_ms",
                "Maria Schulte",
                "Caritasverband für den Kreis Warendorf e. V.",
            ),
        ):
            if not self.env["res.users"].search([("name", "=", name)]):
                user = self._kim_user(
                    login, "kim_case.group_kim_case_manager", employers[employer]
                )
                user.name = name
        for district, towns in (
            ("Südkreis", ["Stadt Beckum", "Stadt Oelde"]),
            ("Ahlen", ["Stadt Ahlen"]),
            ("Nordkreis", ["Stadt Warendorf", "Gemeinde Everswinkel"]),
        ):
            record = named("kim.district", district)
            for town in towns:
                named(
                    "res.partner",
                    town,
                    is_company=True,
                    kim_is_municipality=True,
                    kim_district_id=record.id,
                )
        content = base64.b64encode(path.read_bytes())
        Wizard = (
            self.env["kim.case.import"]
            .with_user(self.user_lead)
            .with_context(lang="de_DE")
        )
        cases_before = self.env["kim.case"].search_count([])
        start = time.monotonic()
        wizard = Wizard.create({"file": content, "file_name": path.name})
        with mute_logger("odoo.addons.kim_case.wizards.kim_case_import"):
            wizard.action_import()
            # 4760 rows: over the default limit, the background job imports
            self.assertEqual(wizard.state, "queued")
            run_in_background(self)
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.progress, 100)
        problems = wizard.line_ids[:10].mapped(
            lambda p: f"{p.sheet} {p.row} {p.column}: {p.message}"
        )
        self.assertEqual(problems, [])
        self.assertEqual(self.env["kim.case"].search_count([]), cases_before + 500)
        first_run = time.monotonic() - start
        counts = {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in MODELS
        }
        again = Wizard.create({"file": content, "file_name": path.name})
        with mute_logger("odoo.addons.kim_case.wizards.kim_case_import"):
            again.action_import()
            run_in_background(self)
        self.assertEqual(again.state, "done")
        self.assertEqual(again.line_ids[:10].mapped("message"), [])
        for model, count in counts.items():
            self.assertEqual(
                self.env[model].with_context(active_test=False).search_count([]),
                count,
                model,
            )
        # a reference: how long 500 cases with their rows take
        self.assertLess(first_run, 600)
