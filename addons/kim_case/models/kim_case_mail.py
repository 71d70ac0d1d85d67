# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class KimCase(models.Model):
    """C-10: the chatter of a case is a way out of the case file. Messages and
    followers outside the case's own organisation need a valid release of the
    client for the recipient's organisation, as case conferences do; staff
    without access to the case get nothing."""

    _inherit = "kim.case"

    def _kim_blocked_recipients(self, partners):
        """The partners among ``partners`` that may not receive content of
        the case ``self``: internal users without access to the case, and
        outside people whose organisation no valid release covers. The client
        and the family members are the data subjects themselves."""
        self.ensure_one()
        # sudo: who the partners are (users, organisation) and the case's
        # family; nothing of it is returned to the caller
        case = self.sudo()
        subjects = case.partner_id | case.member_ids.partner_id
        own = case.employer_id | case.user_id.kim_employer_id
        Consent = self.env["kim.consent"]
        blocked = self.env["res.partner"]
        # sudo: the recipients' users and organisations, read to decide only
        for partner in partners.sudo() - subjects:
            staff = partner.user_ids.filtered(lambda u: not u.share)
            if staff:
                if not any(self.with_user(u).has_access("read") for u in staff):
                    blocked |= partner
            elif partner.commercial_partner_id not in own and not (
                Consent._kim_may_transfer(case.partner_id, partner)
            ):
                blocked |= partner
        return blocked.with_env(self.env)

    def _kim_check_recipients(self, partner_ids):
        if not partner_ids:
            return True
        partners = self.env["res.partner"].browse(partner_ids)
        # sudo: the names of recipients the user picked, for the message only
        names_env = partners.sudo().env
        for case in self:
            blocked = case._kim_blocked_recipients(partners)
            if blocked:
                raise UserError(
                    self.env._(
                        "Case %(case)s cannot go to %(names)s: they have no "
                        "access to the case and no valid release from "
                        "confidentiality of the client covers them. Nothing was "
                        "sent.",
                        case=case.name,
                        names=", ".join(
                            blocked.with_env(names_env).mapped("display_name")
                        ),
                    )
                )
        return True

    def message_post(self, **kwargs):
        if not self.env.su:
            self._kim_check_recipients(kwargs.get("partner_ids") or [])
        return super().message_post(**kwargs)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        if not self.env.su:
            self._kim_check_recipients(partner_ids or [])
        return super()._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """Followers whose release was withdrawn or expired since they were
        added get no more notifications (also for messages posted as
        superuser)."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if len(self) != 1 or not recipients:
            return recipients
        partners = self.env["res.partner"].browse(
            [r["id"] for r in recipients if r.get("id")]
        )
        blocked = set(self._kim_blocked_recipients(partners).ids)
        return [r for r in recipients if r.get("id") not in blocked]
