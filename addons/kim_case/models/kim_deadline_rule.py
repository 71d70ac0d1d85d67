# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import kim_add_working_days, kim_next_working_day

UNITS = [
    ("working_days", "Working Days"),
    ("calendar_days", "Calendar Days"),
    ("months", "Months"),
]


class KimDeadlineRule(models.Model):
    """Legal and service deadlines as dated data: which figure a deadline has
    and whether it counts working days (the company's working calendar with
    the public holidays of NRW), calendar days or months, valid from a date.
    A change of the rules is a new record from its first day, never a
    constant in code. Other addons add their keys (``selection_add``) and
    scopes (e.g. the topic of an authority request)."""

    _name = "kim.deadline.rule"
    _description = "KIM Deadline Rule"
    _order = "key, valid_from desc, id desc"

    key = fields.Selection(
        string="Deadline",
        selection=[
            ("consent_renewal_alert", "Release Renewal Alert (Before End)"),
            ("case_close_warning", "Warning Before Automatic Closing"),
        ],
        required=True,
        index=True,
    )
    value = fields.Integer(required=True)
    unit = fields.Selection(UNITS, required=True, default="working_days")
    valid_from = fields.Date(required=True)
    valid_to = fields.Date()
    note = fields.Char(help="Legal basis or decision behind this figure.")

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "A deadline cannot be negative."),
    ]

    @api.depends("key", "value", "unit")
    def _compute_display_name(self):
        keys = dict(self._fields["key"]._description_selection(self.env))
        units = dict(self._fields["unit"]._description_selection(self.env))
        for rule in self:
            rule.display_name = (
                f"{keys.get(rule.key, '')}: {rule.value} {units.get(rule.unit, '')}"
            )

    @api.model
    def _kim_scope_fields(self):
        """Fields that, with the key, tell rules apart (extended by addons)."""
        return ["key"]

    @api.constrains("key", "valid_from", "valid_to")
    def _check_no_overlap(self):
        for rule in self:
            if rule.valid_to and rule.valid_to < rule.valid_from:
                raise ValidationError(
                    self.env._("The end of validity lies before its start.")
                )
            domain = [
                ("id", "!=", rule.id),
                "|",
                ("valid_to", "=", False),
                ("valid_to", ">=", rule.valid_from),
            ]
            for name in self._kim_scope_fields():
                value = rule[name]
                domain.append(
                    (
                        name,
                        "=",
                        value.id if isinstance(value, models.BaseModel) else value,
                    )
                )
            if rule.valid_to:
                domain.append(("valid_from", "<=", rule.valid_to))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "Another figure of this deadline is valid in the same period."
                    )
                )

    # ----------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self._kim_recompute_due_dates()
        return rules

    def write(self, vals):
        result = super().write(vals)
        self._kim_recompute_due_dates()
        return result

    def unlink(self):
        result = super().unlink()
        self._kim_recompute_due_dates()
        return result

    # -------------------------------------------------------- business
    @api.model
    def _kim_rule(self, key, on_date, **scope):
        """The rule of ``key`` valid on ``on_date``: the one of the given scope
        (e.g. ``topic_id=5``) or, if there is none, the one without scope."""
        domain = [
            ("key", "=", key),
            ("valid_from", "<=", on_date),
            "|",
            ("valid_to", "=", False),
            ("valid_to", ">=", on_date),
        ]
        # justified: programme data without personal data, read by every job
        rules = self.sudo().search(domain)
        for name, value in scope.items():
            specific = rules.filtered(lambda r, n=name, v=value: r[n].id == v)
            rules = specific or rules.filtered(lambda r, n=name: not r[n])
        return rules[:1]

    def _kim_add(self, day, shift=True):
        """``day`` plus this rule's deadline. Working days count on the
        company's calendar; calendar days and months end, with ``shift``, on
        the next working day when they fall on a weekend or public holiday
        (§ 193 BGB, § 31 VwVfG NRW)."""
        self.ensure_one()
        if not day:
            return day
        if self.unit == "working_days":
            return kim_add_working_days(self, day, self.value)
        if self.unit == "months":
            due = day + relativedelta(months=self.value)
        else:
            due = day + relativedelta(days=self.value)
        return kim_next_working_day(self, due) if shift else due

    @api.model
    def _kim_due_date(self, key, day, shift=True, **scope):
        """The due date of the deadline ``key`` starting on ``day`` by the rule
        valid on that day; False without a rule."""
        if not day:
            return False
        rule = self._kim_rule(key, day, **scope)
        return rule._kim_add(day, shift=shift) if rule else False

    @api.model
    def _kim_due_date_fields(self):
        """Stored due dates computed from these rules and the working calendar,
        recomputed when a rule or a public holiday changes:
        ``[(model, field, domain of the records still running)]``."""
        return []

    @api.model
    def _kim_recompute_due_dates(self):
        for model, fname, domain in self._kim_due_date_fields():
            # justified: recomputes a date on every running record whatever
            # the editing user may read; writes nothing else
            records = self.env[model].sudo().with_context(active_test=False)
            records = records.search(domain)
            if records:
                self.env.add_to_compute(records._fields[fname], records)
