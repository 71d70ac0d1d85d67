# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json
import zipfile
from datetime import date

from odoo.exceptions import AccessError

from .common import KimGovernanceCommon


class TestMonitoring(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 3 cases in the north (small), 7 in the south
        for index in range(10):
            cls._case(
                client=cls._client(f"Person Monitoring {index}"),
                first_contact_date=date(2015, 3, 1),
                district_id=(
                    cls.district_north if index < 3 else cls.district_south
                ).id,
            )

    def _tables(self, user):
        return (
            self.env["kim.governance.monitoring"]
            .with_user(user)
            ._kim_report_tables(2015)
        )

    def test_small_cells_suppressed(self):
        """G-7/X-2: a district with 3 cases never shows "3"; totals hide it."""
        table = self._tables(self.user_coordination)["tables"][0]
        rows = {row[0]: row for row in table["rows"]}
        self.assertEqual(rows["Testbezirk Nord"][1:3], ["< 5", "< 5"])
        self.assertEqual(rows["Testbezirk Süd"][1:3], ["7", "7"])
        self.assertEqual(table["total"][1], "≥ 7")
        for row in table["rows"] + [table["total"]]:
            self.assertNotIn("3", row[1:])
            self.assertNotIn("10", row[1:])
        # every table of the report: no cell below 5 shows its number
        tables = self._tables(self.user_coordination)["tables"]
        self.assertIn("Clients by gender", [t["title"] for t in tables])
        for other in tables:
            for row in other["rows"] + [other["total"]]:
                for cell in row[1:]:
                    self.assertNotIn(cell, ("1", "2", "3", "4"), other["title"])

    def test_steering_sees_reports_not_cases(self):
        """G-7/X-2: the steering viewer gets the German report and the XLSX,
        but no single case."""
        Wizard = self.env["kim.monitoring.wizard"].with_user(self.user_steering)
        wizard = Wizard.create({"year": 2015})
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_steering)
            ._render_qweb_html("kim_governance.action_report_monitoring", wizard.ids)[0]
            .decode()
        )
        self.assertIn("Testbezirk Nord", html)
        self.assertIn("&lt; 5", html)
        self.assertNotIn("Person Monitoring", html)
        wizard.action_export_xlsx()
        content = base64.b64decode(wizard.export_file)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn("&lt; 5", strings)
        self.assertNotIn(">3<", strings)
        wizard.action_export_state_json()
        state = json.loads(base64.b64decode(wizard.export_file))
        self.assertEqual(state["year"], 2015)
        self.assertNotIn("Person Monitoring", json.dumps(state))
        self.assertIn(
            "< 5", state["tables"][0]["rows"][0] + state["tables"][0]["rows"][1]
        )
        with self.assertRaises(AccessError):
            self.env["kim.case"].with_user(self.user_steering).search([])
        with self.assertRaises(AccessError):
            self.env["kim.governance.monitoring"].with_user(
                self.user_cm_a
            )._kim_key_figures(2015)
        with self.assertRaises(AccessError):
            self.env["kim.monitoring.wizard"].with_user(self.user_finance).create(
                {"year": 2015}
            )

    def test_integreat_directory(self):
        """G-5/X-2: the Integreat directory lists network partners with
        languages, offers, opening hours and contact, never clients."""
        self.org_jobcenter.write(
            {
                "kim_opening_hours": "Mo–Fr 8–12 Uhr",
                "kim_offer_description": "Beratung zu Bürgergeld",
                "city": "Testhausen",
            }
        )
        Wizard = self.env["kim.monitoring.wizard"].with_user(self.user_coordination)
        wizard = Wizard.create({"year": 2015})
        wizard.action_export_integreat_json()
        rows = json.loads(base64.b64decode(wizard.export_file))
        names = [row["name"] for row in rows]
        self.assertIn("Jobcenter Testkreis", names)
        self.assertNotIn("Person Monitoring 1", names)
        jobcenter = rows[names.index("Jobcenter Testkreis")]
        self.assertEqual(jobcenter["opening_hours"], "Mo–Fr 8–12 Uhr")
        wizard.action_export_integreat_csv()
        csv_text = base64.b64decode(wizard.export_file).decode("utf-8-sig")
        self.assertTrue(csv_text.startswith("name;type;street"))
        self.assertIn("Beratung zu Bürgergeld", csv_text)
