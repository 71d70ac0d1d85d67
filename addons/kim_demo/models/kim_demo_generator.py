# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..generators import (
    abh_requests,
    accounting,
    cases,
    governance,
    inquiries,
    stages,
)


class KimDemoGenerator(models.AbstractModel):
    """Entry points of the demo data files (``<function>``): each generator
    runs once and does nothing when its records exist (an upgrade or a second
    install keeps the demo as it is). Private: no RPC call reaches them."""

    _name = "kim.demo.generator"
    _description = "KIM Demo Generator"

    @api.model
    def _generate_cases(self):
        return cases.generate(self.env)

    @api.model
    def _generate_governance(self):
        return governance.generate(self.env)

    @api.model
    def _generate_accounting(self):
        return accounting.generate(self.env)

    @api.model
    def _generate_abh_requests(self):
        return abh_requests.generate(self.env)

    @api.model
    def _generate_inquiries(self):
        return inquiries.generate(self.env)

    @api.model
    def _complete_stages(self):
        return stages.generate(self.env)
