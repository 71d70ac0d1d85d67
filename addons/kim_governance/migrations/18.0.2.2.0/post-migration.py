# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.2.0 (issue #21, G-8): milestones of the action plans get a status;
those already ticked as reached are "reached", the others "planned".
Milestones of other projects stay untouched."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE project_milestone m
           SET kim_state = CASE WHEN m.is_reached THEN 'reached' ELSE 'planned' END
          FROM project_project p
         WHERE p.id = m.project_id
           AND p.kim_action_plan_year IS NOT NULL
           AND m.kim_state IS NULL
        """
    )
