# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0 (issue #17 §5): inquiries belong to an organisation.

The intake's inquiries are visible to the staff of the organisation they are
for, as cases are. Existing inquiries of KIM intake teams are given the
organisation of their case, else of their responsible user, else of their
author; none of these set leaves the inquiry to the KIM lead.
(The stored sets of entitled users per case and the stored in-force flags
of substitutions and authority requests are new stored computed fields:
Odoo computes them for every record when the columns are added.)
"""


def migrate(cr, version):
    if not version:
        return
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
