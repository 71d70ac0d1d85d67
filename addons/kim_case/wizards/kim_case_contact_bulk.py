# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.kim_case_contact import CONTACT_CHANNELS
from ..tools import kim_today


class KimCaseContactBulk(models.TransientModel):
    """Record the same counselling contact (e.g. an information event or a
    group session) on many cases at once."""

    _name = "kim.case.contact.bulk"
    _description = "Record a Contact for Several Cases"

    case_ids = fields.Many2many(
        "kim.case",
        "kim_case_contact_bulk_case_rel",
        "wizard_id",
        "case_id",
        string="Cases",
    )
    date = fields.Date(required=True, default=kim_today)
    duration = fields.Float(string="Duration (Hours)")
    channel = fields.Selection(
        CONTACT_CHANNELS,
        required=True,
        default="in_person",
    )
    interpreter_used = fields.Boolean()
    life_domain_ids = fields.Many2many(
        "kim.life.domain",
        "kim_case_contact_bulk_life_domain_rel",
        "wizard_id",
        "domain_id",
        string="Life Domains Addressed",
    )
    note = fields.Text(string="Confidential Note")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        context = self.env.context
        if (
            "case_ids" in fields_list
            and context.get("active_model") == "kim.case"
            and context.get("active_ids")
        ):
            res["case_ids"] = [fields.Command.set(context["active_ids"])]
        return res

    def _kim_target_cases(self):
        """The selected cases, refused as a whole if one of them is not the
        user's to document (the relation is read as superuser: a record rule
        would otherwise drop foreign cases silently)."""
        self.ensure_one()
        # justified: raw ids of the selection, access is checked right below
        cases = self.env["kim.case"].browse(self.sudo().case_ids.ids)
        if not cases:
            raise UserError(self.env._("Select at least one case."))
        self.env["kim.case.contact"].check_access("create")
        forbidden = cases - cases._filtered_access("write")
        if forbidden:
            raise AccessError(
                self.env._(
                    "You may only record contacts on cases you have access to. "
                    "%(count)s of the %(total)s selected cases are not yours; "
                    "nothing was recorded.",
                    count=len(forbidden),
                    total=len(cases),
                )
            )
        return cases

    def action_record(self):
        self.ensure_one()
        if self.duration < 0:
            raise UserError(self.env._("The duration cannot be negative."))
        cases = self._kim_target_cases()
        contacts = self.env["kim.case.contact"].create(
            [
                {
                    "case_id": case.id,
                    "date": self.date,
                    "duration": self.duration,
                    "channel": self.channel,
                    "interpreter_used": self.interpreter_used,
                    "life_domain_ids": [fields.Command.set(self.life_domain_ids.ids)],
                    "note": self.note,
                }
                for case in cases
            ]
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Contact recorded for %(count)s cases.", count=len(contacts)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
