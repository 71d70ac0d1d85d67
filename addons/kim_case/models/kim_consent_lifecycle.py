# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import kim_today


class KimConsent(models.Model):
    _inherit = "kim.consent"

    expiry_alert_date = fields.Date(
        string="Expiry Alert Sent For",
        readonly=True,
        copy=False,
        help="End of validity for which the case managers were already alerted.",
    )

    @api.model
    def _kim_alert_release_expiry(self):
        """C-10: a release from confidentiality ending within the lead time
        (``kim_case.consent_alert_days``) creates one To-Do per case manager of
        the client's open cases, once per end date."""
        today = kim_today(self)
        days = self.env["kim.case"]._kim_int_param("kim_case.consent_alert_days", 30)
        # justified: system job over all consents, no user session
        releases = self.sudo().search(
            [
                ("consent_type", "=", "release"),
                ("valid_until", ">=", today),
                ("valid_until", "<=", fields.Date.add(today, days=days)),
                "|",
                ("withdrawn_date", "=", False),
                ("withdrawn_date", ">", today),
            ]
        )
        releases = releases.filtered(lambda r: r.expiry_alert_date != r.valid_until)
        # justified: see above
        cases = self.env["kim.case"].sudo()._kim_open_cases_of(releases.partner_id)
        for release in releases:
            users = (
                release.case_id.user_id
                if release.case_id and not release.case_id.is_closed
                else cases.filtered(
                    lambda c, r=release: r.partner_id in c.member_ids.partner_id
                ).user_id
            )
            for user in users:
                release.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=self.env._("Release from confidentiality expires"),
                    note=self.env._(
                        "The release for %(recipient)s ends on %(date)s: renew it "
                        "or stop passing data on.",
                        recipient=release.recipient_id.display_name,
                        date=release.valid_until,
                    ),
                    user_id=user.id,
                )
            if users:
                release.expiry_alert_date = release.valid_until
        return releases
