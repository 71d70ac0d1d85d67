# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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

    # a member's own case manager may see the case: the cached record-rule
    # domains (kim.case._kim_access_domain) are recomputed after a change
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if any(vals.get("case_manager_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return records

    def write(self, vals):
        changed = "case_manager_id" in vals and (
            vals["case_manager_id"] or self.filtered("case_manager_id")
        )
        res = super().write(vals)
        if changed:
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        managed = self.filtered("case_manager_id")
        res = super().unlink()
        if managed:
            self.env.registry.clear_cache()
        return res
