# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixture of the kim_abh tests: a foreigners' (ABH) and a naturalisation
authority (EBH) with one staff user each, a client with a case and a release
for the ABH. No test methods here."""

from datetime import date

from odoo.addons.kim_case.tests.common import KimCaseCommon


class KimAbhCommon(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.org_abh, cls.org_ebh = Partner.create(
            [
                {
                    "name": "ABH Testkreis",
                    "is_company": True,
                    "kim_partner_type_id": cls.env.ref("kim_case.ptype_abh").id,
                },
                {
                    "name": "EBH Testkreis",
                    "is_company": True,
                    "kim_partner_type_id": cls.env.ref("kim_case.ptype_ebh").id,
                },
            ]
        )
        # authority staff work for their authority, no KIM employer (#16)
        cls.user_abh = cls._kim_user(
            "abh_staff",
            "kim_case.group_kim_authority",
            None,
            kim_authority_id=cls.org_abh.id,
        )
        cls.user_ebh = cls._kim_user(
            "ebh_staff",
            "kim_case.group_kim_authority",
            None,
            kim_authority_id=cls.org_ebh.id,
        )
        cls.topic_residence = cls.env.ref("kim_abh.topic_residence")
        cls.topic_naturalisation = cls.env.ref("kim_abh.topic_naturalisation")
        cls.topic_discussion = cls.env.ref("kim_abh.topic_case_discussion")
        cls.topic_104c = cls.env.ref("kim_abh.topic_104c")
        cls.client = cls._client(
            "Samir Testmann",
            kim_nationality_id=cls.env.ref("base.sy").id,
            kim_residence_status_id=cls.env.ref("kim_case.res_duldung").id,
            kim_entry_date=date(2018, 9, 1),
            email="samir@example.com",
            phone="+49 2581 000000",
        )
        cls.case = cls._case(client=cls.client)
        cls.release = cls._consent(
            cls.client,
            "release",
            recipient_id=cls.org_abh.id,
            case_id=cls.case.id,
        )

    @classmethod
    def _request(cls, user=None, topic=None, authority=None, **values):
        return (
            cls.env["kim.abh.request"]
            .with_user(user or cls.user_cm_a)
            .create(
                {
                    "case_id": cls.case.id,
                    "authority_id": (authority or cls.org_abh).id,
                    "topic_id": (topic or cls.topic_residence).id,
                    "question": "Ist eine Beschäftigungsduldung möglich?",
                    "date_request": date(2026, 3, 2),
                }
                | values
            )
        )
