# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import date

from odoo.exceptions import AccessError

from ..models.res_partner import LINK_SKIP_MODELS, LINK_SKIP_PREFIXES
from .common import KimCaseCommon


class TestCaseArt15(KimCaseCommon):
    """Art. 15 GDPR: a copy of everything stored about a client (C-10)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._client(
            "Lina Auskunft", kim_health_note="Allergie", city="Testhausen"
        )
        cls.case = cls._case(client=cls.client)
        cls.env["kim.case.contact"].create(
            {"case_id": cls.case.id, "note": "Erstgespräch mit Lina"}
        )
        cls.env["kim.case.substitute"].create(
            {
                "case_id": cls.case.id,
                "user_id": cls.user_cm_b.id,
                "date_to": date(2030, 1, 1),
                "reason": "Urlaubsvertretung",
            }
        )
        cls._consent(cls.client, "release", case_id=cls.case.id)
        # a family case of another client in which Lina is a member
        cls.other_case = cls._case()
        cls.other_case.member_ids = [
            (0, 0, {"partner_id": cls.client.id, "role": "sibling"})
        ]
        cls.unrelated_case = cls._case(client=cls._client("Fremde Person"))

    def setUp(self):
        super().setUp()
        self.case.message_post(body="Notiz zu Lina")

    def _export(self, user):
        action = self.client.with_user(user).action_kim_export_art15()
        attachment_id = int(action["url"].split("/")[-1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        return json.loads(attachment.raw)

    def test_json_export_covers_linked_records(self):
        """C-10: the lead downloads a JSON with the person and every record
        linked to the client: cases (also as a family member), members,
        contacts, consents, substitutions — nothing of other clients' cases."""
        data = self._export(self.user_lead)
        sections = {s["model"]: s["records"] for s in data["sections"]}
        person = sections["res.partner"][0]
        self.assertEqual(person["Name"], "Lina Auskunft")
        self.assertEqual(person["Birth Date"], "1990-05-17")
        self.assertEqual(person["Health Notes"], "Allergie")
        case_ids = {r["id"] for r in sections["kim.case"]}
        self.assertEqual(case_ids, {self.case.id, self.other_case.id})
        self.assertNotIn(self.unrelated_case.id, case_ids)
        notes = [r["Confidential Note"] for r in sections["kim.case.contact"]]
        self.assertEqual(notes, ["Erstgespräch mit Lina"])
        self.assertEqual(
            sections["kim.case.substitute"][0]["Reason"], "Urlaubsvertretung"
        )
        self.assertEqual(
            sections["kim.consent"][0]["Purpose"], "Abstimmung der Leistungen"
        )
        members = {r["Person"]["name"] for r in sections["kim.case.member"]}
        self.assertIn("Lina Auskunft", members)
        texts = [r["Text"] for r in sections["mail.message"]]
        self.assertIn("Notiz zu Lina", texts)

    def test_pdf_report_same_data(self):
        """C-10: the same data as a printable report (HTML rendering)."""
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.user_lead)
            ._render_qweb_html("kim_case.report_kim_art15", self.client.ids)
        )
        html = html.decode()
        for text in (
            "Lina Auskunft",
            "17.05.1990",  # the German part, in German format
            "Erstgespräch mit Lina",
            "Notiz zu Lina",
        ):
            self.assertIn(text, html)
        self.assertIn(self.case.name, html)

    def test_export_lead_only(self):
        """C-10: case managers and coordination cannot export, nothing is
        created by the refused attempt."""
        attachments = self.env["ir.attachment"].search_count([])
        for user in (self.user_cm_a, self.user_coordination):
            with self.assertRaises(AccessError):
                self.client.with_user(user).action_kim_export_art15()
            with self.assertRaises(AccessError):
                self.client.with_user(user)._kim_art15_printable()
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    def test_export_covers_every_linked_model(self):
        """C-10 / Art. 15 GDPR: every model with a many2one to a case or a
        person (read from ``ir.model.fields``, so a model added later cannot
        be missed) is followed by the export, apart from the documented
        technical models; records of standard models linked to the client
        (meetings, measures, inquiries) are in the export."""
        declared = self.env["ir.model.fields"].search(
            [
                ("ttype", "=", "many2one"),
                ("relation", "in", ("kim.case", "res.partner")),
                ("store", "=", True),
            ]
        )
        followed = self.env["res.partner"]._kim_link_fields()
        checked = 0
        for field in declared:
            model = field.model
            Model = self.env.get(model)
            if (
                Model is None
                or model in LINK_SKIP_MODELS
                or model.startswith(LINK_SKIP_PREFIXES)
                or Model._abstract
                or Model._transient
                or not Model._auto
                or model == "kim.case"
            ):
                continue
            self.assertIn(field.name, followed.get(model, []), f"{model}.{field.name}")
            checked += 1
        self.assertGreater(checked, 10)
        event = self.env["calendar.event"].create(
            {
                "name": "Termin Lina",
                "kim_case_id": self.case.id,
                "start": "2026-01-05 09:00:00",
                "stop": "2026-01-05 10:00:00",
            }
        )
        task = self.env["project.task"].create(
            {"name": "Maßnahme Lina", "kim_case_id": self.case.id}
        )
        lead = self.env["crm.lead"].create(
            {"name": "Anfrage Lina", "partner_id": self.client.id}
        )
        data = self._export(self.user_lead)
        sections = {s["model"]: s["records"] for s in data["sections"]}
        for record in (event, task, lead):
            self.assertIn(record.id, [r["id"] for r in sections.get(record._name, [])])
