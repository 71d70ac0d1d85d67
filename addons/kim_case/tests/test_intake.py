# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import KimCaseCommon


class TestIntake(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env.ref("kim_case.crm_team_kim_intake")
        cls.reason_mbe = cls.env.ref("kim_case.crm_lost_reason_kim_mbe")
        cls.user_sales = new_test_user(
            cls.env,
            login="kim_test_sales",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
        )
        cls.sales_team = cls.env["crm.team"].create({"name": "Vertrieb Test"})
        cls.sales_lead = cls.env["crm.lead"].create(
            {"name": "Angebot Büromöbel", "team_id": cls.sales_team.id}
        )

    def _inquiry(self, user=None, **values):
        return (
            self.env["crm.lead"]
            .with_user(user or self.user_cm_a)
            .create(
                {
                    "name": "Anfrage Familie Haddad",
                    "contact_name": "Samira Haddad",
                    "team_id": self.team.id,
                }
                | values
            )
        )

    @freeze_time("2026-03-10")
    def test_first_contact_default_for_inquiries_only(self):
        """C-1 (issue #17): an inquiry of the intake team starts on today's
        date of first contact unless one is given; a lead of an ordinary sales
        team, created by a sales user, gets no KIM default."""
        self.assertEqual(self._inquiry().kim_first_contact_date, date(2026, 3, 10))
        given = self._inquiry(kim_first_contact_date=date(2026, 3, 2))
        self.assertEqual(given.kim_first_contact_date, date(2026, 3, 2))
        lead = (
            self.env["crm.lead"]
            .with_user(self.user_sales)
            .create({"name": "Angebot Stühle", "team_id": self.sales_team.id})
        )
        self.assertFalse(lead.kim_first_contact_date)
        self.assertFalse(lead.kim_intake or lead.kim_case_id)

    @freeze_time("2026-03-10")
    def test_open_case_from_inquiry(self):
        """C-1: "Open Case" creates the client and the case with channel,
        referrer and first contact date taken over, links inquiry and case and
        marks the inquiry won; the waiting time until the first meeting is
        measured from the inquiry's first contact."""
        lead = self._inquiry(
            kim_channel="first_contact",
            kim_channel_partner_id=self.municipality.id,
            kim_first_contact_date=date(2026, 3, 2),
            email_from="samira.haddad@example.com",
        )
        action = lead.action_kim_open_case()
        case = lead.kim_case_id
        self.assertEqual(action["res_model"], "kim.case")
        self.assertEqual(action["res_id"], case.id)
        self.assertEqual(case.user_id, self.user_cm_a)
        self.assertEqual(case.employer_id, self.org_ki)
        self.assertEqual(case.channel, "first_contact")
        self.assertEqual(case.channel_partner_id, self.municipality)
        self.assertEqual(case.municipality_id, self.municipality)
        self.assertEqual(case.district_id, self.district_north)
        self.assertEqual(case.first_contact_date, date(2026, 3, 2))
        self.assertEqual(case.stage_id, self.stage_intake)
        client = case.partner_id
        self.assertEqual(client.name, "Samira Haddad")
        self.assertEqual(client.email, "samira.haddad@example.com")
        self.assertTrue(client.kim_is_client)
        self.assertFalse(client.is_company)
        self.assertEqual(case.member_ids.partner_id, client)
        self.assertEqual(lead.partner_id, client)
        self.assertTrue(lead.stage_id.is_won)
        self.assertTrue(lead.active)
        self.assertEqual(case.kim_lead_ids, lead)
        self.assertEqual(case.kim_lead_count, 1)
        # waiting time inquiry -> first meeting
        case.first_meeting_date = date(2026, 3, 16)
        self.assertEqual(case.waiting_days, 14)
        # a second click opens the same case, it never opens a second one
        Case = self.env["kim.case"].with_user(self.user_cm_a)
        self.assertEqual(Case.search_count([("partner_id", "=", client.id)]), 1)
        self.assertEqual(lead.action_kim_open_case()["res_id"], case.id)
        self.assertEqual(Case.search_count([("partner_id", "=", client.id)]), 1)

    def test_open_case_with_known_client(self):
        """C-1: an inquiry of a known client opens the case for that client;
        no second contact is created. The client is one the case manager
        may read (recorded by them); an inquiry naming a client of another
        organisation opens nothing (issue #15)."""
        foreign = self._case(self.user_cm_b, self._client("Yusuf Fremd")).partner_id
        # the inquiry is filed with that client by someone who may (RPC)
        lead = self._inquiry(self.env.user, partner_id=foreign.id, kim_channel="self")
        with self.assertRaises(AccessError):
            lead.with_user(self.user_cm_a).action_kim_open_case()
        self.assertFalse(lead.kim_case_id)
        client = (
            self.env["res.partner"]
            .with_user(self.user_cm_a)
            .create({"name": "Yusuf Bekannt", "kim_is_client": True})
        )
        partners = self.env["res.partner"].search_count([])
        lead = self._inquiry(partner_id=client.id, kim_channel="self")
        lead.action_kim_open_case()
        self.assertEqual(lead.kim_case_id.partner_id, client)
        self.assertEqual(lead.kim_case_id.channel, "self")
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_open_case_refused_on_bad_input(self):
        """C-1: without a name, for an organisation, for a closed inquiry or
        for a lead of a sales team no case is opened, and nothing is written."""
        cases = self.env["kim.case"].search_count([])
        partners = self.env["res.partner"].search_count([])
        nameless = self._inquiry(contact_name=False)
        with self.assertRaises(UserError):
            nameless.action_kim_open_case()
        company = self._inquiry(partner_id=self.org_mbe.id)
        with self.assertRaises(UserError):
            company.action_kim_open_case()
        closed = self._inquiry()
        closed.action_set_lost(lost_reason_id=self.reason_mbe.id)
        with self.assertRaises(UserError):
            closed.with_user(self.user_cm_a).action_kim_open_case()
        with self.assertRaises(UserError):
            self.sales_lead.action_kim_open_case()
        self.assertEqual(self.env["kim.case"].search_count([]), cases)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertFalse((nameless | company | closed).kim_case_id)
        self.assertFalse(nameless.stage_id.is_won)

    def test_close_inquiry_with_reason(self):
        """C-1: a case manager closes an inquiry with one of Odoo's lost
        reasons, e.g. referred directly to the MBE."""
        lead = self._inquiry()
        wizard = (
            self.env["crm.lead.lost"]
            .with_user(self.user_cm_a)
            .with_context(active_ids=lead.ids)
            .create({"lead_ids": lead.ids, "lost_reason_id": self.reason_mbe.id})
        )
        wizard.action_lost_reason_apply()
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, self.reason_mbe)
        self.assertEqual(self.reason_mbe.name, "Referred directly to MBE")
        self.assertFalse(lead.kim_case_id)

    def test_inquiries_only_for_kim_roles(self):
        """C-1 / C-12: KIM inquiries hold personal data: sales and finance users
        never see them; case managers and coordination see open inquiries (and
        no sales leads); once a case is opened, the inquiry follows the case's
        access."""
        lead = self._inquiry()
        Lead = self.env["crm.lead"]
        # a sales user keeps the sales pipeline but never sees KIM inquiries
        sales = Lead.with_user(self.user_sales)
        mine = (lead | self.sales_lead).ids
        self.assertEqual(sales.search([("id", "in", mine)]), self.sales_lead)
        self.assertFalse(sales.search([("team_id", "=", self.team.id)]))
        with self.assertRaises(AccessError):
            lead.with_user(self.user_sales).read(["contact_name"])
        with self.assertRaises(AccessError):
            lead.with_user(self.user_sales).write({"contact_name": "X"})
        # finance, steering and authority have no access to leads at all
        for user in (self.user_finance, self.user_steering, self.user_authority):
            with self.assertRaises(AccessError):
                Lead.with_user(user).search([])
        # KIM roles of the organisation the inquiry is for see it (issue #17
        # §5), those of another organisation do not
        self.assertEqual(lead.kim_employer_id, self.org_ki)
        for user in (self.user_cm_a, self.user_coordination):
            self.assertEqual(
                Lead.with_user(user).search([("team_id", "=", self.team.id)]), lead
            )
        self.assertFalse(
            Lead.with_user(self.user_cm_b).search([("team_id", "=", self.team.id)])
        )
        with self.assertRaises(AccessError):
            lead.with_user(self.user_cm_b).read(["contact_name"])
        # KIM roles are no sales users: the sales pipeline stays closed to them
        for user in (self.user_cm_a, self.user_coordination):
            with self.assertRaises(AccessError):
                self.sales_lead.with_user(user).read(["name"])
        # coordination reads, but does not change inquiries
        with self.assertRaises(AccessError):
            lead.with_user(self.user_coordination).write({"contact_name": "X"})
        # case managers are no sales managers: they do not delete inquiries
        with self.assertRaises(AccessError):
            lead.with_user(self.user_cm_a).unlink()
        # once the case is opened, the inquiry follows the case
        lead.action_kim_open_case()
        self.assertFalse(Lead.with_user(self.user_cm_b).search([("id", "=", lead.id)]))
        with self.assertRaises(AccessError):
            lead.with_user(self.user_cm_b).read(["contact_name"])
        self.assertEqual(
            Lead.with_user(self.user_cm_a).search([("id", "in", mine)]), lead
        )
        self.assertEqual(lead.contact_name, "Samira Haddad")

    def test_case_smart_buttons(self):
        """C-10 / C-1: the case shows the number of the client's consents and
        opens them for that client; the inquiry is linked from the case."""
        lead = self._inquiry()
        lead.action_kim_open_case()
        case = lead.kim_case_id.with_user(self.user_cm_a)
        self.assertEqual(case.kim_consent_count, 0)
        self._consent(case.partner_id)
        self._consent(case.partner_id, "info_art13")
        case.invalidate_recordset(["kim_consent_count"])
        self.assertEqual(case.kim_consent_count, 2)
        action = case.action_view_kim_consents()
        self.assertEqual(action["context"]["default_partner_id"], case.partner_id.id)
        consents = (
            self.env["kim.consent"].with_user(self.user_cm_a).search(action["domain"])
        )
        self.assertEqual(len(consents), 2)
        action = case.action_view_kim_leads()
        self.assertEqual(action["res_id"], lead.id)
        self.assertEqual(action["res_model"], "crm.lead")


class TestIntakeStages(KimCaseCommon):
    """Issue #21 (C-1): the intake pipeline speaks social work: its own
    stages as data, none of Odoo's sales stages in it, nothing changed for
    other teams."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env.ref("kim_case.crm_team_kim_intake")
        cls.reason_mbe = cls.env.ref("kim_case.crm_lost_reason_kim_mbe")
        cls.sales_team = cls.env["crm.team"].create({"name": "Vertrieb Test"})
        cls.sales_lead = cls.env["crm.lead"].create(
            {"name": "Angebot Büromöbel", "team_id": cls.sales_team.id}
        )

    _inquiry = TestIntake._inquiry

    def _columns(self, team):
        groups = (
            self.env["crm.lead"]
            .with_context(default_team_id=team.id)
            .read_group([("team_id", "=", team.id)], ["stage_id"], ["stage_id"])
        )
        return self.env["crm.stage"].browse([g["stage_id"][0] for g in groups])

    def test_new_inquiry_starts_in_kim_new(self):
        inquiry = self._inquiry()
        self.assertEqual(inquiry.stage_id, self.env.ref("kim_case.crm_stage_kim_new"))
        self.assertEqual(inquiry.stage_id.team_id, self.team)
        # a sales lead stays in Odoo's own first stage
        self.assertFalse(self.sales_lead.stage_id.team_id)

    def test_columns_are_the_intake_stages_only(self):
        self._inquiry()
        columns = self._columns(self.team)
        self.assertEqual(columns.team_id, self.team)
        names = (
            "new",
            "clarifying",
            "first_meeting",
            "case_opened",
            "referred",
            "closed",
        )
        self.assertEqual(
            columns.ids,
            [self.env.ref(f"kim_case.crm_stage_kim_{name}").id for name in names],
        )
        self.assertFalse(columns.filtered(lambda s: s.name in ("Won", "Gewonnen")))
        sales_columns = self._columns(self.sales_team)
        self.assertFalse(sales_columns & columns)
        self.assertTrue(sales_columns)

    def test_case_opened_and_closed_inquiries_end_in_their_stage(self):
        opened = self._inquiry()
        opened.with_user(self.user_cm_a).action_kim_open_case()
        self.assertEqual(
            opened.stage_id, self.env.ref("kim_case.crm_stage_kim_case_opened")
        )
        referred = self._inquiry(contact_name="Karim Test")
        referred.with_user(self.user_cm_a).action_set_lost(
            lost_reason_id=self.reason_mbe.id
        )
        self.assertEqual(
            referred.stage_id, self.env.ref("kim_case.crm_stage_kim_referred")
        )
        single = self._inquiry(contact_name="Ewa Test")
        single.with_user(self.user_cm_a).action_set_lost(
            lost_reason_id=self.env.ref(
                "kim_case.crm_lost_reason_kim_single_question"
            ).id
        )
        self.assertEqual(single.stage_id, self.env.ref("kim_case.crm_stage_kim_closed"))
        # a sales lead lost for an ordinary reason keeps its stage
        stage = self.sales_lead.stage_id
        self.sales_lead.action_set_lost()
        self.assertEqual(self.sales_lead.stage_id, stage)
