# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo tells the truth of a working Kreis (issue #16 item 2): every case
carries what its stage implies, the pipelines show every state."""

import base64
from datetime import date

from odoo.exceptions import AccessError
from odoo.models import check_method_name
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from ..generators.stages import demo_cases, missing_needs


@tagged("post_install", "-at_install")
class TestDemoConsistency(TransactionCase):
    def test_every_case_carries_its_stage(self):
        """G-6, X-3: for every case of the demo, by stage: contacts, a note and
        the next step; Art. 13 information and data-protection agreement and
        an assessment from "Assessment" on, completed with scores afterwards;
        goals in the client's words; measures with a network partner covered
        by a release; results once monitored; outcomes once closed."""
        cases = demo_cases(self.env)
        self.assertGreaterEqual(len(cases), 30)
        gaps = {
            case.name: missing for case in cases if (missing := missing_needs(case))
        }
        self.assertEqual(gaps, {}, "demo cases missing what their stage implies")
        # every stage of the case life cycle is shown
        stages = {case.stage_id for case in cases}
        self.assertEqual(
            stages, set(self.env["kim.case.stage"].search([])), "stage without case"
        )

    def test_pipelines_show_every_state(self):
        """C-1, F-8, A-1: inquiries in every stage of the intake pipeline (one
        turned into a case, one closed without), proofs of use in every state,
        requests to the authorities in every state."""
        team = self.env.ref("kim_case.crm_team_kim_intake")
        Lead = self.env["crm.lead"].with_context(active_test=False)
        leads = Lead.search([("team_id", "=", team.id)])
        # issue #21: the intake pipeline's own stages, every one of them
        stages = self.env["crm.stage"].search([("team_id", "=", team.id)])
        self.assertEqual(set(leads.mapped("stage_id")), set(stages))
        self.assertTrue(leads.filtered(lambda lead: lead.kim_case_id))
        self.assertTrue(leads.filtered(lambda lead: not lead.active))
        proofs = self.env["kim.proof.of.use"].search([])
        self.assertEqual(
            set(proofs.mapped("state")),
            {key for key, __ in proofs._fields["state"].selection},
        )
        requests = self.env["kim.abh.request"].search([])
        self.assertEqual(
            set(requests.mapped("state")),
            {key for key, __ in requests._fields["state"].selection},
        )

    def test_erp_payment_run(self):
        """F-5/F-7 (issue #19): the demo Kreis' payment run for the municipal
        ERP holds every unpaid instalment of its active contracts, each with
        the booking key of its cost category, a creditor number and a cash
        reference, and its file has one row per instalment."""
        run = self.env.ref("kim_demo.erp_export_demo_2026")
        self.assertEqual(run.state, "exported")
        instalments = self.env["kim.forwarding.instalment"].search(
            [
                ("company_id", "=", run.company_id.id),
                ("contract_id.state", "=", "active"),
                ("due_date", "<=", run.date_until),
                ("state", "!=", "paid"),
            ]
        )
        self.assertTrue(instalments)
        self.assertEqual(run.line_ids.instalment_id, instalments)
        for line in run.line_ids:
            self.assertEqual(line.gl_account, "531810")
            self.assertTrue(line.creditor_number)
            self.assertEqual(line.cash_reference, line.instalment_id.cash_reference)
        rows = base64.b64decode(run.file).decode("utf-8-sig").splitlines()
        self.assertEqual(len(rows), len(instalments) + 1)

    def test_caseload_report(self):
        """G-7 (issue #19): the KIM lead's caseload report of the demo Kreis
        shows each demo case manager's active cases, counted here, against
        the FTE of their occupancy in the position ledger."""
        lead = self.env.ref("kim_demo.user_demo_lead")
        day = date(2026, 6, 30)
        report = (
            self.env["kim.caseload.report"]
            .with_user(lead)
            .create({"reference_date": day})
        )
        managers = {row[0]: row[1:] for row in report._kim_tables()[1]["rows"]}
        for xmlid, fte in (("user_demo_cm_kreis", 1.0), ("user_demo_cm_caritas", 0.72)):
            user = self.env.ref(f"kim_demo.{xmlid}")
            active = self.env["kim.case"].search_count(
                [
                    ("user_id", "=", user.id),
                    ("first_contact_date", "<=", day),
                    "|",
                    ("closed_date", "=", False),
                    ("closed_date", ">=", day),
                ]
            )
            self.assertTrue(active, xmlid)
            self.assertEqual(managers[user.name][1:3], [active, fte], xmlid)

    def test_company_letterhead(self):
        """The Kreis has its logo and letterhead data for letters (X-4)."""
        company = self.env.ref("base.main_company")
        self.assertTrue(company.logo)
        for field in ("street", "zip", "city", "phone", "email", "report_footer"):
            self.assertTrue(company[field], field)
        self.assertIn("IBAN", company.report_footer)
        # letters print at once, without the document layout wizard
        self.assertTrue(company.external_report_layout_id)


@tagged("post_install", "-at_install")
class TestDemoGeneratorPrivate(TransactionCase):
    def test_generators_not_callable_remotely(self):
        """X-1: no account can run a demo generator over RPC (they create
        clients, consents and payments): every entry point is private."""
        Generator = self.env["kim.demo.generator"]
        entry_points = [
            name
            for name in dir(type(Generator))
            if name.startswith(("generate", "_generate", "complete", "_complete"))
        ]
        self.assertGreaterEqual(len(entry_points), 6)
        for name in entry_points:
            with self.assertRaises(AccessError, msg=name):
                check_method_name(name)
