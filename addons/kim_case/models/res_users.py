# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

# C-14: maintained by the KIM lead (degree, certificate, trainings)
QUALIFICATION_FIELDS = {
    "kim_degree",
    "kim_cm_certificate",
    "kim_cm_certificate_date",
    "kim_training_ids",
}

# Fields a user never changes on their own account, whatever an installed
# module lists as self-writeable: they decide what the user may see.
# Odoo 18.0 nightly 2024-10-02 has calendar return SELF_READABLE_FIELDS
# (groups, login, company …) from SELF_WRITEABLE_FIELDS, and res.users writes
# a user's own record as superuser when every written field is in that list.
SELF_PROTECTED_FIELDS = {
    "groups_id",
    "login",
    "company_id",
    "company_ids",
    "share",
    "active",
    "partner_id",
    "password",
    "new_password",
    "device_ids",
    "write_date",
    "tz_offset",
}
# the preferences dialog and RPC may send groups as reified fields
REIFIED_GROUP_PREFIXES = ("in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    kim_employer_id = fields.Many2one(
        "res.partner",
        string="KIM Employer",
        domain=[("kim_is_employer", "=", True)],
        index="btree_not_null",
        help="Organisation employing this user in KIM (X-1, C-12): it scopes "
        "which cases and records the user may see.",
    )

    # --- C-14: case-manager qualification: degree (social work/social
    # pedagogy or equivalent), the mandatory case-management certificate
    # (15 days / 120 teaching hours) and trainings attended; maintained by the
    # KIM lead
    kim_degree = fields.Char(
        string="Degree",
        groups="kim_case.group_kim_lead",
        help="E.g. social work / social pedagogy or an equivalent degree.",
        copy=False,
    )
    kim_cm_certificate = fields.Boolean(
        string="Case-Management Certificate",
        groups="kim_case.group_kim_lead",
        help="Certificate course in case management (15 days / 120 teaching hours).",
        copy=False,
    )
    kim_cm_certificate_date = fields.Date(
        string="Certificate Date", groups="kim_case.group_kim_lead", copy=False
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

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["kim_employer_id"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        """X-1: what a user may change on their own account (preferences), never
        what decides their access, whatever another module adds."""
        return [
            name
            for name in super().SELF_WRITEABLE_FIELDS
            if not self._kim_is_self_protected(name)
        ]

    def _kim_is_self_protected(self, name):
        """True for a field of res.users that widens or moves access: groups
        (also as reified fields), login, companies, the KIM employer and every
        other KIM field, and relations to groups or companies (the KIM lead's
        qualification fields have their own check)."""
        if name in QUALIFICATION_FIELDS:
            return False
        if name in SELF_PROTECTED_FIELDS or name.startswith(
            (*REIFIED_GROUP_PREFIXES, "kim_")
        ):
            return True
        field = self._fields.get(name)
        comodel = getattr(field, "comodel_name", None)
        return comodel in ("res.groups", "res.company")

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
        self._kim_check_self_write(vals)
        res = super().write(vals)
        if any(
            name == "groups_id" or name.startswith(REIFIED_GROUP_PREFIXES)
            for name in vals
        ):
            self._kim_apply_home_action()
        return res

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._kim_apply_home_action()
        return users

    # ------------------------------------------------- home screen (issue #21)
    @api.model
    def _kim_home_actions(self):
        """(precedence, role group, home action) as XML ids: each KIM role
        lands on its work after login. The KIM addons add their roles'."""
        return [
            (20, "kim_case.group_kim_case_manager", "kim_case.action_kim_my_day"),
            (30, "kim_case.group_kim_coordination", "kim_case.action_kim_my_day"),
        ]

    @api.model
    def _kim_apply_home_action_all(self):
        """Data-file hook of every KIM addon that brings a home: on install
        and update, internal users with a KIM role get their home."""
        self.with_context(active_test=False).search(
            [("share", "=", False)]
        )._kim_apply_home_action()

    def _kim_apply_home_action(self):
        """Give internal users with a KIM role the home action of their first
        role (Odoo's ``action_id``, "Home Action"). A home action the
        administrator chose that is not a KIM home is kept; users without a
        KIM role are left as they are, unless their KIM home no longer fits.
        Odoo administrators (Settings) keep Odoo's home: they run every app
        of the database, KIM is one of them."""
        homes = []
        for _precedence, group_xmlid, action_xmlid in sorted(self._kim_home_actions()):
            group = self.env.ref(group_xmlid, raise_if_not_found=False)
            action = self.env.ref(action_xmlid, raise_if_not_found=False)
            if group and action:
                homes.append((group, action))
        kim_action_ids = {action.id for _group, action in homes}
        system = self.env.ref("base.group_system")
        for user in self:
            if user.action_id and user.action_id.id not in kim_action_ids:
                continue
            wanted = next(
                (
                    action.id
                    for group, action in homes
                    if not user.share
                    and system not in user.groups_id
                    and group in user.groups_id
                ),
                False,
            )
            if user.action_id.id != wanted:
                user.action_id = wanted

    def _kim_check_self_write(self, vals):
        """X-1: refuse, before anything is written, a user's change of their own
        groups, login, company, KIM employer or roles; only user
        administrators (Settings > Access Rights) change these."""
        if (
            self.env.su
            or self.env.user not in self
            or self.env.user.has_group("base.group_erp_manager")
        ):
            return
        protected = sorted(name for name in vals if self._kim_is_self_protected(name))
        if protected:
            raise AccessError(
                self.env._(
                    "You cannot change your own access (%(fields)s). Ask the "
                    "administrator of the KIM users.",
                    fields=", ".join(protected),
                )
            )
