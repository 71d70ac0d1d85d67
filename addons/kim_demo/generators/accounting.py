# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Accounting part of the German demo (called from demo data only)."""

from datetime import date

DEMO_IBAN_KREIS = "DE56412500350000123456"
# issue 19: the recipients' accounts the Kreiskasse transfers instalments to
DEMO_IBANS = {
    "kim_demo.partner_demo_stadt_ahlen": "DE16412500350000456789",
    "kim_demo.partner_demo_muni_beckum": "DE65412615240000123321",
    "kim_demo.partner_demo_caritas": "DE41400501500000987654",
    "kim_demo.partner_demo_diakonisches_werk": "DE61370205000000112233",
}


def generate(env):
    """Chart of accounts (generic chart in EUR when no localisation is
    installed), the Kreis' bank account, a call for funds received from
    the state, paid instalments and one refund of the previous year."""
    company = env.ref("base.main_company")
    if not company.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", company=company, install_demo=False
        )
        # sudo: demo setup; no journal item exists yet, so EUR is allowed
        if not env["account.move.line"].sudo().search_count([], limit=1):
            company.currency_id = env.ref("base.EUR")
    ref = env.ref
    journal = env["account.journal"].search(
        [
            *env["account.journal"]._check_company_domain(company),
            ("type", "=", "bank"),
        ],
        limit=1,
    )
    if not journal.bank_account_id:
        journal.bank_account_id = env["res.partner.bank"].create(
            {"acc_number": DEMO_IBAN_KREIS, "partner_id": company.partner_id.id}
        )
    # income from the state: half of Baustein 2 called and received
    grant = ref("kim_demo.grant_demo_b2_2026")
    if grant.state in ("approved", "running") and not grant.income_move_ids:
        grant.amount_to_call = round(grant.amount_approved / 2, 2)
        income = grant._kim_call_funds()
        _pay(env, income, journal, date(2026, 1, 20))
    # first instalments paid (Ahlen 2 stays open: concurrency test)
    for xmlid in (
        "kim_demo.instalment_demo_ahlen_1",
        "kim_demo.instalment_demo_caritas_1",
        "kim_demo.instalment_demo_caritas_2",
    ):
        inst = ref(xmlid)
        if not inst.move_id:
            inst.action_bill()
            inst.action_pay(journal=journal, payment_date=inst.due_date)
    # previous year: contract settled with a refund of unused funds
    grant_2025 = ref("kim_demo.grant_demo_b2_2025")
    if not grant_2025.contract_ids:
        contract = env["kim.forwarding.contract"].create(
            {
                "name": "Weiterleitungsvertrag Stadt Ahlen 2025",
                "grant_id": grant_2025.id,
                "recipient_id": ref("kim_demo.partner_demo_stadt_ahlen").id,
                "recipient_type": "municipality",
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
                "fte": 1.0,
                "amount": 70000.0,
                "instalment_count": "1",
                "state": "active",
                "approved_by_id": ref("kim_demo.user_demo_coordination").id,
                "released_by_id": ref("base.user_admin").id,
            }
        )
        inst = contract._kim_create_instalments()
        inst.action_bill()
        inst.action_pay(journal=journal, payment_date=date(2025, 1, 15))
        contract.write({"proof_actual_amount": 66500.0, "proof_filled_months": 11.0})
        contract.action_create_refund()
    _proofs(env)
    _sepa(env, journal)
    return True


def _sepa(env, journal):
    """F-5/F-7 (issue #19): the Kreiskasse pays instalments by SEPA credit
    transfer (OCA payment orders): a payment mode on the Kreis' bank journal,
    the recipients' IBANs and that mode as their supplier payment mode."""
    Mode = env["account.payment.mode"]
    mode = Mode.search([("name", "=", "SEPA-Überweisung Kreiskasse")], limit=1)
    if not mode:
        mode = Mode.create(
            {
                "name": "SEPA-Überweisung Kreiskasse",
                "payment_method_id": env.ref(
                    "account_banking_sepa_credit_transfer.sepa_credit_transfer"
                ).id,
                "bank_account_link": "fixed",
                "fixed_journal_id": journal.id,
                "payment_order_ok": True,
                "default_date_prefered": "due",
            }
        )
    # payments of the order are booked through the Kreis' transfer account
    lines = journal.outbound_payment_method_line_ids.filtered(
        lambda line: line.payment_method_id == mode.payment_method_id
    )
    if lines and not lines.payment_account_id:
        lines.payment_account_id = journal.company_id.transfer_account_id
    for xmlid, iban in DEMO_IBANS.items():
        partner = env.ref(xmlid)
        if not partner.bank_ids:
            env["res.partner.bank"].create(
                {"acc_number": iban, "partner_id": partner.id}
            )
        if not partner.supplier_payment_mode_id:
            partner.supplier_payment_mode_id = mode


def _proofs(env):
    """Proofs of use of the previous year in every state (F-8): Baustein 2
    (its forwarding contract settled with a refund) checked by the
    Bezirksregierung, Baustein 1 submitted, Baustein 3 still a draft."""
    Proof = env["kim.proof.of.use"]
    for xmlid, state in (
        ("kim_demo.grant_demo_b2_2025", "checked"),
        ("kim_demo.grant_demo_b1_2025", "submitted"),
        ("kim_demo.grant_demo_b3_2025", "draft"),
    ):
        grant = env.ref(xmlid)
        if Proof.search_count([("grant_id", "=", grant.id)], limit=1):
            continue
        proof = Proof.create(
            {
                "grant_id": grant.id,
                "report_text": "<p>Umsetzung des Kommunalen "
                "Integrationsmanagements im Kreis Warendorf 2025: Netzwerkarbeit, "
                "Fallzahlen und Maßnahmen siehe Anlage.</p>",
            }
        )
        if state == "draft":
            grant.state = "proof_due"
            continue
        # issue 19 (ANBest-P): deviations from the financing plan explained
        for budget in proof._kim_financing_plan().filtered("deviation_exceeded"):
            budget.deviation_note = (
                "Minderausgaben: Stellen später besetzt als geplant, "
                "Maßnahmen ins Folgejahr verschoben."
                if budget.amount_deviation < 0
                else "Mehrausgaben durch zusätzliche Sprachmittlung nach Zuzug."
            )
        proof.action_submit()
        if state == "checked":
            proof.state = "checked"
            grant.state = "proof_checked"


def _pay(env, moves, journal, payment_date):
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=moves.ids
    ).create(
        {"journal_id": journal.id, "payment_date": payment_date}
    )._create_payments()
