# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class KimCase(models.Model):
    _inherit = "kim.case"

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
