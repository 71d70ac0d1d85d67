# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixture shared by the KIM addons' tests: one user per role and employer,
a district with its coordinator, helpers to create clients, cases and consents.

No test methods here; downstream addons import this class (never a class that
contains tests).
"""

import base64
from datetime import date

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
        cls.org_jobcenter, cls.org_mbe = Partner.create(
            [
                {
                    "name": "Jobcenter Testkreis",
                    "is_company": True,
                    "kim_partner_type_id": cls.env.ref("kim_case.ptype_jobcenter").id,
                },
                {
                    "name": "MBE Testverband",
                    "is_company": True,
                    "kim_partner_type_id": cls.env.ref("kim_case.ptype_mbe").id,
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
        cls.district_north, cls.district_south = cls.env["kim.district"].create(
            [
                {
                    "name": "Testbezirk Nord",
                    "coordinator_ids": [cls.user_coordination.id],
                },
                {"name": "Testbezirk Süd"},
            ]
        )
        cls.municipality = Partner.create(
            {
                "name": "Gemeinde Testdorf",
                "is_company": True,
                "kim_is_municipality": True,
                "kim_ags": "05570999",
                "kim_district_id": cls.district_north.id,
            }
        )
        cls.stage_intake = cls.env.ref("kim_case.stage_intake")
        cls.stage_assessment = cls.env.ref("kim_case.stage_assessment")
        cls.stage_help_plan = cls.env.ref("kim_case.stage_help_plan")
        cls.type_cm = cls.env.ref("kim_case.case_type_cm")
        cls.type_short = cls.env.ref("kim_case.case_type_short")
        cls.cat_master = cls.env.ref("kim_case.dcat_master")
        cls.cat_residence = cls.env.ref("kim_case.dcat_residence")
        cls.cat_health = cls.env.ref("kim_case.dcat_health")

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

    @classmethod
    def _client(cls, name="Amina Testperson", **values):
        return cls.env["res.partner"].create(
            {"name": name, "kim_is_client": True, "kim_birthdate": date(1990, 5, 17)}
            | values
        )

    @classmethod
    def _case(cls, user=None, client=None, **values):
        user = user or cls.user_cm_a
        return cls.env["kim.case"].create(
            {
                "partner_id": (client or cls._client()).id,
                "user_id": user.id,
                "employer_id": user.kim_employer_id.id,
                "district_id": cls.district_north.id,
                "type_id": cls.type_cm.id,
            }
            | values
        )

    @classmethod
    def _document(cls, name="unterschrift.pdf"):
        return cls.env["ir.attachment"].create(
            {"name": name, "datas": base64.b64encode(b"%PDF-1.4 signed")}
        )

    @classmethod
    def _consent(cls, client, consent_type="dp_agreement", **values):
        vals = {
            "partner_id": client.id,
            "consent_type": consent_type,
            "valid_from": date(2020, 1, 1),
            "date_signed": values.get("valid_from", date(2020, 1, 1)),
            "document_ids": [cls._document().id],
        }
        if consent_type == "release":
            vals |= {
                "recipient_id": cls.org_jobcenter.id,
                "data_category_ids": [cls.cat_master.id, cls.cat_residence.id],
                "purpose": "Abstimmung der Leistungen",
            }
        return cls.env["kim.consent"].create(vals | values)
