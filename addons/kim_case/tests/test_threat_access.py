# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat scenario 1 (issue #7) for kim_case: cross-organisation leakage."""

from datetime import date, timedelta

from odoo.tests import tagged

from .common import KimCaseCommon
from .figures import report_figure
from .threat import Sample, ThreatMatrixMixin, unique

CATALOGUE = "-r-- -r-- -r-- crwd -r-- -r-- -r-- ----"
CASE_CONTENT = "crwd ---- -r-- crwd ---- ---- ---- ----"
# measures, conferences, chatter and files of a case: coordination, which may
# write the cases it supervises (Fachaufsicht), may also maintain these
CASE_LINKED = "crwd ---- crwd crwd ---- ---- ---- ----"

# roles: cm_a cm_b coordination lead finance steering authority portal
MATRIX = {
    "kim.language": CATALOGUE,
    "kim.legal.domain": CATALOGUE,
    "kim.life.domain": CATALOGUE,
    "kim.partner.type": CATALOGUE,
    "kim.target.group": CATALOGUE,
    "kim.data.category": CATALOGUE,
    "kim.residence.status": CATALOGUE,
    "kim.case.type": CATALOGUE,
    "kim.case.stage": CATALOGUE,
    "kim.case.close.reason": CATALOGUE,
    "kim.district": CATALOGUE,
    "kim.case": "crw- ---- -rw- crwd ---- ---- ---- ----",
    "kim.case.member": CASE_CONTENT,
    "kim.case.substitute": CASE_CONTENT,
    "kim.case.contact": CASE_CONTENT,
    "kim.consent": "crw- ---- -r-- crwd ---- ---- ---- ----",
    "kim.case.assessment": CASE_CONTENT,
    "kim.case.assessment.line": CASE_CONTENT,
    "kim.case.observation": CASE_CONTENT,
    "kim.case.goal": CASE_CONTENT,
    "kim.training": "---- ---- ---- crwd ---- ---- ---- ----",
    "kim.case.contact.bulk": "crwd c--- ---- c--- ---- ---- ---- ----",
    # standard models extended with case links (records of CM-A's case)
    "res.partner:client": "crwx c--- -r-- -r-- ---- ---- ---- ----",
    "project.task:case": CASE_LINKED,
    "calendar.event:case": CASE_LINKED,
    "crm.lead:case": "crw- ---- -r-- -r-- ---- ---- ---- ----",
    "mail.message:case": CASE_LINKED,
    "ir.attachment:case": CASE_LINKED,
}
STANDARD = [key for key in MATRIX if ":" in key]


@tagged("post_install", "-at_install")
class TestThreatAccess(ThreatMatrixMixin, KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client("Klientin Aleph")
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)
        cls.client_b = cls._client("Klient Beth")
        cls.case_b = cls._case(
            cls.user_cm_b, cls.client_b, district_id=cls.district_south.id
        )
        cls.assessment_a = cls.env["kim.case.assessment"].create(
            {"case_id": cls.case_a.id}
        )
        cls.intake_team = cls.env.ref("kim_case.crm_team_kim_intake")

    def _samples(self):
        case = self.case_a
        later = date.today() + timedelta(days=300)

        def catalogue():
            return Sample(vals=lambda: {"name": unique()}, write={"name": unique()})

        def attachment_vals():
            return {
                "name": "notiz.txt",
                "raw": b"vertraulich",
                "res_model": "kim.case",
                "res_id": case.id,
            }

        samples = {
            model: catalogue()
            for model, row in MATRIX.items()
            if row == CATALOGUE and model != "kim.district"
        }
        samples |= {
            "kim.district": catalogue(),
            "kim.case": Sample(
                vals=lambda: {
                    "partner_id": self._client(unique("Klient")).id,
                    "user_id": self.user_cm_a.id,
                    "employer_id": self.org_ki.id,
                    "district_id": self.district_north.id,
                    "type_id": self.type_cm.id,
                },
                write={"color": 3},
            ),
            "kim.case.member": Sample(
                vals=lambda: {
                    "case_id": case.id,
                    "partner_id": self._client(unique("Kind")).id,
                    "role": "child",
                },
                write={"role": "sibling"},
            ),
            "kim.case.substitute": Sample(
                vals=lambda: {
                    "case_id": case.id,
                    "user_id": self.user_cm_b.id,
                    "date_from": later,
                    "date_to": later + timedelta(days=10),
                },
                write={"date_to": later + timedelta(days=11)},
            ),
            "kim.case.contact": Sample(
                vals=lambda: {"case_id": case.id, "note": "vertraulich"},
                write={"note": "geändert"},
            ),
            "kim.consent": Sample(
                vals=lambda: {
                    "partner_id": self.client_a.id,
                    "consent_type": "info_art13",
                    "valid_from": date(2020, 1, 1),
                    "document_ids": [self._document().id],
                },
                write={"valid_until": date(2099, 1, 1)},
            ),
            "kim.case.assessment": Sample(
                vals=lambda: {"case_id": case.id}, write={"date": date.today()}
            ),
            "kim.case.assessment.line": Sample(
                vals=lambda: {
                    "assessment_id": self.assessment_a.id,
                    "life_domain_id": self.env["kim.life.domain"]
                    .create({"name": unique()})
                    .id,
                },
                write={"needs": "Wohnung"},
            ),
            "kim.case.observation": Sample(
                vals=lambda: {
                    "case_id": case.id,
                    "category": "missing_offer",
                    "text": "Lücke",
                },
                write={"text": "Lücke 2"},
            ),
            "kim.case.goal": Sample(
                vals=lambda: {"case_id": case.id, "name": "Deutschkurs B1"},
                write={"name": "Deutschkurs B2"},
            ),
            "kim.training": Sample(
                vals=lambda: {"user_id": self.user_cm_a.id, "name": "CM-Kurs"},
                write={"name": "CM-Kurs 2"},
            ),
            "kim.case.contact.bulk": Sample(
                vals=lambda: {"case_ids": [case.id]},
                write={"note": "Rundmail"},
                owner="cm_a",
                make=lambda: self.env["kim.case.contact.bulk"]
                .with_user(self.user_cm_a)
                .create({"case_ids": [case.id]}),
            ),
            "res.partner:client": Sample(
                model="res.partner",
                vals=lambda: {"name": unique("Neu"), "kim_is_client": True},
                make=lambda: self._case(client=self._client(unique("Klient"))).partner_id,
                write={"phone": "+49 2581 1"},
            ),
            "project.task:case": Sample(
                model="project.task",
                vals=lambda: {"name": "Maßnahme", "kim_case_id": case.id},
                write={"kim_result": "erledigt"},
            ),
            "calendar.event:case": Sample(
                model="calendar.event",
                vals=lambda: {
                    "name": "Fallkonferenz",
                    "kim_case_id": case.id,
                    "start": "2026-05-04 09:00:00",
                    "stop": "2026-05-04 10:00:00",
                },
                write={"description": "Protokoll"},
            ),
            "crm.lead:case": Sample(
                model="crm.lead",
                vals=lambda: {
                    "name": "Anfrage",
                    "team_id": self.intake_team.id,
                    "kim_case_id": case.id,
                },
                write={"description": "Notiz"},
            ),
            "mail.message:case": Sample(
                model="mail.message",
                vals=lambda: {
                    "model": "kim.case",
                    "res_id": case.id,
                    "body": "vertraulich",
                    "message_type": "comment",
                },
                write={"body": "geändert"},
            ),
            "ir.attachment:case": Sample(
                model="ir.attachment",
                vals=attachment_vals,
                write={"description": "geändert"},
            ),
        }
        return samples

    def test_access_matrix(self):
        """X-1 / C-12 / C-10: the complete role × model × operation matrix of
        kim_case's models and the standard models holding case data; allowed
        cells work on a real record, refused cells raise AccessError, also on a
        record of another organisation (CM-B on CM-A's records)."""
        tested, total = self._threat_run_matrix(
            "kim_case", MATRIX, self._samples(), STANDARD
        )
        report_figure("access_matrix_cells", tested, total)
