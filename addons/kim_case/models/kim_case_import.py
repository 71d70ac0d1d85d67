# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-5: importing cases (Odoo's import dialog): clean lists of external ids
and messages in the user's language (see ``kim_case.tools``)."""

from odoo import api, models

from ..tools import kim_import_clean, kim_import_messages


class KimCase(models.Model):
    _inherit = "kim.case"

    @api.model
    def load(self, fields, data):
        data = kim_import_clean(fields, data)
        return kim_import_messages(self.env, super().load(fields, data))
