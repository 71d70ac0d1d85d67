# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import kim_serialise, kim_workbook_templates


class KimCaseMember(models.Model):
    """C-4: member of the family/household a case covers."""

    _name = "kim.case.member"
    _description = "Case Family Member"
    _order = "case_id, sequence, id"
    _rec_name = "partner_id"

    case_id = fields.Many2one("kim.case", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        ondelete="restrict",
        index=True,
        domain=[("is_company", "=", False)],
    )
    role = fields.Selection(
        [
            ("applicant", "Applicant"),
            ("partner", "Partner"),
            ("child", "Child"),
            ("parent", "Parent"),
            ("sibling", "Sibling"),
            ("other", "Other Household Member"),
        ],
        required=True,
        default="other",
    )
    case_manager_id = fields.Many2one(
        "res.users",
        string="Own Case Manager",
        help="A second case manager for this member (e.g. after moving to another "
        "municipality); gets access to the family's case.",
        index="btree_not_null",
    )
    municipality_id = fields.Many2one(
        "res.partner",
        domain=[("kim_is_municipality", "=", True)],
    )

    _sql_constraints = [
        (
            "partner_unique",
            "unique(case_id, partner_id)",
            "This person is already a member of the case.",
        ),
    ]

    # A member's own case manager may see the case: only those who decide who
    # works on the case may set one (checked before writing); the case's stored
    # set of entitled users (kim.case.kim_access_user_ids) follows by itself.
    @api.model_create_multi
    def create(self, vals_list):
        Case = self.env["kim.case"]
        if not self.env.su:
            Case._kim_check_person_access(
                [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
            )
            cases = Case.browse({vals.get("case_id") for vals in vals_list} - {None})
            cases.check_access("write")
            Case.browse(
                {vals["case_id"] for vals in vals_list if vals.get("case_manager_id")}
            )._kim_check_staffing_right()
        records = super().create(vals_list)
        # two staffing edits of one case at once: the second is retried, so
        # the case's set of entitled users is computed from both (issue #17)
        kim_serialise(records.filtered("case_manager_id").case_id)
        return records

    def write(self, vals):
        changed = "case_manager_id" in vals and (
            vals["case_manager_id"] or self.filtered("case_manager_id")
        )
        if not self.env.su:
            if vals.get("partner_id"):
                self.env["kim.case"]._kim_check_person_access([vals["partner_id"]])
            new_case = self.env["kim.case"].browse(vals.get("case_id"))
            new_case.check_access("write")
            staffed = self if changed else self.filtered("case_manager_id")
            if changed or (new_case and staffed):
                (staffed.case_id | new_case)._kim_check_staffing_right()
        if {"case_manager_id", "case_id"} & set(vals):
            kim_serialise(
                self.case_id | self.env["kim.case"].browse(vals.get("case_id"))
            )
        return super().write(vals)

    def unlink(self):
        managed = self.filtered("case_manager_id").case_id
        managed._kim_check_staffing_right()
        kim_serialise(managed)
        return super().unlink()

    @api.model
    def get_import_templates(self):
        """X-5: the KIM workbook template in the import dialog."""
        return kim_workbook_templates(self.env)
