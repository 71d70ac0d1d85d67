# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0 (issue #17): copies of ordinary projects carried the action-plan
year 0 (the copied empty value); no project is the action plan of year 0."""


def migrate(cr, version):
    if version:
        cr.execute(
            "UPDATE project_project SET kim_action_plan_year = NULL "
            "WHERE kim_action_plan_year = 0"
        )
