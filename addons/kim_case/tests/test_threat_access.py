# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat scenario 1 (issue #7) for kim_case: cross-organisation leakage."""

import base64
import itertools
import json
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.res_users import name_boolean_group
from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon
from .figures import report_figure
from .threat import Sample, ThreatMatrixMixin, unique

CATALOGUE = "-r-- -r-- -r-- crwd -r-- -r-- -r-- ----"
CASE_CONTENT = "crwd ---- -r-- crwd ---- ---- ---- ----"
# measures, conferences, chatter and files of a case: coordination, which may
# write the cases it supervises (Fachaufsicht), may also maintain these
CASE_LINKED = "crwd ---- crwd crwd ---- ---- ---- ----"

# one's own user: readable, creating or deleting users and widening one's
# own access refused (issue #15)
SELF_ACCOUNT = "-r-- -r-- -r-- -r-- -r-- -r-- -r-- -r--"

# roles: cm_a cm_b coordination lead finance steering authority portal
MATRIX = {
    "kim.language": CATALOGUE,
    "kim.legal.domain": CATALOGUE,
    "kim.legal.basis": CATALOGUE,
    "kim.life.domain": CATALOGUE,
    "kim.partner.type": CATALOGUE,
    "kim.target.group": CATALOGUE,
    "kim.data.category": CATALOGUE,
    "kim.residence.status": CATALOGUE,
    "kim.case.type": CATALOGUE,
    "kim.case.stage": CATALOGUE,
    "kim.case.close.reason": CATALOGUE,
    "kim.district": CATALOGUE,
    # dated programme figures (issue #17 §4): the lead maintains them
    "kim.deadline.rule": CATALOGUE,
    # X-2 (issue #19): the minimum cell size of the statistics
    "kim.statistics.limit": CATALOGUE,
    # X-2 (issue #19): the log of exported report files: made by the exports
    # only (no create right), never changed; the lead reads every run, the
    # others their own (a run made by another user here)
    "kim.report.run": "---- ---- ---- -r-- ---- ---- ---- ----",
    # CM-B filing a case under organisation A is refused by the employer
    # check (ValidationError) before the record rule would refuse it
    "kim.case": "crw- x--- -rw- crwd ---- ---- ---- ----",
    "kim.case.member": CASE_CONTENT,
    # C-12: who covers a case is decided by its case manager, a coordinator
    # of its district (holiday cover, issue #21) or the lead
    "kim.case.substitute": CASE_LINKED,
    "kim.case.contact": CASE_CONTENT,
    "kim.consent": "crw- ---- -r-- crwd ---- ---- ---- ----",
    # C-10: the sharing log is written by the sharing paths only, never changed
    "kim.disclosure": "-r-- ---- -r-- -r-- ---- ---- ---- ----",
    "kim.case.assessment": CASE_CONTENT,
    "kim.case.assessment.line": CASE_CONTENT,
    "kim.case.observation": CASE_CONTENT,
    "kim.case.goal": CASE_CONTENT,
    "kim.training": "---- ---- ---- crwd ---- ---- ---- ----",
    "kim.case.contact.bulk": "crwd c--- ---- c--- ---- ---- ---- ----",
    # the person check (issue #15): each user's own check only
    "kim.client.lookup": "crw- c--- c--- c--- ---- ---- ---- ----",
    # C-10 (issue #18): the texts of the client documents, maintained by the lead
    "kim.legal.text": CATALOGUE,
    # the print dialog of a client document: for a case the user may read
    "kim.client.document.print": "crw- ---- ---- ---- ---- ---- ---- ----",
    # issue #21: My day tiles of the user's roles (a case-manager tile here),
    # configured by the lead; the keep-open dialog for one's own cases
    "kim.day.tile": "-r-- -r-- ---- crwd ---- ---- ---- ----",
    "kim.case.keep.open": "crw- ---- ---- c--- ---- ---- ---- ----",
    # C-12: the holiday-cover dialog, each user's own (confirming checks
    # the staffing right on every case)
    "kim.case.cover": "crw- c--- c--- c--- ---- ---- ---- ----",
    # X-5 (issue #21): moving in from Excel is the lead's (Configuration)
    "kim.case.import": "---- ---- ---- crwd ---- ---- ---- ----",
    "kim.case.import.line": "---- ---- ---- crwd ---- ---- ---- ----",
    # the progress of a background import: read by its lead, written by the job
    "kim.case.import.progress": "---- ---- ---- -r-- ---- ---- ---- ----",
    # C-6 (issue #21): the client-survey dialog, for a case one may write
    "kim.case.survey": "crw- ---- ---- c--- ---- ---- ---- ----",
    # standard models extended with case links (records of CM-A's case)
    "res.partner:client": "crwx c--- -r-- -r-- ---- ---- ---- ----",
    "project.task:case": CASE_LINKED,
    "calendar.event:case": CASE_LINKED,
    "crm.lead:case": "crw- ---- -r-- -r-- ---- ---- ---- ----",
    "mail.message:case": CASE_LINKED,
    "ir.attachment:case": CASE_LINKED,
    # issue #15: records naming their creator that would open the case to them
    # (a family member's own case manager, a substitution from today); only
    # the case manager and the lead decide who works on a case, and for
    # substitutions the coordinator of the case's district (holiday cover,
    # issue #21), who reads and writes those cases anyway
    "kim.case.member:own_case_manager": CASE_CONTENT,
    "kim.case.substitute:self_today": CASE_LINKED,
    # issue #15: one's own account (written as oneself): read, never widened
    "res.users:self_groups": SELF_ACCOUNT,
    "res.users:self_roles": SELF_ACCOUNT,
    "res.users:self_login": SELF_ACCOUNT,
    "res.users:self_company": SELF_ACCOUNT,
    "res.users:self_employer": SELF_ACCOUNT,
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
        later = kim_today(self.env.user) + timedelta(days=300)

        def own_client(user, prefix):
            partners = self.env["res.partner"].with_user(user).sudo()
            return partners.create({"name": unique(prefix), "kim_is_client": True})

        def own_document(user):
            return self._document().with_user(user).sudo().copy()

        def lead_import():
            Import = self.env["kim.case.import"].with_user(self.user_lead)
            return Import.create({"file": base64.b64encode(b"PK")})

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
        years = itertools.count(1990)  # before the shipped, open-ended rules

        def deadline_rule():
            year = next(years)  # no overlap with another period
            return {
                "key": "case_close_warning",
                "value": 10,
                "unit": "calendar_days",
                "valid_from": date(year, 1, 1),
                "valid_to": date(year, 12, 31),
            }

        legal_years = itertools.count(1900)  # before the shipped version 1.0
        limit_years = itertools.count(1700)  # before the shipped figure of 2024

        def legal_text():
            year = next(legal_years)
            return {
                "document": "sharing_log",
                "name": unique("Text"),
                "version": unique("v"),
                "valid_from": date(year, 1, 1),
                "valid_until": date(year, 12, 31),
            }

        samples |= {
            "kim.legal.text": Sample(vals=legal_text, write={"approved_by": "Amt"}),
            "kim.client.document.print": Sample(
                vals=lambda: {
                    "case_id": case.id,
                    "partner_id": case.partner_id.id,
                    "document": "info_art13",
                },
                write={"document": "dp_agreement"},
                owner="cm_a",
            ),
            "kim.day.tile": Sample(
                vals=lambda: {
                    "name": unique("Kachel"),
                    "tile_key": "new_inquiries",
                    "group_id": self.env.ref("kim_case.group_kim_case_manager").id,
                },
                write={"horizon_days": 3},
            ),
            "kim.case.cover": Sample(
                vals=lambda: {
                    "user_id": self.user_cm_a.id,
                    "substitute_ids": [Command.set(self.user_cm_b.ids)],
                    "date_from": date(2030, 1, 1),
                    "date_to": date(2030, 1, 14),
                },
                write={"reason": "Fortbildung"},
                owner="cm_a",
            ),
            "kim.case.import": Sample(
                vals=lambda: {"file": base64.b64encode(b"PK"), "file_name": "a.xlsx"},
                write={"file_name": "b.xlsx"},
                owner="lead",
            ),
            "kim.case.import.line": Sample(
                vals=lambda: {"import_id": lead_import().id, "message": "Zeile"},
                write={"message": "Zeile 2"},
                owner="lead",
            ),
            "kim.case.import.progress": Sample(
                vals=lambda: {"import_id": lead_import().id, "done": 1, "total": 2},
                write={"done": 2},
                make=lambda: self.env["kim.case.import.progress"].create(
                    {"import_id": lead_import().id, "done": 1, "total": 2}
                ),
            ),
            "kim.case.survey": Sample(
                vals=lambda: {"case_id": case.id, "occasion": "closure"},
                write={"mode": "paper"},
                owner="cm_a",
            ),
            "kim.case.keep.open": Sample(
                vals=lambda: {"case_id": case.id, "reason": "Klientin verreist"},
                write={"reason": "Kontakt vereinbart"},
                owner="cm_a",
            ),
            "kim.district": catalogue(),
            "kim.deadline.rule": Sample(vals=deadline_rule, write={"value": 11}),
            "kim.report.run": Sample(
                vals=lambda: {
                    "name": "Testbericht",
                    "report_key": "test",
                    "period": "2026",
                },
                write={"period": "2027"},
                make=lambda: self.env["kim.report.run"]._kim_store(
                    "test", "Testbericht", 2026, "test.csv", b"a;b"
                ),
            ),
            "kim.statistics.limit": Sample(
                vals=lambda: {
                    "value": 6,
                    "valid_from": date(year := next(limit_years), 1, 1),
                    "valid_to": date(year, 12, 31),
                },
                write={"value": 7},
            ),
            # the person or file a user links is one they recorded themselves
            # (issue #15: nobody links what they cannot read)
            "kim.case": Sample(
                per_user=True,
                vals=lambda user: {
                    "partner_id": own_client(user, "Klient").id,
                    "user_id": self.user_cm_a.id,
                    "employer_id": self.org_ki.id,
                    "district_id": self.district_north.id,
                    "type_id": self.type_cm.id,
                },
                write={"color": 3},
            ),
            "kim.case.member": Sample(
                per_user=True,
                vals=lambda user: {
                    "case_id": case.id,
                    "partner_id": own_client(user, "Kind").id,
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
                per_user=True,
                vals=lambda user: {
                    "partner_id": self.client_a.id,
                    "consent_type": "info_art13",
                    "valid_from": date(2020, 1, 1),
                    "document_ids": [own_document(user).id],
                },
                write={"valid_until": date(2099, 1, 1)},
            ),
            "kim.case.assessment": Sample(
                vals=lambda: {"case_id": case.id},
                write={"date": kim_today(self.env.user)},
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
            "kim.disclosure": Sample(
                vals=lambda: {
                    "partner_id": case.partner_id.id,
                    "case_id": case.id,
                    "recipient_id": self.org_jobcenter.id,
                    "kind": "other",
                    "legal_basis_id": self.env.ref("kim_case.lbasis_sgb10_71").id,
                },
                write={"kind": "referral"},
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
                make=lambda: (
                    self.env["kim.case.contact.bulk"]
                    .with_user(self.user_cm_a)
                    .create({"case_ids": [case.id]})
                ),
            ),
            "kim.client.lookup": Sample(
                vals=lambda: {
                    "name": "Amina Testperson",
                    "birthdate": date(1990, 5, 17),
                },
                write={"reason": "Umzug"},
                owner="cm_a",
                make=lambda: (
                    self.env["kim.client.lookup"]
                    .with_user(self.user_cm_a)
                    .create(
                        {"name": "Amina Testperson", "birthdate": date(1990, 5, 17)}
                    )
                ),
            ),
            "res.partner:client": Sample(
                model="res.partner",
                vals=lambda: {"name": unique("Neu"), "kim_is_client": True},
                make=lambda: (
                    self._case(client=self._client(unique("Klient"))).partner_id
                ),
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
            "kim.case.member:own_case_manager": Sample(
                model="kim.case.member",
                per_user=True,
                # the person is one the acting user may read (recorded by them)
                vals=lambda user: {
                    "case_id": case.id,
                    "partner_id": self.env["res.partner"]
                    .with_user(user)
                    .sudo()
                    .create({"name": unique("Kind"), "kim_is_client": True})
                    .id,
                    "case_manager_id": user.id,
                },
                make=lambda: self.env["kim.case.member"].create(
                    {
                        "case_id": case.id,
                        "partner_id": self._client(unique("Kind")).id,
                        "case_manager_id": self.user_cm_a.id,
                    }
                ),
                write=lambda rec: {"case_manager_id": rec.env.uid},
            ),
            "kim.case.substitute:self_today": Sample(
                model="kim.case.substitute",
                per_user=True,
                vals=lambda user: {
                    "case_id": case.id,
                    "user_id": user.id,
                    "date_from": kim_today(self.env.user) - timedelta(days=1),
                    "date_to": kim_today(self.env.user) + timedelta(days=10),
                },
                make=lambda: self.env["kim.case.substitute"].create(
                    {
                        "case_id": case.id,
                        "user_id": self.user_cm_a.id,
                        "date_from": kim_today(self.env.user),
                        "date_to": kim_today(self.env.user) + timedelta(days=10),
                    }
                ),
                write=lambda rec: {
                    "user_id": rec.env.uid,
                    "date_to": kim_today(self.env.user) + timedelta(days=400),
                },
            ),
        }
        samples |= self._self_account_samples()
        return samples

    def _self_account_samples(self):
        """Issue #15: one's own res.users, written as oneself."""
        system = self.env.ref("base.group_system")
        lead = self.env.ref("kim_case.group_kim_lead")
        company = self.env["res.company"].create({"name": unique("Fremdkreis")})
        writes = {
            "res.users:self_groups": {"groups_id": [Command.link(system.id)]},
            "res.users:self_roles": {name_boolean_group(lead.id): True},
            "res.users:self_login": lambda rec: {"login": f"{rec.login}.neu"},
            "res.users:self_company": {
                "company_ids": [Command.link(company.id)],
                "company_id": company.id,
            },
            "res.users:self_employer": {"kim_employer_id": self.org_city.id},
        }
        return {
            key: Sample(
                model="res.users",
                self_record=True,
                vals=lambda: {"name": unique("Neu"), "login": unique("neu")},
                write=values,
                read_fields=("name", "login"),
            )
            for key, values in writes.items()
        }

    def test_access_matrix(self):
        """X-1 / C-12 / C-10: the complete role × model × operation matrix of
        kim_case's models and the standard models holding case data; allowed
        cells work on a real record, refused cells raise AccessError, also on a
        record of another organisation (CM-B on CM-A's records)."""
        tested, total = self._threat_run_matrix(
            "kim_case", MATRIX, self._samples(), STANDARD
        )
        report_figure("access_matrix_cells", tested, total)


@tagged("post_install", "-at_install")
class TestThreatLeakage(HttpCase, KimCaseCommon):
    """Foreign records never show up, whatever the channel (X-1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls._client("Klientin Aleph", kim_birthdate=date(1987, 4, 23))
        cls.case_a = cls._case(cls.user_cm_a, cls.client_a)
        cls.client_b = cls._client("Klient Beth")
        cls.case_b = cls._case(
            cls.user_cm_b, cls.client_b, district_id=cls.district_south.id
        )
        cls.consent_a = cls._consent(cls.client_a, case_id=cls.case_a.id)
        cls.disclosure_a = cls.env["kim.disclosure"]._kim_record(
            cls.client_a,
            cls.org_jobcenter,
            "other",
            cls.cat_master,
            case=cls.case_a,
            legal_basis=cls.env.ref("kim_case.lbasis_sgb10_71"),
        )
        cls.contact_a = cls.env["kim.case.contact"].create(
            {"case_id": cls.case_a.id, "note": "vertraulich Aleph"}
        )
        cls.goal_a = cls.env["kim.case.goal"].create(
            {"case_id": cls.case_a.id, "name": "Ziel Aleph"}
        )
        cls.attachment_a = cls.env["ir.attachment"].create(
            {
                "name": "Aleph.txt",
                "raw": b"GEHEIM-ALEPH",
                "res_model": "kim.case",
                "res_id": cls.case_a.id,
            }
        )
        cls.message_a = cls.case_a.message_post(
            body="Nachricht GEHEIM-ALEPH", message_type="comment"
        )
        cls.task_a = cls.env["project.task"].create(
            {"name": "Maßnahme Aleph", "kim_case_id": cls.case_a.id}
        )
        cls.event_a = cls.env["calendar.event"].create(
            {
                "name": "Fallkonferenz Aleph",
                "kim_case_id": cls.case_a.id,
                "start": "2026-05-04 09:00:00",
                "stop": "2026-05-04 10:00:00",
            }
        )
        cls.foreign_a = {
            "kim.case": cls.case_a,
            "kim.case.member": cls.case_a.member_ids,
            "kim.case.contact": cls.contact_a,
            "kim.case.goal": cls.goal_a,
            "kim.consent": cls.consent_a,
            "kim.disclosure": cls.disclosure_a,
            "res.partner": cls.client_a,
            "ir.attachment": cls.attachment_a | cls.consent_a.document_ids,
            "mail.message": cls.message_a,
            "project.task": cls.task_a,
            "calendar.event": cls.event_a,
        }

    def _foreign(self, user):
        """Records of the other organisation(s) for ``user``: CM-B must not see
        CM-A's; the roles without case access see neither A's nor B's."""
        if user == self.user_cm_b:
            return self.foreign_a
        foreign = dict(self.foreign_a)
        foreign["kim.case"] |= self.case_b
        foreign["res.partner"] |= self.client_b
        foreign["kim.case.member"] |= self.case_b.member_ids
        return foreign

    def _hits(self, call):
        self.env.invalidate_all()  # nothing read as superuser may help
        try:
            return call()
        except (AccessError, UserError):  # refused (UserError: no export right)
            return 0

    def _orm_leaks(self, user, model, records):
        """Foreign records seen through every ORM channel, per channel."""
        Model = self.env[model].with_user(user)
        ids = records.ids
        domain = [("id", "in", ids)]
        companies = self.env["res.company"].search([])
        forced = Model.with_context(
            active_test=False,
            allowed_company_ids=companies.ids,
            kim_amendment=True,
            active_model="kim.case",
            active_ids=ids,
        )
        channels = {
            "search": lambda: len(Model.search(domain)),
            "search forced context": lambda: len(forced.search(domain)),
            "search_count": lambda: Model.search_count(domain),
            "search_read": lambda: len(Model.search_read(domain, ["id"])),
            "_read_group": lambda: Model._read_group(domain, [], ["__count"])[0][0],
            "read_group": lambda: sum(
                group["__count"] for group in Model.read_group(domain, [], [])
            ),
            "name_search": lambda: sum(
                rec.id in {rid for rid, _name in Model.name_search(rec.display_name)}
                for rec in records.sudo()
            ),
            "export_data": lambda: len(
                Model.browse(ids).export_data(["id"]).get("datas", [])
            ),
            "read by id": lambda: len(Model.browse(ids).read(["display_name"])),
            "access check by id": lambda: len(
                Model.browse(ids)._filtered_access("read")
            ),
        }
        if hasattr(Model, "formatted_read_group"):  # not in 18.0, from 18.x on
            channels["formatted_read_group"] = lambda: sum(
                g["__count"] for g in Model.formatted_read_group(domain, [], [])
            )
        return {name: self._hits(call) for name, call in channels.items()}

    def test_foreign_records_never_appear(self):
        """X-1 / C-12: CM-B, finance, steering group, authority staff and the
        portal user never get a foreign case, client, contact, consent,
        measure, conference, message or attachment through search,
        search_count, read_group/_read_group, name_search, export_data or a
        read by known id, also not with forced context keys."""
        leaks = {}
        for user in (
            self.user_cm_b,
            self.user_finance,
            self.user_steering,
            self.user_authority,
            self.user_portal,
        ):
            for model, records in self._foreign(user).items():
                self.assertTrue(records, model)
                with mute_logger("odoo.models", "odoo.addons.base.models.ir_rule"):
                    found = self._orm_leaks(user, model, records)
                for channel, count in found.items():
                    if count:
                        leaks[f"{user.login} {model} {channel}"] = count
        leaked = sum(leaks.values())
        report_figure("foreign_records_leaked", leaked)
        self.assertFalse(leaks)
        self.assertEqual(leaked, 0)

    def test_web_content_and_rpc_by_known_id(self):
        """X-1 / C-10: /web/content by attachment id or by model/id/field and
        JSON-RPC call_kw with a known id give CM-B, finance and the portal user
        nothing of CM-A's case."""
        secrets = ("GEHEIM-ALEPH", "Aleph", "1987-04-23")
        urls = [
            f"/web/content/{self.attachment_a.id}",
            f"/web/content/{self.attachment_a.id}?download=true",
            f"/web/content/ir.attachment/{self.attachment_a.id}/datas",
            f"/web/content/ir.attachment/{self.attachment_a.id}/raw",
            f"/web/content/{self.consent_a.document_ids.id}",
            f"/web/content/res.partner/{self.client_a.id}/name",
            f"/web/content/kim.case/{self.case_a.id}/display_name",
        ]
        calls = [
            ("kim.case", "read", [[self.case_a.id], ["name", "partner_id"]]),
            ("kim.case", "web_read", [[self.case_a.id], {"partner_id": {}}]),
            ("res.partner", "read", [[self.client_a.id], ["name", "kim_birthdate"]]),
            ("ir.attachment", "read", [[self.attachment_a.id], ["raw", "name"]]),
            ("ir.attachment", "read", [[self.attachment_a.id], ["display_name"]]),
            ("kim.consent", "read", [[self.consent_a.id], ["partner_id"]]),
            ("kim.case.contact", "read", [[self.contact_a.id], ["note"]]),
            ("mail.message", "read", [[self.message_a.id], ["body"]]),
            ("project.task", "read", [[self.task_a.id], ["name"]]),
            ("calendar.event", "read", [[self.event_a.id], ["name"]]),
        ]
        leaks = []
        for user in (self.user_cm_b, self.user_finance, self.user_portal):
            self.authenticate(user.login, user.login)
            for url in urls:
                response = self.url_open(url, allow_redirects=False)
                text = response.content.decode(errors="replace")
                if response.status_code == 200 and any(s in text for s in secrets):
                    leaks.append(f"{user.login} {url}")
            for model, method, args in calls:
                with mute_logger("odoo.http"):
                    response = self.url_open(
                        "/web/dataset/call_kw",
                        data=json.dumps(
                            {
                                "jsonrpc": "2.0",
                                "method": "call",
                                "params": {
                                    "model": model,
                                    "method": method,
                                    "args": args,
                                    "kwargs": {},
                                },
                            }
                        ),
                        headers={"Content-Type": "application/json"},
                    )
                body = response.json()
                if "result" in body or any(s in response.text for s in secrets):
                    leaks.append(f"{user.login} call_kw {model}.{method}")
        report_figure("foreign_records_leaked", len(leaks))
        self.assertEqual(leaks, [])

    def test_display_name_holds_no_personal_data(self):
        """X-2: a case's display name, as finance or a portal user could get it
        through a many2one read as superuser, holds neither the client's name
        nor the birth date."""
        birth = self.client_a.kim_birthdate
        for user in (self.user_finance, self.user_portal):
            for case in self.case_a | self.case_b:
                name = case.with_user(user).sudo().display_name
                for secret in (
                    case.partner_id.name,
                    *case.partner_id.name.split(),
                    birth.isoformat(),
                    birth.strftime("%d.%m.%Y"),
                ):
                    self.assertNotIn(secret, name)
