# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #17 §3: the funding limits under two concurrent transactions at
REPEATABLE READ. Each test commits its own data (no kim_demo needed), lets
two real cursors run the same check at once and deletes its data again."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.kim_case.tests.race import (
    OK,
    SERIALISATION_FAILURE,
    KimRaceCase,
)

RACE_YEAR = 2046


def committed_grant(env, baustein="2", **values):
    """A funding rule and a grant of ``RACE_YEAR`` (flat rate 70,000 € per
    FTE for Baustein 2, 55,000 € per coordinator FTE for Baustein 1)."""
    line = (
        {"category": "flat_rate", "basis": "fte", "amount": 70000}
        if baustein == "2"
        else {"category": "coord_personnel", "basis": "coord_fte", "amount": 55000}
    )
    env["kim.funding.rule"].create(
        {"baustein": baustein, "year": RACE_YEAR, "line_ids": [Command.create(line)]}
    )
    return env["kim.grant"].create(
        {
            "name": f"Wettlauf Baustein {baustein}",
            "baustein": baustein,
            "year": RACE_YEAR,
            "date_start": date(RACE_YEAR, 1, 1),
            "date_end": date(RACE_YEAR, 12, 31),
        }
        | ({"approved_fte": 1.0} if baustein == "2" else {"approved_coord_fte": 1.0})
        | values
    )


def committed_instalment(env, billed=False):
    grant = committed_grant(env)
    municipality = env["res.partner"].create(
        {"name": "Wettlaufstadt", "is_company": True, "kim_is_municipality": True}
    )
    contract = env["kim.forwarding.contract"].create(
        {
            "name": "Wettlauf-Test",
            "grant_id": grant.id,
            "recipient_id": municipality.id,
            "recipient_type": "municipality",
            "date_start": date(RACE_YEAR, 1, 1),
            "date_end": date(RACE_YEAR, 12, 31),
            "amount": 1234.56,
            "instalment_count": "1",
            "state": "active",
        }
    )
    inst = contract._kim_create_instalments()
    if billed:
        inst.action_bill()
    return inst.id


@tagged("post_install", "-at_install")
class TestMoneyRace(KimRaceCase):
    def test_two_cursors_pay_once(self):
        """F-7: two finance sessions pay the same instalment at the same
        time: exactly one payment; the other is refused (the instalment is
        locked by another user or already paid)."""
        inst_id = self._kim_commit(lambda env: committed_instalment(env, True))

        def pay(env):
            env["kim.forwarding.instalment"].browse(inst_id).action_pay()

        outcomes = self._kim_race((self.env.uid, pay), (self.env.uid, pay))
        with self._kim_real_cursor() as cr:
            inst = self.env(cr=cr)["kim.forwarding.instalment"].browse(inst_id)
            payments = inst.move_id.matched_payment_ids.filtered(
                lambda p: p.state != "canceled"
            )
            self.assertEqual(len(payments), 1, outcomes)
            self.assertEqual(inst.state, "paid")
        self._kim_assert_one_wins(
            outcomes, "anderen Person|another user|bereits bezahlt|already been paid"
        )


@tagged("post_install", "-at_install")
class TestForwardingConcurrency(KimRaceCase):
    def test_two_cursors_bill_once(self):
        """F-7/F-10: two finance sessions bill the same instalment at once:
        one vendor bill; the other is refused (locked or already billed)."""
        inst_id = self._kim_commit(committed_instalment)

        def bill(env):
            env["kim.forwarding.instalment"].browse(inst_id).action_bill()

        outcomes = self._kim_race((self.env.uid, bill), (self.env.uid, bill))
        with self._kim_real_cursor() as cr:
            env = self.env(cr=cr)
            inst = env["kim.forwarding.instalment"].browse(inst_id)
            bills = env["account.move"].search(
                [("ref", "=", f"{inst.contract_id.name} / {inst.sequence}")]
            )
            self.assertEqual(len(bills), 1, outcomes)
            self.assertEqual(inst.move_id, bills)
        self._kim_assert_one_wins(
            outcomes,
            "anderen Person|another user|bereits abgerechnet|already been billed",
        )


@tagged("post_install", "-at_install")
class TestGrantCapRace(KimRaceCase):
    def test_two_postings_over_cap(self):
        """F-2: two bookkeepers post bills of 30,000 € each against the same
        55,000 € category cap at once: one is posted, the other refused."""

        def setup(env):
            grant = committed_grant(env, "1")
            partner = env["res.partner"].create({"name": "Wettlauf-Lieferant"})
            account = env["account.account"].search(
                [
                    *env["account.account"]._check_company_domain(env.company),
                    ("account_type", "=", "expense"),
                ],
                limit=1,
            )
            bills = env["account.move"].create(
                [
                    {
                        "move_type": "in_invoice",
                        "partner_id": partner.id,
                        "invoice_date": date(RACE_YEAR, 6, 1),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Personalkosten",
                                    "quantity": 1,
                                    "price_unit": 30000,
                                    "account_id": account.id,
                                    "tax_ids": [Command.clear()],
                                    "kim_funding_category": "coord_personnel",
                                    "analytic_distribution": {
                                        str(grant.analytic_account_id.id): 100
                                    },
                                }
                            )
                        ],
                    }
                    for _i in range(2)
                ]
            )
            return grant.id, bills.ids

        grant_id, bill_ids = self._kim_commit(setup)

        def post(bill_id):
            return lambda env: env["account.move"].browse(bill_id).action_post()

        outcomes = self._kim_race(
            (self.env.uid, post(bill_ids[0])), (self.env.uid, post(bill_ids[1]))
        )
        with self._kim_real_cursor() as cr:
            moves = self.env(cr=cr)["account.move"].browse(bill_ids)
            self.assertEqual(moves.mapped("state").count("posted"), 1, outcomes)
            grant = self.env(cr=cr)["kim.grant"].browse(grant_id)
            spent = grant._kim_spent_by_category()[(grant_id, "coord_personnel")]
            self.assertLessEqual(spent, 55000)
        self._kim_assert_one_wins(outcomes, "Obergrenze|exceeds the cap")


@tagged("post_install", "-at_install")
class TestDoubleFundingRace(KimRaceCase):
    def test_two_occupations_of_one_employee(self):
        """F-5: two users give one employee (1.0 FTE contract) 0.6 FTE on two
        positions at once: one occupation is saved, the other refused as
        double funding."""

        def setup(env):
            grant = committed_grant(env)
            positions = env["kim.position"].create(
                [
                    {
                        "name": f"Wettlauf-Stelle {i}",
                        "grant_id": grant.id,
                        "role": "case_management",
                        "fte": 1.0,
                        "employer_type": "ki",
                        "is_additional": True,
                    }
                    for i in range(2)
                ]
            )
            employee = env["hr.employee"].create({"name": "Wettlauf Person"})
            return employee.id, positions.ids

        employee_id, position_ids = self._kim_commit(setup)

        def occupy(position_id):
            return lambda env: env["kim.position.occupant"].create(
                {
                    "position_id": position_id,
                    "employee_id": employee_id,
                    "fte_share": 0.6,
                    "date_start": date(RACE_YEAR, 1, 1),
                }
            )

        outcomes = self._kim_race(
            (self.env.uid, occupy(position_ids[0])),
            (self.env.uid, occupy(position_ids[1])),
        )
        with self._kim_real_cursor() as cr:
            count = self.env(cr=cr)["kim.position.occupant"].search_count(
                [("employee_id", "=", employee_id)]
            )
            self.assertEqual(count, 1, outcomes)
        self._kim_assert_one_wins(outcomes, "Doppelförderung|double funding")


@tagged("post_install", "-at_install")
class TestDistributionKeyRace(KimRaceCase):
    def test_two_imports_of_one_key(self):
        """C-15/F-4: two users import the AZR file into the same new key at
        once: the key holds one line per municipality and distributes exactly
        its FTE; the second import fails to serialise (a retry replaces the
        lines)."""

        def setup(env):
            municipalities = env["res.partner"].create(
                [
                    {
                        "name": f"Wettlaufgemeinde {i}",
                        "is_company": True,
                        "kim_is_municipality": True,
                        "kim_ags": f"0557099{i}",
                    }
                    for i in range(2)
                ]
            )
            key = env["kim.distribution.key"].create(
                {
                    "year": RACE_YEAR,
                    "reference_date": date(RACE_YEAR, 3, 31),
                    "total_fte": 5.0,
                }
            )
            return key.id, municipalities.mapped("kim_ags")

        key_id, ags = self._kim_commit(setup)
        content = f"{ags[0]};Eins;3000\n{ags[1]};Zwei;1000\n".encode()

        def import_file(env):
            env["kim.distribution.key"].browse(key_id)._kim_import_azr_csv(content)

        outcomes = self._kim_race(
            (self.env.uid, import_file), (self.env.uid, import_file), retry=False
        )
        with self._kim_real_cursor() as cr:
            key = self.env(cr=cr)["kim.distribution.key"].browse(key_id)
            self.assertEqual(len(key.line_ids), 2, outcomes)
            self.assertAlmostEqual(sum(key.line_ids.mapped("share_fte")), 5.0)
        self.assertIn(OK, outcomes)
        self._kim_assert_one_wins(outcomes, SERIALISATION_FAILURE)


def committed_sepa_instalment(env):
    """A billed instalment whose bill has a SEPA payment mode (issue #19)."""
    inst = env["kim.forwarding.instalment"].browse(committed_instalment(env, True))
    journal = env["account.journal"].search(
        [
            *env["account.journal"]._check_company_domain(env.company),
            ("type", "=", "bank"),
        ],
        limit=1,
    )
    mode = env["account.payment.mode"].create(
        {
            "name": "Wettlauf SEPA",
            "payment_method_id": env.ref(
                "account_banking_sepa_credit_transfer.sepa_credit_transfer"
            ).id,
            "bank_account_link": "fixed",
            "fixed_journal_id": journal.id,
            "payment_order_ok": True,
        }
    )
    inst.move_id.payment_mode_id = mode
    return inst.id, mode.id


@tagged("post_install", "-at_install")
class TestPaymentOrderRace(KimRaceCase):
    def test_two_orders_one_instalment(self):
        """F-5/F-7 (issue #19): two treasury sessions put the same
        instalment's bill into two new payment orders at once: one order
        holds it, the other is refused (it would be paid twice)."""
        inst_id, mode_id = self._kim_commit(committed_sepa_instalment)

        def add(env):
            inst = env["kim.forwarding.instalment"].browse(inst_id)
            order = env["account.payment.order"].create({"payment_mode_id": mode_id})
            inst._kim_payable_lines().create_payment_line_from_move_line(order)
            env.flush_all()

        outcomes = self._kim_race((self.env.uid, add), (self.env.uid, add))
        with self._kim_real_cursor() as cr:
            env = self.env(cr=cr)
            inst = env["kim.forwarding.instalment"].browse(inst_id)
            lines = env["account.payment.line"].search(
                [("move_line_id", "in", inst._kim_payable_lines().ids)]
            )
            self.assertEqual(len(lines), 1, outcomes)
        self._kim_assert_one_wins(outcomes, "paid twice|zweimal")


def committed_erp_runs(env):
    """An unpaid instalment with a booking key and a creditor number, in two
    draft payment runs for the municipal ERP (issue #19)."""
    inst = env["kim.forwarding.instalment"].browse(committed_instalment(env))
    inst.recipient_id.ref = "K-RACE-1"
    env["kim.booking.key"].create(
        {
            "category": inst.contract_id.category,
            "baustein": inst.contract_id.baustein,
            "product": "31.50.99",
            "gl_account": "531899",
            "valid_from": date(RACE_YEAR, 1, 1),
            "valid_to": date(RACE_YEAR, 12, 31),
        }
    )
    runs = env["kim.erp.export"].create(
        [
            {
                "date_until": date(RACE_YEAR, 12, 31),
                "line_ids": [Command.create({"instalment_id": inst.id})],
            }
            for _run in range(2)
        ]
    )
    return runs.ids


@tagged("post_install", "-at_install")
class TestErpExportRace(KimRaceCase):
    def test_two_runs_one_instalment(self):
        """F-5/F-7 (issue #19): two treasury sessions export the same
        instalment in two payment runs at once: one file holds it, the other
        run is refused (the ERP would pay it twice)."""
        run_ids = self._kim_commit(committed_erp_runs)

        def export(run_id):
            def action(env):
                env["kim.erp.export"].browse(run_id).action_export()
                env.flush_all()

            return action

        outcomes = self._kim_race(
            (self.env.uid, export(run_ids[0])), (self.env.uid, export(run_ids[1]))
        )
        with self._kim_real_cursor() as cr:
            lines = self.env(cr=cr)["kim.erp.export.line"].search(
                [("export_id", "in", run_ids), ("exported", "=", True)]
            )
            self.assertEqual(len(lines), 1, outcomes)
        self._kim_assert_one_wins(outcomes, "already exported|bereits")
