# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from odoo.addons.kim_case.tools import kim_today

LANGUAGE_LEVELS = [
    ("a1", "A1"),
    ("a2", "A2"),
    ("b1", "B1"),
    ("b2", "B2"),
    ("c1", "C1"),
    ("c2", "C2"),
]
LEVEL_RANK = {code: rank for rank, (code, _label) in enumerate(LANGUAGE_LEVELS, 1)}

ROUTES = [
    ("naturalisation", "Naturalisation (§ 10 StAG)"),
    ("25a", "Well-Integrated Young People (§ 25a AufenthG)"),
    ("25b", "Sustainable Integration (§ 25b AufenthG)"),
    ("104c", "Opportunity Right of Residence (§ 104c AufenthG)"),
]


class KimAbhReadinessRule(models.Model):
    """A-2, C-16: prerequisites of a residence or naturalisation route as a
    dated rule. The law changes: each version is its own record with valid
    from/until and its source; a check uses the version in force on its day.
    Guidance for case managers only — the authority decides."""

    _name = "kim.abh.readiness.rule"
    _description = "Readiness Check Rule"
    _order = "route, valid_from desc"

    name = fields.Char(required=True, translate=True)
    route = fields.Selection(ROUTES, required=True)
    valid_from = fields.Date(required=True)
    valid_until = fields.Date()
    legal_source = fields.Text(required=True, help="Law text and version cited.")
    note = fields.Text(help="Simplifications and points not verified.")
    min_residence_years = fields.Integer(
        string="Residence Years",
        help="Years of (legal or tolerated) residence since the date of entry.",
    )
    reduced_residence_years = fields.Integer(
        help="Applies when the reduction condition is met (0 = no reduction).",
    )
    reduction_condition = fields.Selection(
        [
            ("special_integration", "Special Integration Achievements"),
            ("minor_child", "Living With a Minor Child"),
        ]
    )
    reduced_language_level = fields.Selection(
        LANGUAGE_LEVELS,
        string="Language Level for the Reduction",
        help="The reduced period applies only with German at this level or "
        "higher (e.g. C1 for the 3-year naturalisation of 2024–2025).",
    )
    residence_reference_date = fields.Date(
        help="Residence years are counted up to this date instead of the day of "
        "the check (reference date of a one-off regulation)."
    )
    min_age = fields.Integer(string="Minimum Age")
    max_age = fields.Integer(
        string="Age Limit", help="The check must happen before this birthday."
    )
    language_level = fields.Selection(LANGUAGE_LEVELS)
    requires_test = fields.Boolean(string="Naturalisation Test")
    requires_livelihood = fields.Boolean(string="Secured Livelihood")
    requires_school = fields.Boolean(string="School Attendance or Qualification")

    @api.constrains("valid_from", "valid_until", "route")
    def _check_validity(self):
        for rule in self:
            if rule.valid_until and rule.valid_until < rule.valid_from:
                raise ValidationError(
                    self.env._("A rule cannot end before it starts: %s", rule.name)
                )
            overlapping = self.search_count(
                [
                    ("id", "!=", rule.id),
                    ("route", "=", rule.route),
                    "|",
                    ("valid_until", "=", False),
                    ("valid_until", ">=", rule.valid_from),
                    *(
                        [("valid_from", "<=", rule.valid_until)]
                        if rule.valid_until
                        else []
                    ),
                ]
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "Only one version of a route's rules may be in force on a "
                        "day: %s overlaps another version.",
                        rule.name,
                    )
                )

    @api.model
    def _kim_rule_at(self, route, day):
        return self.search(
            [
                ("route", "=", route),
                ("valid_from", "<=", day),
                "|",
                ("valid_until", "=", False),
                ("valid_until", ">=", day),
            ],
            limit=1,
        )

    def _kim_evaluate(self, partner, day):
        """Prerequisites of ``partner`` under this rule on ``day``: a dict with
        ``items`` (label, met, detail), ``all_met`` and ``earliest`` (the earliest
        day all dated prerequisites could be met, None if unknown)."""
        self.ensure_one()
        _ = self.env._
        items = []
        earliest = []
        open_ended = False
        birthdate = partner.kim_birthdate
        entry = partner.kim_entry_date
        years = self.min_residence_years
        if self.reduced_residence_years and self.reduction_condition:
            reduced = (
                partner.kim_abh_special_integration
                if self.reduction_condition == "special_integration"
                else partner.kim_abh_minor_child
            )
            if reduced and self.reduced_language_level:
                level = partner.kim_abh_language_level
                reduced = (
                    bool(level)
                    and LEVEL_RANK[level] >= LEVEL_RANK[self.reduced_language_level]
                )
            if reduced:
                years = self.reduced_residence_years
        if years:
            label = _("%(years)s years of residence", years=years)
            reference = self.residence_reference_date or day
            if not entry:
                items.append((label, False, _("Date of entry not recorded.")))
                open_ended = True
            else:
                reached = entry + relativedelta(years=years)
                met = reached <= reference
                detail = _("reached on %(date)s", date=format_date(self.env, reached))
                if not met and self.residence_reference_date:
                    detail = _(
                        "not reached by the reference date %(date)s",
                        date=format_date(self.env, self.residence_reference_date),
                    )
                    open_ended = True
                elif not met:
                    earliest.append(reached)
                items.append((label, met, detail))
        if self.min_age or self.max_age:
            if not birthdate:
                items.append((_("Age"), False, _("Date of birth not recorded.")))
                open_ended = True
            else:
                if self.min_age:
                    reached = birthdate + relativedelta(years=self.min_age)
                    met = reached <= day
                    if not met:
                        earliest.append(reached)
                    items.append(
                        (
                            _("At least %(age)s years old", age=self.min_age),
                            met,
                            _("from %(date)s", date=format_date(self.env, reached)),
                        )
                    )
                if self.max_age:
                    limit = birthdate + relativedelta(years=self.max_age)
                    met = day < limit
                    open_ended = open_ended or not met
                    items.append(
                        (
                            _("Younger than %(age)s", age=self.max_age),
                            met,
                            _(
                                "until %(date)s",
                                date=format_date(
                                    self.env, limit - relativedelta(days=1)
                                ),
                            ),
                        )
                    )
        if self.language_level:
            level = partner.kim_abh_language_level
            met = bool(level) and LEVEL_RANK[level] >= LEVEL_RANK[self.language_level]
            open_ended = open_ended or not met
            items.append(
                (
                    _(
                        "German at level %(level)s",
                        level=dict(LANGUAGE_LEVELS)[self.language_level],
                    ),
                    met,
                    _("recorded: %(level)s", level=dict(LANGUAGE_LEVELS).get(level))
                    if level
                    else _("no level recorded"),
                )
            )
        for flag, field, label in (
            (self.requires_test, "kim_abh_test_passed", _("Naturalisation test")),
            (
                self.requires_livelihood,
                "kim_abh_livelihood_secured",
                _("Livelihood secured"),
            ),
            (
                self.requires_school,
                "kim_abh_school_or_qualification",
                _("School attendance or qualification"),
            ),
        ):
            if flag:
                met = bool(partner[field])
                open_ended = open_ended or not met
                items.append((label, met, ""))
        all_met = all(item[1] for item in items)
        return {
            "rule": self,
            "items": items,
            "all_met": all_met,
            "earliest": None if all_met or open_ended else max(earliest, default=None),
        }

    @api.model
    def _kim_check(self, partner, day=None, routes=None):
        """The readiness check of ``partner`` on ``day`` for each route."""
        day = day or kim_today(self)
        results = []
        for route, _label in ROUTES:
            if routes and route not in routes:
                continue
            rule = self._kim_rule_at(route, day)
            if rule:
                results.append(dict(rule._kim_evaluate(partner, day), route=route))
            else:
                results.append(
                    {"route": route, "rule": rule, "items": [], "all_met": False}
                )
        return results

    @api.model
    def _kim_check_html(self, partner, day=None):
        day = day or kim_today(self)
        _ = self.env._
        labels = dict(self._fields["route"]._description_selection(self.env))
        html = Markup("<p><strong>%s</strong></p>") % _(
            "Guidance only, not a decision: the foreigners' or naturalisation "
            "authority decides. Check of %(date)s.",
            date=format_date(self.env, day),
        )
        for result in self._kim_check(partner, day):
            html += Markup("<h5>%s</h5>") % labels[result["route"]]
            rule = result["rule"]
            if not rule:
                html += Markup("<p>%s</p>") % _("No rule in force on this day.")
                continue
            html += Markup("<p><em>%s</em></p>") % rule.legal_source
            html += Markup("<ul>")
            for label, met, detail in result["items"]:
                html += Markup("<li>%s %s%s</li>") % (
                    "✔" if met else "✘",
                    label,
                    f" ({detail})" if detail else "",
                )
            html += Markup("</ul>")
            if result["all_met"]:
                summary = _("All recorded prerequisites appear to be met.")
            elif result["earliest"]:
                summary = _(
                    "Missing prerequisites; earliest date: %(date)s.",
                    date=format_date(self.env, result["earliest"]),
                )
            else:
                summary = _("Missing prerequisites without a foreseeable date.")
            html += Markup("<p>%s</p>") % summary
            if rule.note:
                html += Markup("<p class='text-muted'>%s</p>") % rule.note
        return html
