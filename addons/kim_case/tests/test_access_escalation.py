# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #15: a logged-in user must not widen their own access — own groups
and login, self-made substitutions and memberships, foreign clients linked to
an own case — and what a case manager must be able to open works."""

import base64
import json
import xmlrpc.client
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.res_users import name_boolean_group
from odoo.addons.kim_case.tools import kim_today

from .common import KimCaseCommon


class TestSelfWrite(KimCaseCommon):
    """X-1: a user changes their preferences, never their own access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_system = cls.env.ref("base.group_system")
        cls.group_lead = cls.env.ref("kim_case.group_kim_lead")
        cls.other_company = cls.env["res.company"].create({"name": "Kreis Fremd"})
        cls.roles = (
            cls.user_cm_a,
            cls.user_coordination,
            cls.user_finance,
            cls.user_authority,
            cls.user_steering,
            cls.user_lead,
        )

    def _attempts(self, user):
        """Every way to widen one's own access, as RPC or the preferences
        dialog would send it: (label, values)."""
        selection = next(
            name
            for name in self.env["res.users"].fields_get()
            if name.startswith("sel_groups_")
            and str(self.group_system.id) in name.split("_")
        )
        return [
            ("groups_id link", {"groups_id": [Command.link(self.group_system.id)]}),
            ("groups_id set", {"groups_id": [Command.set([self.group_lead.id])]}),
            ("reified boolean", {name_boolean_group(self.group_lead.id): True}),
            ("reified selection", {selection: self.group_system.id}),
            ("login", {"login": f"{user.login}.neu"}),
            ("company_id", {"company_id": self.other_company.id}),
            ("company_ids", {"company_ids": [Command.link(self.other_company.id)]}),
            ("kim_employer_id", {"kim_employer_id": self.org_city.id}),
            ("share", {"share": False}),
            (
                "preferences with groups",
                {
                    "tz": "Europe/Berlin",
                    "groups_id": [Command.link(self.group_system.id)],
                },
            ),
        ]

    def _snapshot(self, user):
        user.invalidate_recordset()
        return (
            user.groups_id.ids,
            user.login,
            user.company_id.id,
            user.company_ids.ids,
            user.kim_employer_id.id,
        )

    def test_own_access_refused_for_every_role(self):
        """X-1 (issue #15, path 1): groups (also reified), login, company,
        KIM employer and roles of one's own account are refused by ORM and by
        the form's save (web_save), for every internal role; nothing changes."""
        tried = 0
        for user in self.roles:
            before = self._snapshot(user)
            for label, values in self._attempts(user):
                for channel in ("write", "web_save"):
                    with self.subTest(user=user.login, field=label, channel=channel):
                        me = user.with_user(user)
                        with self.assertRaises(AccessError):
                            if channel == "write":
                                me.write(dict(values))
                            else:
                                me.web_save(dict(values), specification={})
                        self.assertEqual(self._snapshot(user), before)
                        tried += 1
        self.assertEqual(tried, len(self.roles) * 10 * 2)

    def test_preferences_still_writeable(self):
        """X-1: what the preferences dialog offers stays writeable on oneself."""
        for user in (self.user_cm_a, self.user_finance, self.user_portal):
            with self.subTest(user=user.login):
                user.with_user(user).write(
                    {
                        "name": f"{user.name} geändert",
                        "email": f"{user.login}@example.org",
                        "signature": "<p>Gruß</p>",
                        "tz": "Europe/Berlin",
                        "lang": "en_US",
                        "notification_type": "email",
                    }
                )
                self.assertEqual(user.tz, "Europe/Berlin")

    def test_self_writeable_list_is_minimal(self):
        """X-1: whatever an installed module lists (the calendar bug of the
        2024-10-02 build lists the readable fields), nothing in the list
        widens access."""
        writeable = set(self.env["res.users"].SELF_WRITEABLE_FIELDS)
        for name in (
            "groups_id",
            "login",
            "company_id",
            "company_ids",
            "kim_employer_id",
            "share",
            "partner_id",
        ):
            self.assertNotIn(name, writeable)
        self.assertIn("signature", writeable)

    def test_user_admin_keeps_managing_users(self):
        """X-1: the administrator still assigns groups and employers."""
        admin = self.env.ref("base.user_admin")
        self.user_cm_b.with_user(admin).write(
            {
                "groups_id": [Command.link(self.group_lead.id)],
                "kim_employer_id": self.org_city.id,
            }
        )
        self.assertIn(self.group_lead, self.user_cm_b.groups_id)


@tagged("post_install", "-at_install")
class TestSelfWriteRpc(HttpCase, KimCaseCommon):
    """X-1: the same refusal over XML-RPC and JSON-RPC."""

    def test_rpc_channels_refused(self):
        """X-1 (issue #15, path 1): XML-RPC and JSON-RPC ``res.users.write`` of
        one's own groups and login are refused; nothing changes."""
        user = self.user_cm_a
        group = self.env.ref("base.group_system")
        db = self.env.cr.dbname
        attempts = (
            {"groups_id": [(4, group.id)]},
            {name_boolean_group(group.id): True},
            {"login": "kim_test_cm_a_neu"},
        )
        for values in attempts:
            # execute_kw(db, uid, password, model, method, args) as the user
            call = [db, user.id, user.login, "res.users", "write", [[user.id], values]]
            with self.subTest(channel="xmlrpc", values=values):
                with (
                    mute_logger("odoo.http", "odoo.service.model"),
                    self.assertRaises(xmlrpc.client.Fault),
                ):
                    self.xmlrpc_object.execute_kw(*call)
            with self.subTest(channel="jsonrpc", values=values):
                with mute_logger("odoo.http", "odoo.service.model"):
                    payload = {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "service": "object",
                            "method": "execute_kw",
                            "args": call,
                        },
                    }
                    response = self.url_open(
                        "/jsonrpc",
                        data=json.dumps(payload),
                        headers={"Content-Type": "application/json"},
                    ).json()
                self.assertIn("error", response)
        user.invalidate_recordset()
        self.assertNotIn(group, user.groups_id)
        self.assertEqual(user.login, "kim_test_cm_a")


class TestStaffingEscalation(KimCaseCommon):
    """X-1 / C-12 (issue #15, path 2): who works on a case is decided by its
    case manager, a coordinator of its district or the KIM lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a = cls._case(cls.user_cm_a)
        cls.user_cm_a2 = cls._kim_user(
            "cm_a2", "kim_case.group_kim_case_manager", cls.org_ki
        )
        cls.today = kim_today(cls.env.user)

    def _sub_vals(self, user, case=None):
        return {
            "case_id": (case or self.case_a).id,
            "user_id": user.id,
            "date_from": self.today - timedelta(days=1),
            "date_to": self.today + timedelta(days=10),
        }

    def _own_client(self, user, name):
        """A person recorded by ``user`` (as a case manager does before
        adding them to a case)."""
        partners = self.env["res.partner"].with_user(user).sudo()
        return partners.create({"name": name, "kim_is_client": True})

    def _cm_b_sees_case(self):
        Case = self.env["kim.case"].with_user(self.user_cm_b)
        return Case.search_count([("id", "=", self.case_a.id)])

    def test_self_made_substitution_refused(self):
        """C-12: CM-B cannot make themselves substitute of a foreign case;
        nothing is written and the case stays invisible."""
        Substitute = self.env["kim.case.substitute"]
        with self.assertRaises(AccessError):
            Substitute.with_user(self.user_cm_b).create(self._sub_vals(self.user_cm_b))
        self.assertFalse(Substitute.search([("case_id", "=", self.case_a.id)]))
        self.assertEqual(self._cm_b_sees_case(), 0)

    def test_self_made_membership_refused(self):
        """C-4 / X-1: CM-B cannot add a family member with themselves as own case
        manager to a foreign case, nor make themselves case manager of a
        member; nothing is written."""
        child = (
            self.env["res.partner"]
            .with_user(self.user_cm_b)
            .create({"name": "Kind Fremd", "kim_is_client": True})
        )
        Member = self.env["kim.case.member"]
        before = Member.search_count([("case_id", "=", self.case_a.id)])
        with self.assertRaises(AccessError):
            Member.with_user(self.user_cm_b).create(
                {
                    "case_id": self.case_a.id,
                    "partner_id": child.id,
                    "case_manager_id": self.user_cm_b.id,
                }
            )
        applicant = self.case_a.member_ids[:1]
        with self.assertRaises(AccessError):
            applicant.with_user(self.user_cm_b).write(
                {"case_manager_id": self.user_cm_b.id}
            )
        self.assertEqual(
            Member.search_count([("case_id", "=", self.case_a.id)]), before
        )
        self.assertFalse(applicant.case_manager_id)
        self.assertEqual(self._cm_b_sees_case(), 0)

    def test_colleague_who_sees_the_case_cannot_staff_it(self):
        """C-12: a team colleague who may read and edit the case (shared team)
        adds family members, but cannot make themselves or others substitute
        or own case manager: that is the case manager's decision."""
        self.org_ki.kim_share_cases_in_team = True
        colleague = self.user_cm_a2
        case = self.case_a.with_user(colleague)
        case.check_access("write")
        child = self._own_client(colleague, "Kind Eins")
        self.env["kim.case.member"].with_user(colleague).create(
            {"case_id": case.id, "partner_id": child.id, "role": "child"}
        )
        with self.assertRaises(AccessError):
            self.env["kim.case.substitute"].with_user(colleague).create(
                self._sub_vals(colleague)
            )
        with self.assertRaises(AccessError):
            self.env["kim.case.member"].with_user(colleague).create(
                {
                    "case_id": case.id,
                    "partner_id": self._own_client(colleague, "Kind Zwei").id,
                    "case_manager_id": colleague.id,
                }
            )

    def test_substitute_cannot_extend_own_substitution(self):
        """C-12: the substitute reads the case while covering, but cannot
        extend or delete the substitution."""
        sub = (
            self.env["kim.case.substitute"]
            .with_user(self.user_cm_a)
            .create(self._sub_vals(self.user_cm_b))
        )
        self.assertEqual(self._cm_b_sees_case(), 1)
        as_sub = sub.with_user(self.user_cm_b)
        with self.assertRaises(AccessError):
            as_sub.write({"date_to": self.today + timedelta(days=400)})
        with self.assertRaises(AccessError):
            as_sub.unlink()
        self.assertEqual(sub.date_to, self.today + timedelta(days=10))

    def test_case_manager_and_lead_staff_the_case(self):
        """C-12: the case manager and the lead arrange substitutions and own
        case managers of family members."""
        for user in (self.user_cm_a, self.user_lead):
            with self.subTest(user=user.login):
                sub = (
                    self.env["kim.case.substitute"]
                    .with_user(user)
                    .create(self._sub_vals(self.user_cm_a2))
                )
                sub.write({"date_to": self.today + timedelta(days=20)})
                member = (
                    self.env["kim.case.member"]
                    .with_user(user)
                    .create(
                        {
                            "case_id": self.case_a.id,
                            "partner_id": self._own_client(user, "Kind").id,
                            "case_manager_id": self.user_cm_a2.id,
                        }
                    )
                )
                member.unlink()
                sub.unlink()

    def test_district_coordinator_passes_the_staffing_check(self):
        """C-12: a coordinator of the case's district may decide who works on
        it, a coordinator of another district may not (what coordination may
        create at all is its access rights' business)."""
        self.case_a.with_user(self.user_coordination)._kim_check_staffing_right()
        other = self._kim_user("coord2", "kim_case.group_kim_coordination", self.org_ki)
        with self.assertRaises(AccessError):
            self.case_a.with_user(other)._kim_check_staffing_right()


class TestForeignClientLink(KimCaseCommon):
    """X-1 (issue #15, path 3): a person the user cannot read is never linked
    to the user's case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a = cls._case(cls.user_cm_a)
        cls.client_b = cls._client("Yusuf Fremdfall", kim_birthdate=date(1985, 3, 2))
        cls.case_b = cls._case(cls.user_cm_b, cls.client_b)

    def _cm_a_sees_client_b(self):
        Partner = self.env["res.partner"].with_user(self.user_cm_a)
        return Partner.search_count([("id", "=", self.client_b.id)])

    def test_link_foreign_client_refused(self):
        """X-1: as family member, as client of a new case, as the client of an
        own case and by changing a member: refused; nothing written; the
        client stays invisible."""
        Member = self.env["kim.case.member"].with_user(self.user_cm_a)
        Case = self.env["kim.case"].with_user(self.user_cm_a)
        cases_before = self.env["kim.case"].search_count([])
        attempts = {
            "member": lambda: Member.create(
                {"case_id": self.case_a.id, "partner_id": self.client_b.id}
            ),
            "new case": lambda: Case.create(
                {"partner_id": self.client_b.id, "type_id": self.type_cm.id}
            ),
            "case client": lambda: self.case_a.with_user(self.user_cm_a).write(
                {"partner_id": self.client_b.id}
            ),
            "member person": lambda: (
                self.case_a.member_ids[:1]
                .with_user(self.user_cm_a)
                .write({"partner_id": self.client_b.id})
            ),
            "case form": lambda: self.case_a.with_user(self.user_cm_a).write(
                {"member_ids": [Command.create({"partner_id": self.client_b.id})]}
            ),
        }
        for label, attempt in attempts.items():
            with self.subTest(path=label):
                with self.assertRaises(AccessError):
                    attempt()
        self.assertNotIn(self.client_b, self.case_a.member_ids.partner_id)
        self.assertNotEqual(self.case_a.partner_id, self.client_b)
        self.assertEqual(self.env["kim.case"].search_count([]), cases_before)
        self.assertEqual(self._cm_a_sees_client_b(), 0)

    def test_lookup_says_known_never_who(self):
        """X-1 / C-1: the controlled check says a person is known, never the
        record; the request reaches the coordination, not the requester."""
        Lookup = self.env["kim.client.lookup"].with_user(self.user_cm_a)
        wizard = Lookup.create(
            {"name": " yusuf  fremdfall ", "birthdate": date(1985, 3, 2)}
        )
        wizard.action_lookup()
        self.assertEqual(wizard.result, "hidden")
        self.assertFalse(wizard.partner_id)
        data = wizard.read()[0]
        self.assertFalse(data["partner_id"])
        with self.assertRaises(AccessError):
            wizard.write({"partner_id": self.client_b.id})
        with self.assertRaises(AccessError):
            Lookup.create(
                {
                    "name": "x",
                    "birthdate": date(1985, 3, 2),
                    "partner_id": self.client_b.id,
                }
            )
        wizard.reason = "Familie zieht nach Ahlen"
        wizard.action_request_access()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.client_b.id)]
        )
        self.assertEqual(activity.user_id, self.user_coordination)
        self.assertIn("Familie zieht nach Ahlen", str(activity.note))
        Activity = self.env["mail.activity"].with_user(self.user_cm_a)
        self.assertFalse(Activity.search([("id", "in", activity.ids)]))
        self.assertEqual(self._cm_a_sees_client_b(), 0)
        # another user cannot read the wizard
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_cm_b).read(["name"])

    def test_lookup_own_and_unknown(self):
        """C-1: an own client is named; an unknown person may be created."""
        own = self.case_a.partner_id
        Lookup = self.env["kim.client.lookup"].with_user(self.user_cm_a)
        wizard = Lookup.create({"name": own.name, "birthdate": own.kim_birthdate})
        wizard.action_lookup()
        self.assertEqual(wizard.result, "visible")
        self.assertEqual(wizard.partner_id, own)
        unknown = Lookup.create(
            {"name": "Niemand Bekannt", "birthdate": date(2001, 1, 1)}
        )
        unknown.action_lookup()
        self.assertEqual(unknown.result, "unknown")
        self.assertEqual(
            unknown.action_new_client()["context"]["default_name"], "Niemand Bekannt"
        )


class TestConsentDocuments(KimCaseCommon):
    """C-10 (issue #15, item 5): a case manager opens the consents of their
    clients with the signed document; nobody else reads the document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case_a = cls._case(cls.user_cm_a)
        # created by another user without a record, as the demo and older
        # versions did
        cls.consent = cls._consent(cls.case_a.partner_id)

    def _form_spec(self):
        return {
            "partner_id": {"fields": {"display_name": {}}},
            "consent_type": {},
            "document_ids": {"fields": {"name": {}, "mimetype": {}}},
        }

    def test_case_manager_opens_consent_with_document(self):
        """C-10: the consent form (web_read with the document) works for the
        case manager, and the file is bound to its consent."""
        consent = self.consent.with_user(self.user_cm_a)
        data = consent.web_read(self._form_spec())
        self.assertEqual(data[0]["document_ids"][0]["name"], "unterschrift.pdf")
        self.assertEqual(self.consent.document_ids.res_model, "kim.consent")
        self.assertEqual(self.consent.document_ids.res_id, self.consent.id)

    def test_legacy_documents_are_bound(self):
        """C-10: documents of 18.0.1.0.0 (of no record, one shared by several
        consents) are bound by the migration's call: each consent gets its
        own file, readable exactly as the consent is; re-running changes
        nothing."""
        case_b = self._case(self.user_cm_b, self._client("Klientin Zwei"))
        other = self._consent(case_b.partner_id)
        shared = self.consent.document_ids
        shared.write({"res_model": False, "res_id": False})
        # 18.0.1.0.0 linked files as they were (the kim_abh demo shared one)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE kim_consent_attachment_rel SET attachment_id = %s"
            " WHERE consent_id = %s",
            [shared.id, other.id],
        )
        self.env.invalidate_all()
        consents = self.consent | other
        with self.assertRaises(AccessError):  # the state before the migration
            other.with_user(self.user_cm_b).web_read(self._form_spec())
        consents._kim_bind_documents()
        consents._kim_bind_documents()
        self.assertEqual(self.consent.document_ids, shared)
        self.assertEqual(
            (shared.res_model, shared.res_id), ("kim.consent", self.consent.id)
        )
        copy = other.document_ids
        self.assertNotEqual(copy, shared)
        self.assertEqual((copy.res_model, copy.res_id), ("kim.consent", other.id))
        self.assertEqual(copy.raw, shared.raw)
        for user, consent in ((self.user_cm_a, self.consent), (self.user_cm_b, other)):
            data = consent.with_user(user).web_read(self._form_spec())
            self.assertEqual(len(data[0]["document_ids"]), 1)
        with self.assertRaises(AccessError):
            shared.with_user(self.user_cm_b).read(["name"])

    def test_upload_on_new_consent(self):
        """C-10: a file uploaded on a new consent (res_id 0, as the upload
        widget sends it) belongs to the consent after saving."""
        upload = (
            self.env["ir.attachment"]
            .with_user(self.user_cm_a)
            .create(
                {
                    "name": "ds.pdf",
                    "datas": base64.b64encode(b"%PDF-1.4"),
                    "res_model": "kim.consent",
                    "res_id": 0,
                }
            )
        )
        consent = (
            self.env["kim.consent"]
            .with_user(self.user_cm_a)
            .create(
                {
                    "partner_id": self.case_a.partner_id.id,
                    "consent_type": "dp_agreement",
                    "valid_from": date(2021, 1, 1),
                    "document_ids": [Command.set(upload.ids)],
                }
            )
        )
        self.assertEqual((upload.res_model, upload.res_id), ("kim.consent", consent.id))

    def test_foreign_document_cannot_be_linked(self):
        """X-1: linking the signed document of another organisation's consent
        to an own consent is refused (it would make the file readable)."""
        case_b = self._case(self.user_cm_b, self._client("Fremd Klientin"))
        foreign = self._consent(case_b.partner_id)
        own = self.consent.with_user(self.user_cm_a)
        with self.assertRaises(AccessError):
            own.write({"document_ids": [Command.link(foreign.document_ids.id)]})
        self.assertNotIn(foreign.document_ids, self.consent.document_ids)


class TestAppsMenu(KimCaseCommon):
    """X-1: KIM roles do not get Odoo's Apps menu; administrators keep it."""

    def _menu_ids(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        return {key for key in menus if key != "root"} | set(menus["root"]["children"])

    def test_apps_hidden_for_kim_roles(self):
        """X-1: no KIM role reaches the Apps menu or its children."""
        apps = self.env.ref("base.menu_management")
        tree = self.env["ir.ui.menu"].search([("id", "child_of", apps.ids)])
        for user in (
            self.user_cm_a,
            self.user_coordination,
            self.user_lead,
            self.user_finance,
            self.user_authority,
            self.user_steering,
        ):
            with self.subTest(user=user.login):
                self.assertFalse(self._menu_ids(user) & set(tree.ids))
        admin = self.env.ref("base.user_admin")
        self.assertIn(apps.id, self._menu_ids(admin))

    def test_art15_offered_only_to_the_lead(self):
        """C-11 (issue #15, item 5): the Art. 15 export is the KIM lead's; the
        case manager's client form does not offer a button that answers 403."""
        client = self._case(self.user_cm_a).partner_id
        for user, offered in ((self.user_cm_a, False), (self.user_lead, True)):
            with self.subTest(user=user.login):
                arch = (
                    self.env["res.partner"]
                    .with_user(user)
                    .get_views([(False, "form")])["views"]["form"]["arch"]
                )
                self.assertEqual("action_kim_print_art15" in arch, offered)
                self.assertEqual("action_kim_export_art15" in arch, offered)
        with self.assertRaises(AccessError):
            client.with_user(self.user_cm_a).action_kim_print_art15()
