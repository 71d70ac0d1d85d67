# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0 (issue #17 §4): days and deadlines.

- The lead time of the release renewal alert moves from the setting
  ``kim_case.consent_alert_days`` (calendar days) to the dated deadline rule
  ``consent_renewal_alert`` (shipped: 20 working days). A county that had
  changed the setting keeps its figure, in calendar days.
- Cases reactivated before this version get their reactivation day from the
  tracking of the closing date (the day it was emptied), so that they keep a
  fresh inactivity period (C-8) instead of closing the next night.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Param = env["ir.config_parameter"]
    days = Param.get_param("kim_case.consent_alert_days")
    rule = env.ref("kim_case.deadline_consent_renewal_alert", raise_if_not_found=False)
    if days and days.strip().isdigit() and int(days) != 30 and rule:
        rule.write(
            {
                "value": int(days),
                "unit": "calendar_days",
                "note": "Übernommen aus der Einstellung (Kalendertage)",
            }
        )
    Param.search([("key", "=", "kim_case.consent_alert_days")]).unlink()
    cr.execute(
        """
        UPDATE kim_case c
           SET reactivated_date = sub.day
          FROM (
                SELECT m.res_id, max(m.date)::date AS day
                  FROM mail_tracking_value t
                  JOIN mail_message m ON m.id = t.mail_message_id
                  JOIN ir_model_fields f ON f.id = t.field_id
                 WHERE m.model = 'kim.case'
                   AND f.model = 'kim.case'
                   AND f.name = 'closed_date'
                   AND t.old_value_datetime IS NOT NULL
                   AND t.new_value_datetime IS NULL
                 GROUP BY m.res_id
               ) sub
         WHERE c.id = sub.res_id
           AND c.reactivation_count > 0
           AND c.closed_date IS NULL
           AND c.reactivated_date IS NULL
        """
    )
