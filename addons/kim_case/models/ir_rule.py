# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from ..tools import kim_today


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        """Offer ``kim_case_access(path)`` and ``kim_client_access()`` to record
        rules: the single access
        policy of KIM cases (see ``kim.case._kim_access_domain``)."""
        context = super()._eval_context()
        context["kim_case_access"] = self.env["kim.case"]._kim_access_domain
        context["kim_client_access"] = self.env["res.partner"]._kim_client_access_domain
        return context

    def _compute_domain_context_values(self):
        # Dated substitutions and consents make rule domains depend on the day:
        # today's date belongs in the cache key of the computed rule domains.
        return (*super()._compute_domain_context_values(), kim_today(self).isoformat())
