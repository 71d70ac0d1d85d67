# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .kim_funding_rule import BAUSTEINE, CATEGORIES


class KimBookingKey(models.Model):
    """The Kreis' booking keys in its municipal ERP (NKF) for one cost
    category of the grants, valid for a period (issue #19, F-5, F-7): the
    product, cost centre and G/L account an instalment is booked on there.
    Dated data the finance staff maintain, never constants in code."""

    _name = "kim.booking.key"
    _description = "KIM Booking Key (municipal ERP)"
    _order = "category, baustein, valid_from desc"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    category = fields.Selection(CATEGORIES, required=True)
    baustein = fields.Selection(
        BAUSTEINE, help="Empty: the key applies to the category in every Baustein."
    )
    product = fields.Char("NKF product", required=True)
    cost_centre = fields.Char()
    gl_account = fields.Char("G/L account", required=True)
    valid_from = fields.Date(required=True)
    valid_to = fields.Date()
    active = fields.Boolean(default=True)

    @api.depends("category", "product", "gl_account")
    def _compute_display_name(self):
        labels = dict(self._fields["category"]._description_selection(self.env))
        for key in self:
            key.display_name = (
                f"{labels.get(key.category, '')}: {key.product or ''} / "
                f"{key.gl_account or ''}"
            )

    @api.constrains(
        "company_id", "category", "baustein", "valid_from", "valid_to", "active"
    )
    def _check_overlap(self):
        """One key per company, category and Baustein on any day: an
        instalment must never have two ways to be booked."""
        for key in self.filtered("active"):
            if key.valid_to and key.valid_to < key.valid_from:
                raise ValidationError(
                    self.env._("A booking key cannot end before it starts.")
                )
            domain = [
                ("id", "!=", key.id),
                ("company_id", "=", key.company_id.id),
                ("category", "=", key.category),
                ("baustein", "=", key.baustein),
                "|",
                ("valid_to", "=", False),
                ("valid_to", ">=", key.valid_from),
            ]
            if key.valid_to:
                domain.append(("valid_from", "<=", key.valid_to))
            # sudo: the overlap counts Kreis-wide, not under the user's rules
            other = self.sudo().search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "A booking key for this cost category is already valid "
                        "from %(date)s; end it before the new one starts.",
                        date=format_date(self.env, other.valid_from),
                    )
                )

    @api.model
    def _kim_key_for(self, company, baustein, category, day):
        """The key valid on ``day``: the Baustein's own before the general one."""
        keys = self.search(
            [
                ("company_id", "=", company.id),
                ("category", "=", category),
                ("baustein", "in", [baustein, False]),
                ("valid_from", "<=", day),
                "|",
                ("valid_to", "=", False),
                ("valid_to", ">=", day),
            ]
        )
        return keys.sorted(lambda k: not k.baustein)[:1]
