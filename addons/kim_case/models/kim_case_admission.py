# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class KimCase(models.Model):
    """C-3: a conflicting admission decision goes to the district's
    coordination (Fachaufsicht) as a to-do activity per coordinator."""

    _inherit = "kim.case"

    @api.model_create_multi
    def create(self, vals_list):
        District = self.env["kim.district"]
        for vals in vals_list:
            if vals.get("admission_decision") == "conflict":
                self._kim_check_conflict_district(
                    District.browse(vals.get("district_id")),
                    self.env._("(new)"),
                )
        cases = super().create(vals_list)
        cases.filtered(
            lambda c: c.admission_decision == "conflict"
        )._kim_schedule_admission_conflict()
        return cases

    def write(self, vals):
        conflicts = self.browse()
        if vals.get("admission_decision") == "conflict":
            conflicts = self.filtered(lambda c: c.admission_decision != "conflict")
            new_district = (
                self.env["kim.district"].browse(vals["district_id"])
                if "district_id" in vals
                else None
            )
            for case in conflicts:
                self._kim_check_conflict_district(
                    case.district_id if new_district is None else new_district,
                    case.name,
                )
        res = super().write(vals)
        conflicts._kim_schedule_admission_conflict()
        return res

    @api.model
    def _kim_check_conflict_district(self, district, label):
        """Refuse a conflict nobody would be told about (before writing)."""
        if not district:
            raise UserError(
                self.env._(
                    "Case %(case)s: an admission conflict is decided by the "
                    "district's coordination, but the case has no district. "
                    "Set the district first.",
                    case=label,
                )
            )
        if not district.coordinator_ids:
            raise UserError(
                self.env._(
                    "Case %(case)s: district '%(district)s' has no coordinator "
                    "to decide the admission conflict. Ask the KIM lead to "
                    "assign one.",
                    case=label,
                    district=district.name,
                )
            )

    def _kim_schedule_admission_conflict(self):
        for case in self:
            for coordinator in case.district_id.coordinator_ids:
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=coordinator.id,
                    summary=self.env._("Decide on admission (conflict)"),
                    note=self.env._(
                        "The case manager could not decide on the admission of "
                        "case %(case)s to case management. Please decide as "
                        "coordination (Fachaufsicht).",
                        case=case.name,
                    ),
                )
