# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0 (issue #17): days and deadlines (§4), access by stored fields (§5).

- The lead time of the release renewal alert moves from the setting
  ``kim_case.consent_alert_days`` (calendar days) to the dated deadline rule
  ``consent_renewal_alert`` (shipped: 20 working days). A county that had
  changed the setting keeps its figure, in calendar days.
- Cases reactivated before this version get their reactivation day from the
  tracking of the closing date (the day it was emptied), so that they keep a
  fresh inactivity period (C-8) instead of closing the next night.
- §5: inquiries belong to an organisation, whose staff see them as they see
  cases. Existing inquiries of KIM intake teams get the organisation of their
  case, else of their responsible user, else of their author; with none of
  these the inquiry is left to the KIM lead. (The stored set of entitled
  users per case and the in-force flags of substitutions and authority
  requests are new stored computed fields: Odoo computes them on upgrade.)
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
    # §5: the organisation an inquiry is for
    cr.execute(
        """
        UPDATE crm_lead l
           SET kim_employer_id = COALESCE(c.employer_id, ru.kim_employer_id,
                                          cu.kim_employer_id)
          FROM crm_team t, crm_lead l2
          LEFT JOIN kim_case c ON c.id = l2.kim_case_id
          LEFT JOIN res_users ru ON ru.id = l2.user_id
          LEFT JOIN res_users cu ON cu.id = l2.create_uid
         WHERE l2.id = l.id
           AND t.id = l.team_id
           AND t.kim_intake
           AND l.kim_employer_id IS NULL
        """
    )
