# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0 (issue #16 item 5): authority staff get their own field.

Until 18.0.1.0.0 the staff of a foreigners' or naturalisation authority had
the authority as KIM employer (``kim_employer_id``), so authorities showed up
among the organisations a case can be filed under. Their users now carry it in
``kim_authority_id``; an authority that employs nobody in KIM and holds no
case is no longer flagged as KIM employer.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE res_users u
           SET kim_authority_id = u.kim_employer_id, kim_employer_id = NULL
          FROM res_partner p
          JOIN kim_partner_type t ON t.id = p.kim_partner_type_id
         WHERE p.id = u.kim_employer_id
           AND t.is_authority
           AND u.kim_authority_id IS NULL
           AND u.id IN (
               SELECT r.uid FROM res_groups_users_rel r
                 JOIN ir_model_data d
                   ON d.res_id = r.gid AND d.model = 'res.groups'
                WHERE d.module = 'kim_case' AND d.name = 'group_kim_authority')
        """
    )
    cr.execute(
        """
        UPDATE res_partner p
           SET kim_is_employer = FALSE
          FROM kim_partner_type t
         WHERE t.id = p.kim_partner_type_id
           AND t.is_authority
           AND p.kim_is_employer
           AND NOT EXISTS (SELECT 1 FROM kim_case c WHERE c.employer_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.kim_employer_id = p.id)
        """
    )
