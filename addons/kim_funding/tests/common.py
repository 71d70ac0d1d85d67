# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixture of the funding tests: a generic chart of accounts (no l10n_de),
a dated funding rule and a Baustein 1 and a Baustein 2 grant. No tests here."""

from datetime import date

from odoo import Command

from odoo.addons.kim_case.tests.common import KimCaseCommon

YEAR = 2031


class KimFundingCommon(KimCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        cls.bank_journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        cls.rule_b1 = cls.env["kim.funding.rule"].create(
            {
                "baustein": "1",
                "year": YEAR,
                "line_ids": [
                    Command.create(vals)
                    for vals in (
                        {
                            "category": "coord_personnel",
                            "basis": "coord_fte",
                            "amount": 55000,
                        },
                        {
                            "category": "admin_personnel",
                            "basis": "admin_half",
                            "amount": 22500,
                        },
                        {
                            "category": "coord_material",
                            "basis": "coord_fte",
                            "amount": 9700,
                        },
                        {
                            "category": "admin_material",
                            "basis": "admin_half",
                            "amount": 4850,
                        },
                        {
                            "category": "consulting",
                            "basis": "day",
                            "amount": 1000,
                            "max_days": 6,
                        },
                        {
                            "category": "exchange",
                            "basis": "day",
                            "amount": 1000,
                            "max_days": 3,
                        },
                        {
                            "category": "implementation",
                            "basis": "fixed",
                            "amount": 10000,
                        },
                        {"category": "gap_analysis", "basis": "fixed", "amount": 30000},
                    )
                ],
            }
        )
        cls.rule_b2 = cls.env["kim.funding.rule"].create(
            {
                "baustein": "2",
                "year": YEAR,
                "line_ids": [
                    Command.create(
                        {"category": "flat_rate", "basis": "fte", "amount": 70000}
                    )
                ],
            }
        )
        cls.grant_b1 = cls.env["kim.grant"].create(
            {
                "name": "Zuwendung Baustein 1",
                "baustein": "1",
                "year": YEAR,
                "approved_coord_fte": 3.5,
                "approved_admin_fte": 0.5,
                "date_start": date(YEAR, 1, 1),
                "date_end": date(YEAR, 12, 31),
            }
        )
        cls.grant_b2 = cls.env["kim.grant"].create(
            {
                "name": "Zuwendung Baustein 2",
                "baustein": "2",
                "year": YEAR,
                "approved_fte": 13.0,
                "date_start": date(YEAR, 1, 1),
                "date_end": date(YEAR, 12, 31),
            }
        )
        cls.org_city.write({"kim_is_municipality": True})

    @classmethod
    def _expense_account(cls):
        return cls.env["account.account"].search(
            [
                *cls.env["account.account"]._check_company_domain(cls.env.company),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )

    @classmethod
    def _bill(cls, grant, category, amount, post=True):
        move = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": cls.org_jobcenter.id,
                "invoice_date": date(grant.year, 6, 1),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Kosten",
                            "quantity": 1,
                            "price_unit": amount,
                            "account_id": cls._expense_account().id,
                            "tax_ids": [Command.clear()],
                            "kim_funding_category": category,
                            "analytic_distribution": {
                                str(grant.analytic_account_id.id): 100
                            },
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _contract(cls, recipient=None, recipient_type="municipality", **values):
        return cls.env["kim.forwarding.contract"].create(
            {
                "name": "Weiterleitungsvertrag Test",
                "grant_id": cls.grant_b2.id,
                "recipient_id": (recipient or cls.org_city).id,
                "recipient_type": recipient_type,
                "date_start": date(YEAR, 1, 1),
                "date_end": date(YEAR, 12, 31),
                "fte": 2.0,
                "amount": 100000.0,
                "instalment_count": "4",
            }
            | values
        )

    @classmethod
    def _welfare_contract(cls):
        """The active contract of welfare association W, as its portal user
        sees it (ministry consent and concept attached)."""
        return cls._active_contract(
            name="Vertrag Wohlfahrt Test",
            recipient=cls.org_welfare,
            recipient_type="welfare",
            ministry_consent_date=date(YEAR, 1, 2),
            consent_attachment_ids=[cls._document().id],
            concept_attachment_ids=[cls._document().id],
            outside_jmd_mbe=True,
        )

    @classmethod
    def _active_contract(cls, **values):
        contract = cls._contract(**values)
        contract.action_to_sign()
        contract.action_sign()
        contract.with_user(cls.user_lead).action_approve()
        contract.with_user(cls.user_finance).action_release()
        return contract
