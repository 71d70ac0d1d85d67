# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class KimOpeningHour(models.Model):
    """One opening time of a network partner on a weekday, as the Integreat
    CMS keeps it (a day open all day, by appointment only, or in time
    slots; issue #19, G-8)."""

    _name = "kim.opening.hour"
    _description = "KIM Opening Hour of a Network Partner"
    _order = "partner_id, weekday, hour_from"

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    weekday = fields.Selection(WEEKDAYS, required=True)
    hour_from = fields.Float("From", default=0.0)
    hour_to = fields.Float("To", default=0.0)
    all_day = fields.Boolean()
    appointment_only = fields.Boolean("By appointment only")

    @api.constrains("hour_from", "hour_to", "all_day")
    def _check_hours(self):
        for slot in self:
            if slot.all_day:
                continue
            if not (0 <= slot.hour_from < slot.hour_to <= 24):
                raise ValidationError(
                    self.env._(
                        "An opening time starts before it ends, between 00:00 "
                        "and 24:00."
                    )
                )

    def _kim_text(self):
        """The opening times as one readable line, e.g. "Mo 08:00–12:00"."""
        labels = dict(self._fields["weekday"]._description_selection(self.env))
        parts = []
        for slot in self.sorted(lambda s: (s.weekday, s.hour_from)):
            weekday = labels[slot.weekday][:2]
            if slot.all_day:
                text = self.env._("%(weekday)s all day", weekday=weekday)
            else:
                text = f"{weekday} {_hhmm(slot.hour_from)}–{_hhmm(slot.hour_to)}"
            if slot.appointment_only:
                text += " " + self.env._("(by appointment)")
            parts.append(text)
        return ", ".join(parts)


def _hhmm(hours):
    minutes = round(hours * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
