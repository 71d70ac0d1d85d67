# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimCase(models.Model):
    _inherit = "kim.case"

    # Non-stored paths to the client's attributes, so the monitoring can
    # group cases by them in SQL (``_read_group``) without loading a case.
    kim_gov_client_gender = fields.Selection(related="partner_id.kim_gender")
    kim_gov_client_residence_id = fields.Many2one(
        related="partner_id.kim_residence_status_id"
    )
    kim_gov_client_nationality_id = fields.Many2one(
        related="partner_id.kim_nationality_id"
    )
    kim_gov_client_birthdate = fields.Date(related="partner_id.kim_birthdate")

    def _kim_anonymise(self):
        """Art. 17 GDPR: the case reconstructions keep a snapshot of the
        pseudonymised summaries of their cases, with the goals written by the
        case manager; after an erasure the snapshot is taken again from the
        erased case."""
        res = super()._kim_anonymise()
        Reconstruction = self.env["kim.case.reconstruction"]
        # sudo: erasure job (lead checked or retention cron), snapshot only
        Reconstruction = Reconstruction.sudo()
        reconstructions = Reconstruction.search([("case_ids", "in", self.ids)])
        if reconstructions:
            self.env.add_to_compute(reconstructions._fields["summary"], reconstructions)
            reconstructions.flush_recordset(["summary"])
        return res
