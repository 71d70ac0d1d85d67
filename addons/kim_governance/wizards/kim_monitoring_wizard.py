# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields, models

from odoo.addons.kim_case.tools import kim_form_action, kim_today


class KimMonitoringWizard(models.TransientModel):
    _name = "kim.monitoring.wizard"
    _description = "KIM Yearly Report"

    year = fields.Integer(required=True, default=lambda self: kim_today(self).year - 1)
    export_file = fields.Binary(readonly=True, attachment=False)
    export_name = fields.Char()

    def _kim_tables(self):
        self.ensure_one()
        return self.env["kim.governance.monitoring"]._kim_report_tables(self.year)

    def action_print_pdf(self):
        return self.env.ref("kim_governance.action_report_monitoring").report_action(
            self
        )

    def _kim_offer_file(self, content, name, report_key=None, title=None):
        """Offer ``content`` for download; a statistics export (``report_key``)
        is also stored once in the log of report runs (X-2)."""
        if report_key:
            self.env["kim.report.run"]._kim_store(
                report_key, title, self.year, name, content
            )
        self.write({"export_file": base64.b64encode(content), "export_name": name})
        return kim_form_action(self, target="new")

    def action_export_xlsx(self):
        """G-7: the key figures as XLSX for the state controlling."""
        self.ensure_one()
        content = self.env["kim.governance.monitoring"]._kim_monitoring_xlsx(self.year)
        return self._kim_offer_file(
            content,
            f"kim_kennzahlen_{self.year}.xlsx",
            "kim_governance.monitoring_xlsx",
            self.env._("KIM key figures (XLSX)"),
        )

    def action_export_state_json(self):
        """G-7/X-2: anonymised aggregate export for the state database (format
        in readme/DESCRIPTION.md)."""
        self.ensure_one()
        content = self.env["kim.governance.monitoring"]._kim_state_json(self.year)
        return self._kim_offer_file(
            content,
            f"kim_landesdatenbank_{self.year}.json",
            "kim_governance.state_json",
            self.env._("State database export (JSON)"),
        )

    def action_export_integreat_json(self):
        """Partner/offer directory for the Integreat CMS (JSON)."""
        self.ensure_one()
        self.env["kim.governance.monitoring"]._kim_check_report_access()
        content = self.env["res.partner"]._kim_integreat_json()
        return self._kim_offer_file(content, "kim_integreat_verzeichnis.json")

    def action_export_integreat_csv(self):
        """Partner/offer directory for the Integreat CMS (CSV, ';', UTF-8)."""
        self.ensure_one()
        self.env["kim.governance.monitoring"]._kim_check_report_access()
        content = self.env["res.partner"]._kim_integreat_csv()
        return self._kim_offer_file(content, "kim_integreat_verzeichnis.csv")
