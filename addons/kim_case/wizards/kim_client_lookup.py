# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import kim_form_action, kim_lang_env

# set by the wizard's actions only: a client set by the user would be read
# back with its name (many2one names are read as superuser)
RESULT_FIELDS = {"result", "partner_id", "requested"}


class KimClientLookup(models.TransientModel):
    """X-1 / C-1: is a person already known to KIM? The controlled way to find
    a client of another organisation: the answer names a client only when the
    user may read them, otherwise it says that the person is known and sends
    a request to the coordination — never the record."""

    _name = "kim.client.lookup"
    _description = "Is the Person Known to KIM?"

    name = fields.Char(required=True)
    birthdate = fields.Date(string="Birth Date", required=True)
    result = fields.Selection(
        [
            ("unknown", "Not Known"),
            ("visible", "Known, in Your Cases"),
            ("hidden", "Known to KIM"),
        ],
        readonly=True,
    )
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    reason = fields.Text(
        string="Reason for the Request",
        help="Why you need access to this person (for the coordination).",
    )
    requested = fields.Boolean(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._kim_check_result_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._kim_check_result_fields(vals)
        return super().write(vals)

    @api.model
    def _kim_check_result_fields(self, vals):
        if not self.env.su and RESULT_FIELDS & set(vals):
            raise AccessError(self.env._("The result of the check is set by KIM."))

    @api.model
    def _kim_matches(self, name, birthdate):
        """Every client of this name and birth date, whoever may see them."""
        # existence check on exact name and birth date; what the user gets
        # back is filtered by their own access (action_lookup)
        partners = self.env["res.partner"].sudo()  # sudo: see the line above
        return partners.search(
            [
                ("kim_is_client", "=", True),
                ("name", "=ilike", " ".join((name or "").split())),
                ("kim_birthdate", "=", birthdate),
            ]
        )

    def action_lookup(self):
        self.ensure_one()
        matches = self._kim_matches(self.name, self.birthdate)
        visible = matches.sudo(False).with_env(self.env)._filtered_access("read")
        if visible:
            result = {"result": "visible", "partner_id": visible[:1].id}
        elif matches:
            result = {"result": "hidden", "partner_id": False}
        else:
            result = {"result": "unknown", "partner_id": False}
        self.sudo().write(result)  # sudo: the result fields only (RESULT_FIELDS)
        return self._kim_reopen()

    def action_open_client(self):
        self.ensure_one()
        self.partner_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }

    def action_new_client(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "view_mode": "form",
            "context": {
                "default_name": self.name,
                "default_kim_birthdate": self.birthdate,
                "default_kim_is_client": True,
                "default_is_company": False,
            },
        }

    def action_request_access(self):
        """An activity for the coordinators of the person's cases (or the KIM
        lead where a case has none) asking for access; the requesting user
        learns nothing more about the person."""
        self.ensure_one()
        matches = self._kim_matches(self.name, self.birthdate)
        if self.result != "hidden" or not matches:
            raise UserError(self.env._("Check first whether the person is known."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Say why you need access to this person."))
        todo = self.env.ref("mail.mail_activity_data_todo")
        lead = self.env.ref("kim_case.group_kim_lead")
        user = self.env.user
        # sudo: the request goes to the people entitled to decide; the
        # requesting user neither reads nor gets the record
        for partner in matches.sudo():
            cases = partner.kim_case_member_ids.case_id
            deciders = cases.district_id.coordinator_ids or lead.users
            for decider in deciders[:5]:
                env = kim_lang_env(self, decider)
                partner.activity_schedule(
                    activity_type_id=todo.id,
                    summary=env._("KIM: request for access to a known person"),
                    note=env._(
                        "%(user)s (%(org)s) asks for access to this person, found "
                        "by name and birth date: %(reason)s",
                        user=user.name,
                        org=user.kim_employer_id.name or "-",
                        reason=self.reason,
                    ),
                    user_id=decider.id,
                )
        self.sudo().requested = True  # sudo: result field, see RESULT_FIELDS
        return self._kim_reopen()

    def _kim_reopen(self):
        return kim_form_action(self, target="new")
