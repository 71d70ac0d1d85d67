# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KimCase(models.Model):
    _inherit = "kim.case"

    kim_abh_request_ids = fields.One2many(
        "kim.abh.request", "case_id", string="Authority Requests"
    )
    kim_abh_request_count = fields.Integer(compute="_compute_kim_abh_request_count")
    kim_abh_readiness_html = fields.Html(
        string="Readiness Check",
        compute="_compute_kim_abh_readiness_html",
        sanitize=False,
    )

    def _compute_kim_abh_request_count(self):
        counts = dict(
            self.env["kim.abh.request"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.kim_abh_request_count = counts.get(case, 0)

    def _compute_kim_abh_readiness_html(self):
        Rule = self.env["kim.abh.readiness.rule"]
        for case in self:
            case.kim_abh_readiness_html = (
                Rule._kim_check_html(case.partner_id) if case.partner_id else ""
            )

    def action_kim_abh_request_new(self):
        """A-1: one click on the case opens a request to the ABH/EBH."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "kim.abh.request",
            "view_mode": "form",
            "target": "current",
            "context": {"default_case_id": self.id},
        }

    def action_kim_abh_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kim_abh.kim_abh_request_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
