# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.osv import expression


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        context = super()._eval_context()
        context["kim_abh_authority_access"] = self._kim_abh_authority_domain
        return context

    @api.model
    def _kim_abh_authority_domain(self):
        """C-10: requests an authority user may see: addressed to the user's
        authority (``res.users.kim_authority_id``), and the client has a
        release valid today for that authority covering every data category
        of the request's topic. Withdrawal or
        expiry removes access at once (kim_case puts today's date into the
        rule cache key)."""
        user = self.env.user.sudo()  # justified: the user's own authority
        authority = user.kim_authority_id
        if not authority:
            return expression.FALSE_DOMAIN
        # the stored span of the covering releases (kim.abh.request.
        # release_valid_from/until) instead of joining the releases and
        # checking their data categories on each search (issue #8, R10)
        return [
            ("authority_id", "=", authority.id),
            *self.env["kim.abh.request"]._kim_release_valid_domain(),
        ]
