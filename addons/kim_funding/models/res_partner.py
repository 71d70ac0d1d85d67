# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _kim_qualifies_for_coordination(self):
        """F-1: own ABH, youth office and integration council."""
        return bool(
            len(self) == 1
            and self.kim_is_municipality
            and self.kim_has_abh
            and self.kim_has_youth_office
            and self.kim_has_integration_council
        )
