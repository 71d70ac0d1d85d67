# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #7, scenario 5 (bad input): the client and case imports (Odoo's
import dialog, base_import) refuse every bad row with a German message and
import nothing of the file."""

import csv
import io
import logging
import re

from odoo.tools import file_open, mute_logger

from .common import KimCaseCommon
from .figures import report_figure

_logger = logging.getLogger(__name__)

OPTIONS = {
    "has_headers": True,
    "separator": ";",
    "quoting": '"',
    "encoding": "utf-8",
    "date_format": "%d.%m.%Y",
}
# words of Odoo's German import and validation messages
GERMAN = re.compile(
    r"\b(nicht|kein|keine|keinen|ungültig|ungültige[nrs]?|Zeile|fehlt|fehlende[nr]?|"
    r"gefunden|Feld|Wert|Datum|Datensatz|muss|darf|für|Spalte|braucht|einen)\b",
    re.IGNORECASE,
)
HTML = "<script>alert(1)</script>"

CLIENT_CASES = [
    ("kim_birthdate", "31.02.1990"),
    ("kim_birthdate", "32.01.1990"),
    ("kim_birthdate", "00.00.0000"),
    ("kim_birthdate", "1990-13-01"),
    ("kim_birthdate", "morgen"),
    ("kim_birthdate", "14/03/1987"),
    ("kim_birthdate", HTML),
    ("kim_birthdate", "99.99.9999"),
    ("kim_birthdate", "14.03.1987x"),
    ("kim_birthdate", "1" * 300),
    ("kim_gender", "unbekannt"),
    ("kim_gender", HTML),
    ("kim_gender", "X"),
    ("kim_gender", "femalefemale"),
    ("kim_gender", "ä" * 300),
    ("kim_nationality_id/id", "base.xx"),
    ("kim_nationality_id/id", "base."),
    ("kim_nationality_id/id", HTML),
    ("kim_nationality_id/id", "base.sy.de"),
    ("kim_nationality_id/id", "x" * 500),
    ("kim_language_ids/id", "kim_case.lang_xx"),
    ("kim_language_ids/id", "kim_case.lang_ar,kim_case.lang_zz"),
    ("kim_language_ids/id", HTML),
    ("kim_interpreter_language_id/id", "kim_case.lang_zz"),
    ("kim_interpreter_language_id/id", "<b>ar</b>"),
    ("kim_residence_status_id/id", "kim_case.res_none"),
    ("kim_residence_status_id/id", "javascript:alert(1)"),
    ("kim_residence_status_id/id", "../../etc/passwd"),
    ("kim_residence_valid_until", "30.02.2027"),
    ("kim_residence_valid_until", "bald"),
    ("kim_residence_valid_until", "-1"),
    ("kim_entry_date", "12.13.2015"),
    ("kim_entry_date", "gestern"),
    ("kim_entry_date", "2015"),
    ("kim_benefit_domain_ids/id", "kim_case.legal_xx"),
    ("kim_benefit_domain_ids/id", "kim_case.legal_sgb2,,kim_case.legal_xx"),
    ("kim_benefit_domain_ids/id", "DROP TABLE res_partner"),
    ("name", ""),
    ("name", "   "),
    ("kim_birthdate", "29.02.1991"),
    ("kim_birthdate", "1.1"),
    ("kim_birthdate", "14.03.-1987"),
    ("kim_entry_date", "31.04.2020"),
    ("kim_entry_date", HTML),
    ("kim_residence_valid_until", "31.06.2027"),
    ("kim_gender", "divers?"),
    ("kim_gender", "'; --"),
    ("kim_nationality_id/id", "base.sy,base.af"),
    ("kim_interpreter_language_id/id", "base.de"),
    ("kim_residence_status_id/id", "kim_case.res_xx"),
    ("kim_benefit_domain_ids/id", "<b>"),
]
CASE_CASES = [
    ("partner_id/id", "klient_gibt_es_nicht"),
    ("partner_id/id", HTML),
    ("partner_id/id", ""),
    ("partner_id/id", "base.user_admin"),
    ("partner_id/id", "p" * 500),
    ("type_id/id", "kim_case.case_type_xx"),
    ("type_id/id", "kim_case.tg_refugees"),
    ("type_id/id", HTML),
    ("user_id", "Niemand"),
    ("user_id", HTML),
    ("user_id", "u" * 500),
    ("employer_id", "Unbekannter Träger"),
    ("employer_id", HTML),
    ("district_id", "Bezirk Atlantis"),
    ("district_id", HTML),
    ("municipality_id", "Gemeinde 99999"),
    ("municipality_id", "' OR 1=1 --"),
    ("channel", "telepathie"),
    ("channel", HTML),
    ("channel", "first_contact " * 50),
    ("first_contact_date", "31.02.2025"),
    ("first_contact_date", "heute"),
    ("first_contact_date", "05.02.25.2025"),
    ("first_contact_date", HTML),
    ("first_contact_date", "0" * 300),
    ("first_meeting_date", "99.99.2025"),
    ("first_meeting_date", "nächste Woche"),
    ("target_group_ids/id", "kim_case.tg_xx"),
    ("target_group_ids/id", "kim_case.tg_refugees,kim_case.tg_yy"),
    ("target_group_ids/id", HTML),
    ("admission_decision", "vielleicht"),
    ("admission_decision", HTML),
    ("admission_date", "32.13.2025"),
    ("admission_date", "bald"),
    ("type_id/id", ""),
    ("type_id/id", "kim_case.case_type_cm.x"),
    ("channel", "Erstkontakt?"),
    ("channel", "1"),
    ("admission_decision", "ja"),
    ("admission_decision", "1"),
    ("first_meeting_date", HTML),
    ("admission_date", HTML),
    ("district_id", "d" * 500),
    ("municipality_id", HTML),
    ("employer_id", "e" * 500),
    ("employer_id", "Wohlfahrt Test e. V."),
    ("user_id", "Test cm_b"),
    ("partner_id/id", "klient_waf_9999"),
    ("partner_id/id", "__import__.nope"),
    ("target_group_ids/id", "kim_case.tg_zz,kim_case.tg_refugees"),
]


class TestImportBadInput(KimCaseCommon):
    """X-5 / issue #7 scenario 5: bad rows in the client and case files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_importer = cls._kim_user(
            "importer_bad",
            "kim_case.group_kim_case_manager,base.group_partner_manager",
            cls.org_ki,
        )
        cls.user_importer.name = "Test importer"
        if cls.env["res.lang"]._lang_get("de_DE"):
            cls.user_importer.lang = "de_DE"
        with file_open("kim_case/tests/data/klienten_vorlage.csv", "rb") as handle:
            cls.client_csv = handle.read()
        with file_open("kim_case/tests/data/faelle_test.csv", "rb") as handle:
            cls.case_csv = handle.read()

    def _import(self, model, rows):
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
        wizard = (
            self.env["base_import.import"]
            .with_user(self.user_importer)
            .with_context(lang=self.user_importer.lang)  # as the web client sends it
            .create(
                {
                    "res_model": model,
                    "file": out.getvalue().encode(),
                    "file_name": "import.csv",
                    "file_type": "text/csv",
                }
            )
        )
        preview = wizard.parse_preview(dict(OPTIONS))
        if preview.get("error"):
            return {"ids": False, "messages": [{"message": preview["error"]}]}
        headers = preview["headers"]
        with mute_logger("odoo.sql_db"):
            return wizard.execute_import(headers, headers, dict(OPTIONS))

    def _rows(self, content):
        return list(csv.reader(io.StringIO(content.decode()), delimiter=";"))

    def _snapshot(self, model):
        self.env.invalidate_all()
        records = self.env[model].sudo().with_context(active_test=False).search([])
        return (
            len(records),
            max(records.mapped("write_date")) if records else None,
            self.env["ir.model.data"].sudo().search_count([("model", "=", model)]),
        )

    def _try(self, model, base_rows, row_index, cases):
        header = base_rows[0]
        tried, accepted, not_german, partial = 0, [], [], 0
        for column, value in cases:
            rows = [list(row) for row in base_rows]
            rows[row_index][header.index(column)] = value
            before = self._snapshot(model)
            result = self._import(model, rows)
            tried += 1
            text = " ".join(m["message"] for m in result.get("messages") or [])
            _logger.info("bad input %s %s=%r: %s", model, column, value[:30], text)
            if result.get("ids"):
                accepted.append((column, value[:30]))
            elif not GERMAN.search(text):
                not_german.append((column, value[:30], text[:200]))
            if self._snapshot(model) != before:
                partial += 1
        self.assertFalse(accepted, f"{model}: bad values accepted")
        self.assertFalse(not_german, f"{model}: message not German")
        return tried, partial

    def test_client_import_bad_rows(self):
        """X-5: 51 bad values in the client file (impossible dates, unknown
        catalogue entries, HTML, overlong values, empty names): each import is
        refused with a German message and nothing is created or changed."""
        rows = self._rows(self.client_csv)
        tried, partial = self._try("res.partner", rows, 4, CLIENT_CASES)
        self.assertGreaterEqual(tried, 50)
        self.assertEqual(partial, 0)
        report_figure("bad_inputs", tried)
        report_figure("partial_writes", partial)

    def test_case_import_bad_rows(self):
        """X-5: 50 bad values in the cases file (unknown clients, users and
        catalogues, wrong selection values and dates, HTML, empty required
        client): each import is refused with a German message and nothing is
        created or changed."""
        result = self._import("res.partner", self._rows(self.client_csv))
        self.assertTrue(result.get("ids"), result)
        rows = self._rows(self.case_csv)
        tried, partial = self._try("kim.case", rows, 2, CASE_CASES)
        self.assertGreaterEqual(tried, 50)
        self.assertEqual(partial, 0)
        report_figure("bad_inputs", tried)
        report_figure("partial_writes", partial)
