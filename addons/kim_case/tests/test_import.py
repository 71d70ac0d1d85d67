# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tools import file_open, mute_logger

from .common import KimCaseCommon

CLIENT_TEMPLATE = "kim_case/tests/data/klienten_vorlage.csv"
CASE_FILE = "kim_case/tests/data/faelle_test.csv"
OPTIONS = {
    "has_headers": True,
    "separator": ";",
    "quoting": '"',
    "encoding": "utf-8",
    "date_format": "%d.%m.%Y",
}


class TestImport(KimCaseCommon):
    """X-5: clients and cases from the counties' Excel sheets via Odoo's
    standard import (base_import), the templates of ``data/import``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a case manager who may create contacts imports their Excel list
        cls.user_importer = cls._kim_user(
            "importer",
            "kim_case.group_kim_case_manager,base.group_partner_manager",
            cls.org_ki,
        )
        with file_open(CLIENT_TEMPLATE, "rb") as handle:
            cls.client_csv = handle.read()
        with file_open(CASE_FILE, "rb") as handle:
            cls.case_csv = handle.read()

    def _import(self, model, content, user=None, dryrun=False):
        """Run the import as the real user, as the import dialog does."""
        user = user or self.user_importer
        wizard = (
            self.env["base_import.import"]
            .with_user(user)
            .create(
                {
                    "res_model": model,
                    "file": content,
                    "file_name": "import.csv",
                    "file_type": "text/csv",
                }
            )
        )
        preview = wizard.parse_preview(dict(OPTIONS))
        self.assertFalse(preview.get("error"), preview.get("error"))
        headers = preview["headers"]
        return wizard.execute_import(headers, headers, dict(OPTIONS), dryrun=dryrun)

    def _rows(self, content):
        return list(csv.reader(io.StringIO(content.decode()), delimiter=";"))

    def _csv(self, rows):
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
        return out.getvalue().encode()

    def _clients(self, names):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("name", "in", names)])
        )

    def test_headers_map_to_fields(self):
        """X-5: every column header of the templates is matched by Odoo's import
        dialog (technical field names, independent of the user's language)."""
        for model, content in (
            ("res.partner", self.client_csv),
            ("kim.case", self.case_csv),
        ):
            wizard = self.env["base_import.import"].create(
                {"res_model": model, "file": content, "file_type": "text/csv"}
            )
            preview = wizard.parse_preview(dict(OPTIONS))
            self.assertFalse(preview.get("error"))
            headers = preview["headers"]
            matches = preview["matches"]
            for index, header in enumerate(headers):
                self.assertEqual(
                    "/".join(matches.get(index) or []),
                    header,
                    f"column {header} of {model} is not mapped",
                )

    def test_repository_template_is_tested(self):
        """X-5: the documented template in data/import is the file the tests
        import (the copy in tests/data must not drift)."""
        template = Path(get_module_path("kim_case")).parents[1] / (
            "data/import/klienten_vorlage.csv"
        )
        if not template.is_file():
            self.skipTest("repository data/ folder not available")
        self.assertEqual(template.read_bytes(), self.client_csv)

    def test_import_clients_and_reimport_matches(self):
        """X-5: the client template creates its clients with all columns; the
        same file imported again (also without the id column and with other
        spelling of the names) updates them instead of duplicating."""
        rows = self._rows(self.client_csv)
        names = [row[1] for row in rows[1:]]
        result = self._import("res.partner", self.client_csv)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), len(names))
        clients = self._clients(names)
        self.assertEqual(len(clients), 5)
        layla = clients.filtered(lambda p: p.name == "Layla Sabbagh")
        self.assertTrue(layla.kim_is_client)
        self.assertEqual(str(layla.kim_birthdate), "1987-03-14")
        self.assertEqual(layla.kim_gender, "female")
        self.assertEqual(layla.kim_nationality_id, self.env.ref("base.sy"))
        self.assertEqual(
            layla.kim_language_ids,
            self.env.ref("kim_case.lang_ar") | self.env.ref("kim_case.lang_de"),
        )
        self.assertEqual(
            layla.kim_residence_status_id, self.env.ref("kim_case.res_protection")
        )
        self.assertEqual(str(layla.kim_residence_valid_until), "2027-09-30")

        # same file again: updates by external id
        result = self._import("res.partner", self.client_csv)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(self._clients(names)), 5)

        # an Excel sheet without ids and with a new phone number
        header = rows[0]
        without_id = [row[1:] for row in rows]
        without_id[1][header.index("phone") - 1] = "02382 123456"
        result = self._import("res.partner", self._csv(without_id))
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(self._clients(names)), 5)
        self.assertEqual(sorted(result["ids"]), sorted(clients.ids))
        self.assertEqual(layla.phone, "02382 123456")

    def test_import_matches_client_created_by_hand(self):
        """X-5: a client already recorded in Odoo (other external id or none) is
        matched by name and date of birth: no duplicate, the new id is bound to
        it, so the cases file can reference it."""
        Partner = self.env["res.partner"].with_user(self.user_importer)
        existing, other = Partner.create(
            [
                {
                    "name": " layla  SABBAGH",
                    "kim_is_client": True,
                    "kim_birthdate": "1987-03-14",
                },
                {
                    "name": "Layla Sabbagh",
                    "kim_is_client": True,
                    "kim_birthdate": "1987-03-15",
                },
            ]
        )
        result = self._import("res.partner", self.client_csv)
        self.assertFalse(result["messages"], result["messages"])
        self.assertIn(existing.id, result["ids"])
        self.assertNotIn(other.id, result["ids"])
        self.assertEqual(len(self._clients(["Layla Sabbagh"])), 2)
        self.assertEqual(self.env.ref("__import__.klient_waf_0001").id, existing.id)

    def test_import_cases_reference_clients(self):
        """X-5: the cases file references clients by their external id from the
        client import; catalogues by external id, the rest by name."""
        self._import("res.partner", self.client_csv)
        result = self._import("kim.case", self.case_csv)
        self.assertFalse(result["messages"], result["messages"])
        cases = self.env["kim.case"].browse(result["ids"])
        self.assertEqual(len(cases), 2)
        first = cases.filtered(
            lambda c: c.partner_id == self.env.ref("__import__.klient_waf_0001")
        )
        self.assertEqual(first.type_id, self.type_cm)
        self.assertEqual(first.user_id, self.user_importer)
        self.assertEqual(first.district_id, self.district_north)
        self.assertEqual(first.municipality_id, self.municipality)
        self.assertEqual(first.admission_decision, "admitted")
        self.assertEqual(first.waiting_days, 7)
        self.assertEqual(first.stage_id, self.stage_intake)

    def test_bad_row_imports_nothing(self):
        """X-5: one bad row (unknown gender, invalid date, unknown nationality,
        unknown client of a case) gives a clear message naming the row or the
        column, and nothing of the file is imported, not even the good rows or
        the matches with existing clients."""
        rows = self._rows(self.client_csv)
        header = rows[0]
        existing = (
            self.env["res.partner"]
            .with_user(self.user_importer)
            .create(
                {
                    "name": "Tetiana Hrytsenko",
                    "kim_is_client": True,
                    "kim_birthdate": "1990-11-21",
                }
            )
        )
        bad_values = {
            "kim_gender": ("unbekannt", "unbekannt"),
            "kim_birthdate": ("31.02.1990", "kim_birthdate"),
            "kim_nationality_id/id": ("base.xx", "base.xx"),
        }
        names = [row[1] for row in rows[1:]]
        for column, (value, expected) in bad_values.items():
            with self.subTest(column=column):
                bad = [list(row) for row in rows]
                bad[4][header.index(column)] = value
                result = self._import("res.partner", self._csv(bad))
                errors = [m for m in result["messages"] if m["type"] == "error"]
                self.assertTrue(errors, f"{column}: no error message")
                self.assertFalse(result.get("ids"))
                text = " ".join(
                    f"{m['message']} {m.get('field', '')} {m.get('rows', '')}"
                    for m in errors
                )
                self.assertIn(expected, text)
                if column != "kim_birthdate":
                    # load() names the row (0-based data row 3 = 4th client)
                    self.assertEqual(errors[0]["rows"]["from"], 3)
                self.assertEqual(self._clients(names), existing)
                self.assertFalse(
                    self.env["ir.model.data"].search(
                        [("model", "=", "res.partner"), ("res_id", "=", existing.id)]
                    )
                )

        self._import("res.partner", self.client_csv)
        case_rows = self._rows(self.case_csv)
        case_rows[2][0] = "klient_gibt_es_nicht"
        cases_before = self.env["kim.case"].search_count([])
        with mute_logger("odoo.sql_db"):
            result = self._import("kim.case", self._csv(case_rows))
        self.assertTrue([m for m in result["messages"] if m["type"] == "error"])
        self.assertIn("klient_gibt_es_nicht", result["messages"][0]["message"])
        self.assertEqual(self.env["kim.case"].search_count([]), cases_before)
