# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

QUALIFICATION_FIELDS = {
    "kim_degree",
    "kim_cm_certificate",
    "kim_cm_certificate_date",
    "kim_training_ids",
}


class ResUsers(models.Model):
    """C-14: case-manager qualification: degree (social work/social pedagogy
    or equivalent), the mandatory case-management certificate (15 days /
    120 teaching hours) and trainings attended. Maintained by the KIM lead."""

    _inherit = "res.users"

    kim_degree = fields.Char(
        string="Degree",
        groups="kim_case.group_kim_lead",
        help="E.g. social work / social pedagogy or an equivalent degree.",
    )
    kim_cm_certificate = fields.Boolean(
        string="Case-Management Certificate",
        groups="kim_case.group_kim_lead",
        help="Certificate course in case management (15 days / 120 teaching hours).",
    )
    kim_cm_certificate_date = fields.Date(
        string="Certificate Date", groups="kim_case.group_kim_lead"
    )
    kim_training_ids = fields.One2many(
        "kim.training",
        "user_id",
        string="Trainings",
        groups="kim_case.group_kim_lead",
    )
    kim_is_case_manager = fields.Boolean(
        string="KIM Case Manager",
        compute="_compute_kim_is_case_manager",
        search="_search_kim_is_case_manager",
    )

    @api.depends("groups_id")
    def _compute_kim_is_case_manager(self):
        group = self.env.ref("kim_case.group_kim_case_manager")
        for user in self:
            user.kim_is_case_manager = group in user.groups_id

    def _search_kim_is_case_manager(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        group = self.env.ref("kim_case.group_kim_case_manager")
        positive = (operator == "=") == bool(value)
        return [("groups_id", "in" if positive else "not in", group.id)]

    def write(self, vals):
        if QUALIFICATION_FIELDS.intersection(vals):
            if not self.env.su and not self.env.user.has_group(
                "kim_case.group_kim_lead"
            ):
                raise AccessError(
                    self.env._(
                        "Only the KIM lead can record degrees, case-management "
                        "certificates and trainings."
                    )
                )
            if not self.env.su and QUALIFICATION_FIELDS.issuperset(vals):
                # The lead lacks user-administration rights on res.users.
                # justified: qualification fields only, lead checked above
                return super(ResUsers, self.sudo()).write(vals)
        return super().write(vals)
