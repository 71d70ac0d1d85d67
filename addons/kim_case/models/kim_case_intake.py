# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KimCase(models.Model):
    """Links of a case to its inquiry (C-1) and to the client's consents (C-10)."""

    _inherit = "kim.case"

    kim_lead_ids = fields.One2many("crm.lead", "kim_case_id", string="Inquiries")
    kim_lead_count = fields.Integer(compute="_compute_kim_lead_count")
    kim_consent_count = fields.Integer(compute="_compute_kim_consent_count")

    @api.depends("kim_lead_ids")
    def _compute_kim_lead_count(self):
        for case in self:
            case.kim_lead_count = len(case.kim_lead_ids)

    @api.depends("partner_id")
    def _compute_kim_consent_count(self):
        counts = dict(
            self.env["kim.consent"]._read_group(
                [("partner_id", "in", self.partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for case in self:
            case.kim_consent_count = counts.get(case.partner_id, 0)

    def _kim_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "kim.case",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_view_kim_consents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_case.kim_consent_action"
        )
        action["domain"] = [("partner_id", "=", self.partner_id.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_case_id": self.id,
        }
        return action

    def action_view_kim_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_case.crm_lead_action_kim_intake"
        )
        action["domain"] = [("kim_case_id", "=", self.id)]
        action["context"] = {"active_test": False, "create": False}
        if len(self.kim_lead_ids) == 1:
            action["views"] = [
                (self.env.ref("kim_case.crm_lead_view_form_kim").id, "form")
            ]
            action["res_id"] = self.kim_lead_ids.id
        return action
