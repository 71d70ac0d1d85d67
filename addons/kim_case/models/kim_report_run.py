# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib

from odoo import api, fields, models


class KimReportRun(models.Model):
    """X-2 (issue #19): the log of the statistics files that left the KIM
    reports. Every export stores its file once, as one record with the
    report, the period, the file, its SHA-256, who made it and when — no
    attachment per click beside it, and no way to forge or change a run:
    records are only made by ``_kim_store`` (called by the report exports
    after their own access checks) and never written. Each user sees the
    runs they made; the KIM lead sees all of the company's."""

    _name = "kim.report.run"
    _description = "KIM Report Run"
    _order = "create_date desc, id desc"

    name = fields.Char("Report", required=True, readonly=True)
    report_key = fields.Char(required=True, readonly=True, index=True)
    period = fields.Char(required=True, readonly=True)
    file = fields.Binary(readonly=True, attachment=True)
    filename = fields.Char(readonly=True)
    checksum = fields.Char("SHA-256", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )

    @api.model
    def _kim_store(self, report_key, name, period, filename, content):
        """Store one run of a report's file and return it. The caller has
        checked that the user may make this report; the run is made with
        ``sudo`` because nobody may create runs by RPC (a forged run would
        falsify the log), and keeps the real user as its author."""
        # nobody has a create right: the export's user stays the author
        # sudo: runs are made by the exports only, never by RPC
        return self.sudo().create(
            {
                "name": name,
                "report_key": report_key,
                "period": str(period),
                "file": base64.b64encode(content),
                "filename": filename,
                "checksum": hashlib.sha256(content).hexdigest(),
                "company_id": self.env.company.id,
            }
        )
