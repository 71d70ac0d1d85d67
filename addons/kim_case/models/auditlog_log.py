# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which prints and downloads the audit log records (kim_audit's hooks): those
of case files."""

from odoo import api, models

# models whose records are case files: the case, the client and every KIM model
ACCESS_LOG_MODELS = ("kim.case", "res.partner")


class AuditlogLog(models.Model):
    _inherit = "auditlog.log"

    @api.model
    def _kim_access_logged_ids(self, model, res_ids):
        """Case files: cases, clients and the records of every KIM model."""
        ids = super()._kim_access_logged_ids(model, res_ids)
        if model == "res.partner":
            # sudo: reads the client flag only, to decide whether to log
            partners = self.env["res.partner"].sudo().browse(res_ids).exists()
            clients = partners.filtered("kim_is_client").ids
            return ids + [client for client in clients if client not in ids]
        if model in ACCESS_LOG_MODELS or model.startswith("kim."):
            return list(res_ids)
        return ids

    @api.model
    def _kim_download_records(self, attachment):
        """A signed consent form hangs on its consent by ``document_ids``
        only (no ``res_model``): its download is logged on the consent."""
        if attachment.res_model:
            return super()._kim_download_records(attachment)
        consents = (
            self.env["kim.consent"]
            .sudo()  # sudo: finds the consent to name in the log, nothing else
            .with_context(active_test=False)
            .search([("document_ids", "in", attachment.ids)])
        )
        return "kim.consent", consents.ids
