# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimCaseStage(models.Model):
    """Process stage of a case (Erstgespräch … Abgeschlossen), configurable."""

    _name = "kim.case.stage"
    _description = "Case Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    is_closed = fields.Boolean(
        string="Closing Stage", help="Cases in this stage are closed."
    )
    requires_dp_agreement = fields.Boolean(
        string="Requires Data-Protection Agreement",
        help="C-10: a case may only enter this stage while the client's signed "
        "data-protection agreement is valid.",
    )
    description = fields.Text(translate=True)
