# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixture shared by the KIM addons' tests: one user per role and employer.

No test methods here; downstream addons import this class (never a class that
contains tests).
"""

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class KimCaseCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Partner = cls.env["res.partner"]
        cls.org_ki, cls.org_city, cls.org_welfare = Partner.create(
            [
                {"name": "KI Testkreis", "is_company": True, "kim_is_employer": True},
                {
                    "name": "Stadt Testhausen",
                    "is_company": True,
                    "kim_is_employer": True,
                },
                {
                    "name": "Wohlfahrt Test e. V.",
                    "is_company": True,
                    "kim_is_employer": True,
                },
            ]
        )
        cls.user_cm_a = cls._kim_user(
            "cm_a", "kim_case.group_kim_case_manager", cls.org_ki
        )
        cls.user_cm_b = cls._kim_user(
            "cm_b", "kim_case.group_kim_case_manager", cls.org_welfare
        )
        cls.user_coordination = cls._kim_user(
            "coord", "kim_case.group_kim_coordination", cls.org_ki
        )
        cls.user_lead = cls._kim_user("lead", "kim_case.group_kim_lead", cls.org_ki)
        cls.user_finance = cls._kim_user(
            "fin", "kim_case.group_kim_finance", cls.org_ki
        )
        cls.user_authority = cls._kim_user(
            "abh", "kim_case.group_kim_authority", cls.org_ki
        )
        cls.user_steering = cls._kim_user("steer", "kim_case.group_kim_steering", None)
        cls.user_portal = cls._kim_user(
            "portal", "base.group_portal,kim_case.group_kim_portal", cls.org_welfare
        )

    @classmethod
    def _kim_user(cls, login, groups, employer, **values):
        if not groups.startswith("base.group_portal"):
            groups = "base.group_user," + groups
        return new_test_user(
            cls.env,
            login=f"kim_test_{login}",
            groups=groups,
            name=f"Test {login}",
            kim_employer_id=employer.id if employer else False,
            **values,
        )
