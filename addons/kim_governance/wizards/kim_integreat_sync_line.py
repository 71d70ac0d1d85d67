# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KimIntegreatSyncLine(models.TransientModel):
    _name = "kim.integreat.sync.line"
    _description = "KIM Integreat Location to Synchronise"
    _order = "sync_id, action, name"

    sync_id = fields.Many2one("kim.integreat.sync", required=True, ondelete="cascade")
    integreat_id = fields.Integer("Integreat ID", readonly=True)
    name = fields.Char(readonly=True)
    city = fields.Char(readonly=True)
    partner_id = fields.Many2one(
        "res.partner", "Network partner", domain=[("is_company", "=", True)]
    )
    match = fields.Selection(
        [
            ("id", "Integreat ID"),
            ("name", "Name and postcode"),
            ("email", "E-mail"),
            ("twice", "Already matched by another location"),
            ("none", "No partner found"),
        ],
        readonly=True,
    )
    action = fields.Selection(
        [("update", "Update"), ("create", "Create"), ("skip", "Skip")], required=True
    )
    payload = fields.Text(readonly=True)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and self.action == "create":
            self.action = "update"
