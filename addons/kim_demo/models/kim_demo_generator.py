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

    def _kim_env(self):
        """The demo speaks German: names, notes and activities that the
        generators' calls compose (``env._``, creation messages) are stored
        in the Kreis' language, not in the installing process' English."""
        return self.with_context(lang="de_DE").env

    @api.model
    def _generate_cases(self):
        return cases.generate(self._kim_env())

    @api.model
    def _generate_governance(self):
        return governance.generate(self._kim_env())

    @api.model
    def _generate_accounting(self):
        return accounting.generate(self._kim_env())

    @api.model
    def _generate_abh_requests(self):
        return abh_requests.generate(self._kim_env())

    @api.model
    def _generate_inquiries(self):
        return inquiries.generate(self._kim_env())

    @api.model
    def _complete_stages(self):
        return stages.generate(self._kim_env())
