# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import KimCaseCommon
from .figures import report_figure
from .pii_scan import find_in_database


class TestDisclosure(KimCaseCommon):
    """C-10: the sharing log (Weitergabeprotokoll)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Disclosure = cls.env["kim.disclosure"]
        cls.client_a = cls._client("Amina Teilungsspur")
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)
        cls.release = cls._consent(cls.client_a, "release", case_id=cls.case_a.id)
        Partner = cls.env["res.partner"]
        cls.jobcenter_person = Partner.create(
            {"name": "Herr Vermittler", "parent_id": cls.org_jobcenter.id}
        )
        cls.mbe_person = Partner.create(
            {"name": "Frau Beraterin", "parent_id": cls.org_mbe.id}
        )
        cls.ki_colleague = Partner.create(
            {"name": "Kollegin KI", "parent_id": cls.org_ki.id}
        )
        cls.basis_87 = cls.env.ref("kim_case.lbasis_aufenthg_87")

    def _log(self, client=None):
        client = client or self.client_a
        return self.Disclosure.search([("partner_id", "=", client.id)])

    def _measure(self, partner_org, user=None, **values):
        return (
            self.env["project.task"]
            .with_user(user or self.user_cm_a)
            .with_context(default_kim_case_id=self.case_a.id)
            .create({"name": "Verweis", "kim_partner_org_id": partner_org.id} | values)
        )

    # ------------------------------------------------------------ the paths
    def test_referral_writes_one_disclosure(self):
        """C-10: a measure passing data to a network partner logs one
        disclosure with date, recipient, categories and the release; saving
        the measure again without a change logs nothing more."""
        task = self._measure(self.org_jobcenter)
        log = self._log()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.kind, "referral")
        self.assertEqual(log.recipient_id, self.org_jobcenter)
        self.assertEqual(log.data_category_ids, self.cat_master)
        self.assertEqual(log.consent_id, self.release)
        self.assertEqual(log.case_id, self.case_a)
        self.assertEqual((log.res_model, log.res_id), ("project.task", task.id))
        self.assertEqual(log.user_id, self.user_cm_a)
        task.with_user(self.user_cm_a).write({"name": "Verweis Jobcenter"})
        self.assertEqual(len(self._log()), 1)
        # sharing more categories is a new disclosure
        task.with_user(self.user_cm_a).kim_data_category_ids = [
            Command.link(self.cat_residence.id)
        ]
        self.assertEqual(len(self._log()), 2)

    def test_own_organisation_is_no_disclosure(self):
        """C-10: a measure of the case's own organisation shares nothing."""
        self._measure(self.org_ki)
        self.assertFalse(self._log())

    def test_placement_is_a_handover(self):
        """C-10: a placement with a partner is logged as handover."""
        self._measure(self.org_jobcenter, kim_measure_kind="placement")
        self.assertEqual(self._log().kind, "handover")

    def test_refused_without_release_changes_nothing(self):
        """C-10: data to a partner without a release for it (here the MBE) is
        refused with a clear error; no measure, no log entry."""
        Task = self.env["project.task"]
        tasks_before = Task.search_count([("kim_case_id", "=", self.case_a.id)])
        with self.assertRaisesRegex(UserError, "MBE Testverband"):
            self._measure(self.org_mbe)
        self.assertEqual(
            Task.search_count([("kim_case_id", "=", self.case_a.id)]), tasks_before
        )
        self.assertFalse(self._log())
        # the release does not cover health data either
        with self.assertRaises(UserError):
            self._measure(
                self.org_jobcenter,
                kim_data_category_ids=[Command.set(self.cat_health.ids)],
            )
        self.assertFalse(self._log())

    def test_conference_with_externals(self):
        """C-10 / C-9: a case conference logs one disclosure per outside
        organisation (not for colleagues); adding a participant of another
        covered organisation later logs that one only."""
        action = self.case_a.with_user(self.user_cm_a).action_kim_case_conference()
        event = (
            self.env["calendar.event"]
            .with_user(self.user_cm_a)
            .with_context(**action["context"])
            .create(
                {
                    "start": "2026-04-01 09:00:00",
                    "stop": "2026-04-01 10:30:00",
                    "partner_ids": [
                        Command.set(
                            (
                                self.user_cm_a.partner_id
                                | self.jobcenter_person
                                | self.ki_colleague
                            ).ids
                        )
                    ],
                }
            )
        )
        log = self._log()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.kind, "case_conference")
        self.assertEqual(log.recipient_id, self.org_jobcenter)
        self.assertEqual(log.consent_id, self.release)
        self.assertEqual(log.data_category_ids, self.release.data_category_ids)
        self.assertEqual((log.res_model, log.res_id), ("calendar.event", event.id))
        # an uncovered organisation: refused, nothing changes
        with self.assertRaises(UserError):
            event.with_user(self.user_cm_a).partner_ids = [
                Command.link(self.mbe_person.id)
            ]
        self.assertNotIn(self.mbe_person, event.partner_ids)
        self.assertEqual(len(self._log()), 1)
        # covered now: only the new organisation is logged
        self._consent(self.client_a, "release", recipient_id=self.org_mbe.id)
        event.with_user(self.user_cm_a).partner_ids = [Command.link(self.mbe_person.id)]
        self.assertEqual(self._log().recipient_id, self.org_jobcenter | self.org_mbe)

    def test_document_sent(self):
        """C-10: a message with a document sent from the case to a person of
        an outside organisation is a disclosure to that organisation."""
        message = self.case_a.with_user(self.user_cm_a).message_post(
            body="Bescheid anbei",
            partner_ids=self.jobcenter_person.ids,
            attachments=[("bescheid.txt", b"Bescheid")],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        log = self._log()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.kind, "document_sent")
        self.assertEqual((log.res_model, log.res_id), ("mail.message", message.id))
        # an internal note names nobody: no disclosure
        self.case_a.with_user(self.user_cm_a).message_post(body="Notiz")
        self.assertEqual(len(self._log()), 1)

    def test_legal_basis_instead_of_consent(self):
        """C-10: a disclosure without release names a legal basis in force
        ("no consent needed: legal basis …"); with neither it is refused and
        nothing is written; a basis no longer in force does not count."""
        Disclosure = self.Disclosure.with_user(self.user_cm_a)
        with self.assertRaisesRegex(UserError, "no legal basis"):
            Disclosure._kim_record(
                self.client_a,
                self.org_mbe,
                "other",
                self.cat_residence,
                case=self.case_a,
            )
        self.assertFalse(self._log())
        log = Disclosure._kim_record(
            self.client_a,
            self.org_mbe,
            "other",
            self.cat_residence,
            case=self.case_a,
            legal_basis=self.basis_87,
        )
        self.assertEqual(log.legal_basis_id, self.basis_87)
        self.assertFalse(log.consent_id)
        self.assertIn("No consent needed: legal basis", log.basis_text)
        self.assertIn("87 AufenthG", log.basis_text)
        self.basis_87.valid_until = date(2020, 1, 1)
        with self.assertRaises(UserError):
            Disclosure._kim_record(
                self.client_a,
                self.org_mbe,
                "other",
                self.cat_residence,
                case=self.case_a,
                legal_basis=self.basis_87,
            )
        self.assertEqual(len(self._log()), 1)

    def test_release_needs_the_signed_scan(self):
        """C-10: a release cannot exist without its signed scan, so none can be
        used for sharing; the scan is readable by the case's readers only."""
        with self.assertRaises(ValidationError):
            self._consent(self.client_a, "release", document_ids=[])
        with self.assertRaises(ValidationError):
            self.release.with_user(self.user_cm_a).document_ids = [Command.clear()]
        scan = self.release.document_ids
        self.assertTrue(scan.with_user(self.user_cm_a).read(["name"]))
        with self.assertRaises(AccessError):
            scan.with_user(self.user_cm_b).read(["name", "datas"])
        self.assertFalse(
            self.env["ir.attachment"]
            .with_user(self.user_cm_b)
            .search([("id", "in", scan.ids)])
        )

    # --------------------------------------------------------------- access
    def test_other_organisation_cannot_read_or_create(self):
        """C-10 / X-1: a case manager of another organisation neither reads
        the log nor writes one; nobody changes or deletes an entry."""
        self._measure(self.org_jobcenter)
        log = self._log()
        self.assertEqual(
            self.Disclosure.with_user(self.user_cm_a).search(
                [("partner_id", "=", self.client_a.id)]
            ),
            log,
        )
        other = self.Disclosure.with_user(self.user_cm_b)
        self.assertFalse(other.search([]) & log)
        with self.assertRaises(AccessError):
            log.with_user(self.user_cm_b).read(["recipient_id"])
        with self.assertRaises(AccessError):
            other.create(
                {
                    "partner_id": self.client_a.id,
                    "recipient_id": self.org_jobcenter.id,
                    "kind": "other",
                    "consent_id": self.release.id,
                }
            )
        with self.assertRaises(AccessError):
            other._kim_record(
                self.client_a, self.org_jobcenter, "other", case=self.case_a
            )
        for user in (self.user_cm_a, self.user_lead):
            with self.assertRaises(AccessError):
                log.with_user(user).write({"kind": "other"})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
        for user in (self.user_finance, self.user_authority, self.user_steering):
            with self.assertRaises(AccessError):
                log.with_user(user).read(["recipient_id"])
        self.assertEqual(len(self._log()), 1)

    # ------------------------------------------------------- Art. 15 / 17
    def test_art15_lists_the_sharing_log(self):
        """C-10 / Art. 15 GDPR: the access letter has a section listing every
        disclosure with date, recipient, categories and what it rests on;
        ``_kim_sharing_log_rows`` gives the same rows for the sharing log."""
        self._measure(self.org_jobcenter)
        self.Disclosure.with_user(self.user_cm_a)._kim_record(
            self.client_a,
            self.org_mbe,
            "other",
            self.cat_residence,
            case=self.case_a,
            legal_basis=self.basis_87,
        )
        rows = self.client_a.with_user(self.user_cm_a)._kim_sharing_log_rows()
        self.assertEqual(len(rows), 2)
        self.assertEqual(
            {row["recipient"] for row in rows},
            {"Jobcenter Testkreis", "MBE Testverband"},
        )
        self.assertEqual(
            set(rows[0]), {"date", "recipient", "kind", "categories", "basis"}
        )
        sections = self.client_a.with_user(self.user_lead)._kim_art15_printable()
        section = next(s for s in sections if s["title"] == "Disclosures of Your Data")
        texts = [dict(row) for row in section["rows"]]
        self.assertEqual(len(texts), 2)
        self.assertIn("Release from confidentiality", texts[0]["Rests On"])
        self.assertIn("No consent needed", texts[1]["Rests On"])
        self.assertEqual(texts[1]["Data Categories"], self.cat_residence.name)
        # listed once: not again among the generic record sections
        self.assertEqual(
            [s["title"] for s in sections].count("Disclosures of Your Data"), 1
        )
        self.assertNotIn(
            self.env["ir.model"]._get("kim.disclosure").name,
            [s["title"] for s in sections],
        )

    def test_erasure_leaves_no_trace(self):
        """C-10 / Art. 17 GDPR: the erasure of the case empties the log's free
        texts with everything else; no trace of the client remains."""
        needles = ("Teilungsspur", "Vermittlungsnotiz")
        self._measure(self.org_jobcenter)
        self.Disclosure.with_user(self.user_cm_a)._kim_record(
            self.client_a,
            self.org_mbe,
            "other",
            self.cat_residence,
            case=self.case_a,
            legal_basis=self.basis_87,
            note="Vermittlungsnotiz für Amina Teilungsspur",
        )
        self.assertIn("kim_disclosure.note", find_in_database(self.env, needles))
        self.case_a.action_close(self.env.ref("kim_case.close_reason_goals_reached"))
        self.case_a.with_user(self.user_lead).action_kim_anonymise()
        residual = find_in_database(self.env, needles)
        report_figure("residual_pii", len(residual))
        self.assertEqual(residual, [])
        # the entries stay, without personal data: when, to whom, on what
        log = self._log()
        self.assertEqual(len(log), 2)
        self.assertFalse(log.filtered("note"))
        self.assertIn("project.task", log.mapped("res_model"))
