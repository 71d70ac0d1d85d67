# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.kim_case.tests.common import KimCaseCommon


class KimGovernanceCommon(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.steering = cls.env["kim.committee"].create(
            {
                "name": "Lenkungsgruppe Test",
                "committee_type": "steering",
                "rhythm": "half_yearly",
            }
        )

    @classmethod
    def _observation(cls, case, category="missing_offer", **values):
        return cls.env["kim.case.observation"].create(
            {"case_id": case.id, "category": category, "text": "Lücke"} | values
        )
