# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

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
        employer, and the client has a release valid today for that authority
        covering every data category of the request's topic. Withdrawal or
        expiry removes access at once (kim_case puts today's date into the
        rule cache key)."""
        user = self.env.user.sudo()  # justified: the user's own employer
        employer = user.kim_employer_id
        if not employer:
            return expression.FALSE_DOMAIN
        today = date.today()
        valid = [
            ("consent_type", "=", "release"),
            ("recipient_id", "=", employer.id),
            *self.env["kim.consent"]._valid_domain(today),
        ]
        # justified: the catalogue, read to build the rule
        topics = self.env["kim.abh.topic"].sudo().with_context(active_test=False)
        # one branch per distinct set of required categories, not per topic:
        # fewer sub-selects to plan and run (issue #8, R10)
        by_categories = {}
        for topic in topics.search([]):
            key = tuple(sorted(topic.data_category_ids.ids))
            by_categories.setdefault(key, []).append(topic.id)
        parts = [
            [
                ("topic_id", "in", topic_ids),
                (
                    "partner_id.kim_consent_ids",
                    "any",
                    valid
                    + [
                        ("data_category_ids", "in", category_id)
                        for category_id in categories
                    ],
                ),
            ]
            for categories, topic_ids in by_categories.items()
        ]
        if not parts:
            return expression.FALSE_DOMAIN
        return expression.AND(
            [[("authority_id", "=", employer.id)], expression.OR(parts)]
        )
