# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProjectProject(models.Model):
    """Help-plan projects of KIM (C-7).

    Decision: measures of the help plan are ``project.task`` records in **one
    project per employing organisation** ("KIM Help Plan – <organisation>",
    German "KIM Hilfeplan – <Träger>"), created on demand with the first
    measure of a case of that organisation. The project is private
    (``privacy_visibility = 'followers'``) and gets no followers: nobody sees
    its tasks through project membership. Who sees a measure is decided by the
    case alone (global record rule "KIM measure: follows the case" on
    ``project.task``). One project per organisation instead of one per case
    keeps the project list short and lets the organisation plan its workload,
    while the case rule keeps every measure as private as its case.
    """

    _inherit = "project.project"

    kim_employer_id = fields.Many2one(
        "res.partner",
        string="KIM Help Plan of",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        help="Employing organisation whose case managers' measures this project "
        "holds (C-7).",
    )

    _sql_constraints = [
        (
            "kim_employer_unique",
            "unique(kim_employer_id)",
            "An organisation has only one KIM help-plan project.",
        ),
    ]

    @api.model
    def _kim_help_plan_project(self, employer):
        """The help-plan project of ``employer``, created on demand."""
        Project = self.sudo()  # justified: infrastructure record, no client data
        project = Project.with_context(active_test=False).search(
            [("kim_employer_id", "=", employer.id)], limit=1
        )
        if not project:
            project = Project.with_context(mail_create_nosubscribe=True).create(
                {
                    "name": self.env._(
                        "KIM Help Plan – %(organisation)s",
                        organisation=employer.name,
                    ),
                    "kim_employer_id": employer.id,
                    "privacy_visibility": "followers",
                    "user_id": False,
                }
            )
        return project.sudo(False)
