# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimCatalogueMixin(models.AbstractModel):
    """Shared shape of KIM's configurable catalogues (languages, legal domains…).

    Catalogues are data users maintain: German names via translation, a code
    that stays stable for imports and reports, archiving instead of deleting.
    """

    _name = "kim.catalogue.mixin"
    _description = "KIM Catalogue Entry"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable short code used by imports and reports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code must be unique in this catalogue."),
    ]
