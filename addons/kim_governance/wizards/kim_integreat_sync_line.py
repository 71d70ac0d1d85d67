# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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
            ("foreign", "Held by a contact that is no network partner"),
            ("none", "No partner found"),
        ],
        readonly=True,
    )
    action = fields.Selection(
        [("update", "Update"), ("create", "Create"), ("skip", "Skip")], required=True
    )
    payload = fields.Text(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kim_check_checked(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._kim_check_checked(vals)
        return super().write(vals)

    def _kim_check_checked(self, vals):
        """What Integreat said of a location is set by the check only, never
        by a form or an RPC call (the context holds the run, which no call can
        pass)."""
        run = self.env.context.get("kim_integreat_checking")
        if isinstance(run, models.BaseModel) and run._name == "kim.integreat.sync":
            return
        if set(vals) & {"payload", "integreat_id", "name", "city", "match"}:
            raise UserError(
                self.env._("Only the check of the locations sets these values.")
            )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and self.action == "create":
            self.action = "update"
