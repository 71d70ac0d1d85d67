# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiAbhRequest(HttpCase):
    def test_request_tour(self):
        """A-1: a case manager sends a request from the case, the authority
        answers it, the case manager reads the answer and closes it."""
        Partner = self.env["res.partner"]
        employer = Partner.create(
            {"name": "KI Tourkreis", "is_company": True, "kim_is_employer": True}
        )
        abh = Partner.create(
            {
                "name": "ABH Tourkreis",
                "is_company": True,
                "kim_partner_type_id": self.env.ref("kim_case.ptype_abh").id,
            }
        )
        cm = new_test_user(
            self.env,
            login="kim_tour_abh_cm",
            groups="base.group_user,kim_case.group_kim_case_manager",
            kim_employer_id=employer.id,
        )
        new_test_user(
            self.env,
            login="kim_tour_abh_staff",
            groups="base.group_user,kim_case.group_kim_authority",
            kim_authority_id=abh.id,
        )
        client = Partner.create(
            {
                "name": "Tour Klient",
                "kim_is_client": True,
                "kim_birthdate": date(1995, 1, 1),
            }
        )
        case = self.env["kim.case"].create(
            {"partner_id": client.id, "user_id": cm.id, "employer_id": employer.id}
        )
        document = self.env["ir.attachment"].create(
            {"name": "entbindung.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )
        self.env["kim.consent"].create(
            {
                "partner_id": client.id,
                "consent_type": "release",
                "recipient_id": abh.id,
                "data_category_ids": [
                    self.env.ref("kim_case.dcat_master").id,
                    self.env.ref("kim_case.dcat_residence").id,
                ],
                "purpose": "Klärung des Aufenthalts",
                "valid_from": date(2020, 1, 1),
                "document_ids": [document.id],
            }
        )
        self.start_tour(
            f"/odoo/kim-cases/{case.id}",
            "kim_abh_request_send_tour",
            login="kim_tour_abh_cm",
        )
        request = case.kim_abh_request_ids
        self.assertEqual(request.authority_id, abh)
        self.start_tour(
            f"/odoo/kim-authority-requests/{request.id}",
            "kim_abh_request_answer_tour",
            login="kim_tour_abh_staff",
        )
        self.assertEqual(request.state, "answered")
        self.start_tour(
            f"/odoo/kim-authority-requests/{request.id}",
            "kim_abh_request_read_tour",
            login="kim_tour_abh_cm",
        )
        self.assertEqual(request.state, "done")
