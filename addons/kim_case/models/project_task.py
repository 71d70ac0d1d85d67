# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import x2many_ids_after

MEASURE_KINDS = [
    ("referral", "Referral Counselling"),
    ("placement", "Placement"),
    ("accompaniment", "Accompaniment"),
    ("own_service", "Own Service"),
]


class ProjectTask(models.Model):
    """Measures of the help plan (C-7) are project tasks.

    A measure lives in the help-plan project of the case's organisation (see
    ``project.project._kim_help_plan_project``) and follows the access of its
    case (global record rule on ``project.task``). A measure that passes client
    data to a network partner needs a valid release from confidentiality of the
    client for that partner (``kim.consent._kim_check_transfer``).
    """

    _inherit = "project.task"

    kim_case_id = fields.Many2one(
        "kim.case",
        string="KIM Case",
        index="btree_not_null",
        ondelete="cascade",
    )
    kim_goal_id = fields.Many2one(
        "kim.case.goal",
        string="Goal",
        index="btree_not_null",
        ondelete="set null",
        domain="[('case_id', '=', kim_case_id)]",
    )
    kim_member_id = fields.Many2one(
        "kim.case.member",
        string="Family Member",
        ondelete="set null",
        domain="[('case_id', '=', kim_case_id)]",
    )
    kim_partner_org_id = fields.Many2one(
        "res.partner",
        string="Network Partner",
        domain=[("is_company", "=", True)],
        help="Organisation responsible for the measure (network partner).",
    )
    kim_legal_domain_id = fields.Many2one("kim.legal.domain", string="Legal Domain")
    kim_measure_kind = fields.Selection(MEASURE_KINDS, string="Kind of Measure")
    kim_result = fields.Text(string="Result")
    kim_shares_client_data = fields.Boolean(
        string="Shares Client Data",
        compute="_compute_kim_shares_client_data",
        store=True,
        readonly=False,
        help="Client data is passed to the network partner: a valid release from "
        "confidentiality for this partner is required.",
    )
    kim_data_category_ids = fields.Many2many(
        "kim.data.category",
        "kim_task_data_category_rel",
        "task_id",
        "category_id",
        string="Data Categories Shared",
        default=lambda self: self._kim_default_categories(),
    )

    @api.model
    def _kim_default_categories(self):
        """Master data for a measure (C-7); an ordinary task gets nothing:
        KIM changes nothing for tasks that are not measures (issue #17)."""
        if not self.env.context.get("default_kim_case_id"):
            return self.env["kim.data.category"]
        return self._kim_master_category()

    @api.model
    def _kim_master_category(self):
        return self.env.ref("kim_case.dcat_master", raise_if_not_found=False)

    @api.depends("kim_partner_org_id")
    def _compute_kim_shares_client_data(self):
        for task in self:
            task.kim_shares_client_data = bool(task.kim_partner_org_id)

    @api.constrains("kim_case_id", "kim_goal_id", "kim_member_id")
    def _check_kim_links(self):
        for task in self:
            if (task.kim_goal_id or task.kim_member_id) and not task.kim_case_id:
                raise ValidationError(
                    self.env._("A measure with a goal or member needs its case.")
                )
            if task.kim_goal_id and task.kim_goal_id.case_id != task.kim_case_id:
                raise ValidationError(
                    self.env._("The goal of a measure must belong to its case.")
                )
            if task.kim_member_id and task.kim_member_id.case_id != task.kim_case_id:
                raise ValidationError(
                    self.env._(
                        "The family member of a measure must belong to its case."
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        Case, Goal = self.env["kim.case"], self.env["kim.case.goal"]
        for vals in vals_list:
            goal_id = self._kim_value(vals, "kim_goal_id")
            if goal_id and not self._kim_value(vals, "kim_case_id"):
                vals["kim_case_id"] = Goal.browse(goal_id).case_id.id
            case = Case.browse(self._kim_value(vals, "kim_case_id"))
            if not case:
                continue
            if self._kim_value(vals, "kim_data_category_ids", None) is None:
                master = self._kim_master_category()
                vals["kim_data_category_ids"] = [Command.set(master.ids)]
            partner = self.env["res.partner"].browse(
                self._kim_value(vals, "kim_partner_org_id")
            )
            shares = self._kim_value(vals, "kim_shares_client_data", bool(partner))
            self._kim_check_measure_transfer(
                case,
                self.env["kim.case.member"].browse(
                    self._kim_value(vals, "kim_member_id")
                ),
                partner,
                shares,
                self._kim_categories_from_vals(vals),
            )
            if not self._kim_value(vals, "project_id"):
                employer = case.employer_id or case.user_id.kim_employer_id
                if employer:
                    vals["project_id"] = (
                        self.env["project.project"]._kim_help_plan_project(employer).id
                    )
        tasks = super().create(vals_list)
        tasks.filtered("kim_case_id")._kim_log_disclosure()
        return tasks

    def write(self, vals):
        checked = {
            "kim_case_id",
            "kim_member_id",
            "kim_partner_org_id",
            "kim_shares_client_data",
            "kim_data_category_ids",
        }
        if checked & vals.keys():
            Partner = self.env["res.partner"]
            for task in self:
                partner = (
                    Partner.browse(vals["kim_partner_org_id"])
                    if "kim_partner_org_id" in vals
                    else task.kim_partner_org_id
                )
                if "kim_shares_client_data" in vals:
                    shares = vals["kim_shares_client_data"]
                elif "kim_partner_org_id" in vals:
                    shares = bool(partner)  # recomputed on write
                else:
                    shares = task.kim_shares_client_data
                categories = (
                    self._kim_categories_from_vals(vals, task.kim_data_category_ids)
                    if "kim_data_category_ids" in vals
                    else task.kim_data_category_ids
                )
                self._kim_check_measure_transfer(
                    self.env["kim.case"].browse(vals["kim_case_id"])
                    if "kim_case_id" in vals
                    else task.kim_case_id,
                    self.env["kim.case.member"].browse(vals["kim_member_id"])
                    if "kim_member_id" in vals
                    else task.kim_member_id,
                    partner,
                    shares,
                    categories,
                )
        before = (
            {task: task._kim_shared_state() for task in self}
            if checked & vals.keys()
            else {}
        )
        res = super().write(vals)
        changed = self.filtered(
            lambda task: task in before and task._kim_shared_state() != before[task]
        )
        changed._kim_log_disclosure()
        return res

    # -------------------------------------------------------------- business
    @api.model
    def _kim_value(self, vals, field, default=False):
        """Value of ``field`` a create will use: given, else the context default."""
        if field in vals:
            return vals[field]
        return self.env.context.get(f"default_{field}", default)

    @api.model
    def _kim_categories_from_vals(self, vals, current=None):
        """Data categories a create/write would leave on the measure."""
        Category = self.env["kim.data.category"]
        if "kim_data_category_ids" not in vals:
            if current is not None:
                return current
            vals = {
                "kim_data_category_ids": self._kim_value(
                    vals, "kim_data_category_ids", None
                )
            }
            if vals["kim_data_category_ids"] is None:
                return self._fields["kim_data_category_ids"].default(self) or Category
        ids = x2many_ids_after(
            vals["kim_data_category_ids"], current.ids if current else []
        )
        return Category.browse(ids)

    def _kim_log_disclosure(self):
        """C-10: a measure that passes client data to an outside network
        partner is logged in the client's sharing log (in the same
        transaction; ``_kim_check_measure_transfer`` allowed it)."""
        Disclosure = self.env["kim.disclosure"]
        for task in self:
            recipient = task._kim_transfer_recipient(
                task.kim_case_id, task.kim_partner_org_id, task.kim_shares_client_data
            )
            if not recipient:
                continue
            Disclosure._kim_record(
                task.kim_member_id.partner_id or task.kim_case_id.partner_id,
                recipient,
                "handover"
                if task.kim_measure_kind in ("placement", "accompaniment")
                else "referral",
                task.kim_data_category_ids,
                case=task.kim_case_id,
                source=task,
            )

    def _kim_shared_state(self):
        """What a measure shares, with whom: a change is a new disclosure."""
        self.ensure_one()
        recipient = self._kim_transfer_recipient(
            self.kim_case_id, self.kim_partner_org_id, self.kim_shares_client_data
        )
        return (
            recipient.id,
            (self.kim_member_id.partner_id or self.kim_case_id.partner_id).id,
            frozenset(self.kim_data_category_ids.ids),
        )

    @api.model
    def _kim_transfer_recipient(self, case, partner, shares):
        """The outside organisation client data of a measure goes to, if any:
        the case's own organisation is no transfer."""
        if not (case and partner and shares):
            return self.env["res.partner"]
        organisation = partner.commercial_partner_id
        if organisation in (case.employer_id | case.user_id.kim_employer_id):
            return self.env["res.partner"]
        return organisation

    @api.model
    def _kim_check_measure_transfer(self, case, member, partner, shares, categories):
        """C-7: client data goes to a network partner only under a valid release
        of the person concerned (the member, else the case's client) for that
        partner. The case's own organisation is no transfer. Raises before
        anything is written."""
        organisation = self._kim_transfer_recipient(case, partner, shares)
        if not organisation:
            return
        client = member.partner_id or case.partner_id
        self.env["kim.consent"]._kim_check_transfer(client, organisation, categories)
