# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import kim_today


class KimCase(models.Model):
    """Goals (C-6), help plan (C-7), case conferences and the pseudonymised
    summary for anonymised collegial consultation (C-9)."""

    _inherit = "kim.case"

    goal_ids = fields.One2many("kim.case.goal", "case_id", string="Goals")
    measure_ids = fields.One2many(
        "project.task",
        "kim_case_id",
        string="Measures",
    )
    conference_ids = fields.One2many(
        "calendar.event", "kim_case_id", string="Case Conferences"
    )
    conference_count = fields.Integer(compute="_compute_conference_count")

    @api.depends("conference_ids")
    def _compute_conference_count(self):
        data = dict(
            self.env["calendar.event"]._read_group(
                [("kim_case_id", "in", self.ids)], ["kim_case_id"], ["__count"]
            )
        )
        for case in self:
            case.conference_count = data.get(case, 0)

    # --------------------------------------------------------------- actions
    def action_kim_case_conference(self):
        """C-9: plan a case conference: a new calendar event for this case."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Case Conference"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_kim_case_id": self.id,
                "default_name": self.env._("Case Conference %(case)s", case=self.name),
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_privacy": "private",
            },
        }

    def action_kim_view_conferences(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "calendar.action_calendar_event"
        )
        action.update(
            {
                "domain": [("kim_case_id", "=", self.id)],
                "context": {
                    "default_kim_case_id": self.id,
                    "default_res_model": self._name,
                    "default_res_id": self.id,
                    "default_privacy": "private",
                },
            }
        )
        return action

    # -------------------------------------------------------------- business
    def _kim_check_attendees(self, partners):
        """C-9: attendees from outside organisations need a release of the
        client covering their organisation; the case's own organisation and
        the case manager's employer are no outside organisations."""
        self.ensure_one()
        own = self.employer_id | self.user_id.kim_employer_id
        organisations = partners.commercial_partner_id.filtered("is_company") - own
        missing = organisations.filtered(
            lambda org: (
                not self.env["kim.consent"]._kim_may_transfer(self.partner_id, org)
            )
        )
        if missing:
            raise UserError(
                self.env._(
                    "The case conference cannot include %(organisations)s: no "
                    "valid release from confidentiality of the client covers "
                    "these organisations. Record the release under Consents "
                    "first or remove these participants.",
                    organisations=", ".join(missing.mapped("name")),
                )
            )
        return True

    @api.model
    def _kim_age_band(self, birthdate, today=None):
        """Ten-year age band such as "30–39" instead of a birth date."""
        if not birthdate:
            return self.env._("unknown")
        today = today or kim_today(self)
        age = (
            today.year
            - birthdate.year
            - ((today.month, today.day) < (birthdate.month, birthdate.day))
        )
        low = max(age, 0) // 10 * 10
        return f"{low}–{low + 9}"

    def _kim_pseudonymised_summary(self):
        """C-9: the case without anything that identifies the family, for
        anonymised collegial consultation and planning conferences.

        No name, no birth date (age band instead), no address, no case number;
        free-text goals are scrubbed of the family members' names. Returns a
        dict of plain values (strings, lists of dicts): reports and other
        addons (kim_governance) render it without touching the case.
        """
        self.ensure_one()
        self.check_access("read")
        # justified: only age bands and scrubbed texts leave this method
        case = self.sudo()
        members = case.member_ids
        names = set()
        for person in members.partner_id | case.partner_id:
            names.update(
                p for p in re.split(r"[\s,.\-]+", person.name or "") if len(p) > 2
            )
        pattern = (
            re.compile(
                "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)),
                re.IGNORECASE,
            )
            if names
            else None
        )

        def scrub(text):
            text = text or ""
            return pattern.sub("…", text) if pattern else text

        roles = dict(
            self.env["kim.case.member"]._fields["role"]._description_selection(self.env)
        )
        outcomes = dict(
            self.env["kim.case.goal"]
            ._fields["outcome"]
            ._description_selection(self.env)
        )
        kinds = dict(
            self.env["project.task"]
            ._fields["kim_measure_kind"]
            ._description_selection(self.env)
        )
        member_index = {member: index for index, member in enumerate(members, 1)}

        def person_label(member):
            if not member:
                return self.env._("whole family")
            return self.env._(
                "Person %(number)s (%(role)s)",
                number=member_index.get(member, "?"),
                role=roles.get(member.role, ""),
            )

        life_domains = case.goal_ids.life_domain_id | case.contact_ids.life_domain_ids
        return {
            "constellation": case.type_id.name or "",
            "stage": case.stage_id.name or "",
            "district": case.district_id.name or "",
            "members": [
                {
                    "label": person_label(member),
                    "role": roles.get(member.role, ""),
                    "age_band": self._kim_age_band(member.partner_id.kim_birthdate),
                }
                for member in members
            ],
            "life_domains": life_domains.sorted("sequence").mapped("name"),
            "goals": [
                {
                    "life_domain": goal.life_domain_id.name or "",
                    "person": person_label(goal.member_id),
                    "goal": scrub(goal.name),
                    "outcome": outcomes.get(goal.outcome, ""),
                }
                for goal in case.goal_ids
            ],
            "measures": [
                {
                    "kind": kinds.get(task.kim_measure_kind, ""),
                    "legal_domain": task.kim_legal_domain_id.name or "",
                    "partner_type": task.kim_partner_org_id.kim_partner_type_id.name
                    or "",
                    "closed": task.state in ("1_done", "1_canceled"),
                }
                for task in case.measure_ids
            ],
        }
