# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import KIM_TZ, kim_today, x2many_ids_after


class CalendarEvent(models.Model):
    """C-9: case conferences are calendar events linked to a case.

    The event follows the case's access (global record rule). Every attendee
    who belongs to an outside organisation needs a valid release from
    confidentiality of the client covering that organisation.
    """

    _inherit = "calendar.event"

    kim_case_id = fields.Many2one(
        "kim.case",
        string="KIM Case",
        index="btree_not_null",
        ondelete="cascade",
        help="Case this conference is about (case conference, C-9).",
    )

    # issue #21: the appointment, once held or missed, is a contact of the case
    kim_contact_ids = fields.One2many(
        "kim.case.contact",
        "event_id",
        string="KIM Contact",
        groups="kim_case.group_kim_case_manager,kim_case.group_kim_coordination",
    )
    kim_contact_outcome = fields.Selection(
        [("held", "Held"), ("no_show", "Client Did Not Come")],
        string="Recorded As",
        compute="_compute_kim_contact_outcome",
        groups="kim_case.group_kim_case_manager,kim_case.group_kim_coordination",
    )

    @api.depends("kim_contact_ids.outcome")
    def _compute_kim_contact_outcome(self):
        for event in self:
            event.kim_contact_outcome = event.kim_contact_ids[:1].outcome

    def action_kim_contact_held(self):
        """C-5, C-8 (issue #21): the appointment took place: one click
        records the contact (date, duration, channel, participants)."""
        return self._kim_record_contact("held")

    def action_kim_contact_no_show(self):
        """C-8 (issue #21): the client did not come: recorded, but no contact
        that keeps the case open."""
        return self._kim_record_contact("no_show")

    def _kim_record_contact(self, outcome):
        self.ensure_one()
        case = self.kim_case_id
        if not case:
            raise UserError(self.env._("This appointment belongs to no KIM case."))
        case.check_access("write")
        Contact = self.env["kim.case.contact"]
        Contact.check_access("create")
        if self.allday:
            day = self.start_date
        else:
            tz = pytz.timezone(KIM_TZ)
            day = pytz.utc.localize(self.start).astimezone(tz).date()
        if day > kim_today(self):
            raise UserError(
                self.env._(
                    "An appointment that has not taken place yet cannot be "
                    "recorded as held or missed."
                )
            )
        # sudo: existence only, a colleague's contact may be hidden by the rules
        if Contact.sudo().search_count([("event_id", "=", self.id)]):
            raise UserError(
                self.env._("This appointment is already recorded as a contact.")
            )
        interpreter = self.partner_ids.filtered("kim_is_interpreter")[:1]
        Contact.create(
            {
                "interpreter_id": interpreter.id if outcome == "held" else False,
                "case_id": case.id,
                "date": day,
                "duration": self.duration if outcome == "held" else 0.0,
                "channel": "online" if self.videocall_location else "in_person",
                "outcome": outcome,
                "event_id": self.id,
                "participant_ids": [Command.set(self.partner_ids.ids)],
            }
        )
        return True

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        default_partners = None
        for vals in vals_list:
            if (
                not vals.get("kim_case_id")
                and vals.get("res_id")
                and self._kim_res_model(vals) == "kim.case"
            ):
                vals["kim_case_id"] = vals["res_id"]
            case_id = vals.get(
                "kim_case_id", self.env.context.get("default_kim_case_id")
            )
            if not case_id:
                continue
            if "partner_ids" in vals:
                partners = Partner.browse(x2many_ids_after(vals["partner_ids"], []))
            else:
                if default_partners is None:
                    default_partners = Partner.browse(
                        x2many_ids_after(
                            self.default_get(["partner_ids"]).get("partner_ids") or [],
                            [],
                        )
                    )
                partners = default_partners
            self.env["kim.case"].browse(case_id)._kim_check_attendees(partners)
        events = super().create(vals_list)
        for event in events.filtered("kim_case_id"):
            event.kim_case_id._kim_log_conference(event, event.partner_ids)
        return events

    def write(self, vals):
        logged = {}
        if "partner_ids" in vals or vals.get("kim_case_id"):
            # C-10: who already had the data; the new outside ones are logged
            logged = {event: (event.kim_case_id, event.partner_ids) for event in self}
            Case, Partner = self.env["kim.case"], self.env["res.partner"]
            for event in self:
                case = (
                    Case.browse(vals["kim_case_id"])
                    if "kim_case_id" in vals
                    else event.kim_case_id
                )
                if not case:
                    continue
                partners = (
                    Partner.browse(
                        x2many_ids_after(vals["partner_ids"], event.partner_ids.ids)
                    )
                    if "partner_ids" in vals
                    else event.partner_ids
                )
                case._kim_check_attendees(partners)
        res = super().write(vals)
        for event, (case, partners) in logged.items():
            if not event.kim_case_id:
                continue
            if event.kim_case_id != case:
                partners = self.env["res.partner"]
            known = partners.commercial_partner_id
            event.kim_case_id._kim_log_conference(
                event,
                event.partner_ids.filtered(
                    lambda p, known=known: p.commercial_partner_id not in known
                ),
            )
        return res

    @api.model
    def _kim_res_model(self, vals):
        if vals.get("res_model"):
            return vals["res_model"]
        if vals.get("res_model_id"):
            # sudo: technical model name of the given ir.model id only
            return self.env["ir.model"].sudo().browse(vals["res_model_id"]).model
        return self.env.context.get("default_res_model")
