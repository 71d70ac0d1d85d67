# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import kim_today


class KimLegalBasis(models.Model):
    """C-10: a legal basis on which client data may be passed on without the
    client's consent (e.g. § 87 AufenthG duty to notify). Dated data the Kreis
    edits: a disclosure names the basis in force on its day."""

    _name = "kim.legal.basis"
    _inherit = "kim.catalogue.mixin"
    _description = "Legal Basis for Disclosure"

    valid_from = fields.Date()
    valid_until = fields.Date()

    @api.constrains("valid_from", "valid_until")
    def _check_dates(self):
        for basis in self:
            if (
                basis.valid_from
                and basis.valid_until
                and basis.valid_until < basis.valid_from
            ):
                raise ValidationError(
                    self.env._("A legal basis cannot end before it starts.")
                )

    def _kim_in_force(self, day=None):
        """The legal bases of ``self`` in force on ``day`` (default: KIM day)."""
        day = day or kim_today(self)
        return self.filtered(
            lambda basis: (
                basis.active
                and (not basis.valid_from or basis.valid_from <= day)
                and (not basis.valid_until or day <= basis.valid_until)
            )
        )
