# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #17 §1 (money and staffing input, F-1 … F-10, C-15): every model
holding money, dates or FTE refuses bad values by a constraint, so the rule
holds for forms, RPC and imports alike. Each bad value is tried by the role
that may edit the record (finance; the KIM lead for funding rules; HR for
contractual FTE), through ``create`` and ``write``; each must raise a German
error and change nothing."""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.kim_case.tests.figures import report_figure

from .common import YEAR, KimFundingCommon

# tables whose rows a refused input must leave as they were
TABLES = (
    "kim_forwarding_contract",
    "kim_forwarding_instalment",
    "kim_forwarding_amendment",
    "kim_grant",
    "kim_grant_budget",
    "kim_funding_rule",
    "kim_funding_rule_line",
    "kim_position",
    "kim_position_occupant",
    "kim_other_funding",
    "account_move",
    "account_payment",
)

MSG_GRANT_YEAR = r"^Zuwendung .*: -?\d+ ist kein gültiges Förderjahr\.$"
MSG_GRANT_ORDER = r"Durchführungszeitraum kann nicht enden, bevor er beginnt\.$"
MSG_GRANT_IN_YEAR = r"Durchführungszeitraum muss im Förderjahr \d+ liegen\.$"
MSG_GRANT_FTE = r"^Zuwendung .*: Bewilligte VZÄ können nicht negativ sein\.$"
MSG_GRANT_CALL = r"Der abzurufende Betrag kann nicht negativ sein\.$"
MSG_OUTSIDE = r"^Zuwendung .*: Eine (Buchung|Zahlung) vom .* liegt außerhalb des "
MSG_RULE_FTE = r"^Die VZÄ einer Förderregel können nicht negativ sein\.$"
MSG_MIN_SHARE = r"^Der Mindestanteil einer Stelle muss größer als 0 und höchstens"
MSG_CARRY_DAY = r"^Eine Übertragung braucht einen letzten Tag nach dem Ende"
MSG_CARRY_FLAG = r"^Ein Übertragungsdatum ist nur zulässig"
MSG_CAP = r"^Obergrenzen dürfen nicht negativ sein\.$"
MSG_DAYS = r"^Die Anzahl der Tage kann nicht negativ sein\.$"
MSG_BUDGET = r"^Die Obergrenze einer Kostenkategorie kann nicht negativ sein\.$"
MSG_POSITION_FTE = r"^Stelle .*: Die VZÄ müssen positiv sein\.$"
MSG_OCCUPIED = r"^Stelle .*: Am \d\d\.\d\d\.\d{4} sind .* VZÄ besetzt, mehr als"
MSG_SHARE = r"^Der VZÄ-Anteil einer Besetzung muss größer als 0 und höchstens 1"
MSG_OCC_ORDER = r"^Eine Besetzung kann nicht enden, bevor sie beginnt\.$"
MSG_OTHER_FTE = r"^Die VZÄ eines anderen Förderprogramms müssen größer als 0"
MSG_OTHER_ORDER = r"^Eine andere Förderung kann nicht enden, bevor sie beginnt\.$"
MSG_CAPACITY = r"^Die vertraglichen VZÄ von .* müssen größer als 0 und höchstens 1"
MSG_PERIOD = r"^Ein Vertrag kann nicht enden, bevor er beginnt\.$"
MSG_IN_GRANT = r"^Vertrag .* muss im Zeitraum der Zuwendung .* liegen"
MSG_FTE_NEG = r"^Die weitergeleiteten VZÄ können nicht negativ sein\.$"
MSG_FTE_POSITIONS = r"^Vertrag .* leitet .* VZÄ weiter, mehr als die .* seiner Stellen"
MSG_PROOF_AMOUNT = r"^Die nachgewiesenen zuwendungsfähigen Ausgaben können nicht"
MSG_MONTHS = r"^Die besetzten Monate müssen zwischen 0 und 12 liegen\.$"
MSG_TOTAL = r"^Die Raten des Vertrags .* ergeben zusammen .*, nicht den Vertragsbetrag"
# through the contract's create the new instalments already exceed the amount
MSG_SUM = r"^Die Raten des Vertrags .* (ergeben|ergäben) zusammen "
MSG_ABOVE = r"^Die Raten des Vertrags .* ergäben zusammen .*, mehr als den"
MSG_FROZEN = r"^Vertrag .* ist unterzeichnet oder abgerechnet: Seine Zahlen sind"
MSG_AMOUNT = r"^Der Vertragsbetrag muss positiv sein\.$"
MSG_REASON = r"^Eine Vertragsänderung braucht eine Begründung\.$"
MSG_AMEND_AMOUNT = r"^Der neue Betrag einer Vertragsänderung muss positiv sein\.$"
MSG_BILLED = r"^Der neue Betrag liegt unter den bereits abgerechneten"
MSG_AMEND_FTE = r"^Die neuen VZÄ einer Vertragsänderung können nicht negativ sein"

NEGATIVE_FTE = [-0.01, -0.5, -1.0, -13.0]
BAD_SHARES = [0.0, -0.001, -0.01, -0.5, -1.0, 1.01, 1.5, 2.0, 10.5, 1e6]
NEGATIVE_AMOUNTS = [-0.01, -0.006, -0.5, -1.0, -99.99, -1000.0, -70000.0, -1e9]


@tagged("post_install", "-at_install")
class TestMoneyBadInput(KimFundingCommon):
    """Issue #17 §1: bad money, date and FTE input on every funding model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = cls._kim_user(
            "hr", "kim_case.group_kim_finance,hr.group_hr_user", cls.org_ki
        )
        cls.emp_a, cls.emp_b, cls.emp_c = cls.env["hr.employee"].create(
            [{"name": "Anna Stelle"}, {"name": "Bert Stelle"}, {"name": "Cem Stelle"}]
        )
        cls.position = cls.env["kim.position"].create(
            {
                "name": "CM Prüfstelle",
                "grant_id": cls.grant_b2.id,
                "role": "case_management",
                "fte": 1.0,
                "is_additional": True,
            }
        )
        cls.occ_a, cls.occ_b = cls.env["kim.position.occupant"].create(
            [
                {
                    "position_id": cls.position.id,
                    "employee_id": cls.emp_a.id,
                    "fte_share": 0.6,
                    "date_start": date(YEAR, 1, 1),
                },
                {
                    "position_id": cls.position.id,
                    "employee_id": cls.emp_b.id,
                    "fte_share": 0.4,
                    "date_start": date(YEAR, 1, 1),
                    "date_end": date(YEAR, 6, 30),
                },
            ]
        )
        cls.other = cls.env["kim.other.funding"].create(
            {
                "employee_id": cls.emp_c.id,
                "programme": "mbe",
                "fte": 0.5,
                "date_start": date(YEAR, 1, 1),
            }
        )
        # a draft without instalments (its figures are not yet frozen) and
        # one whose instalments are being entered
        cls.plain = cls._contract(
            name="WV Prüfung Entwurf",
            fte=1.0,
            position_ids=[Command.set(cls.position.ids)],
        )
        cls.draft = cls._contract(name="WV Prüfung Raten", fte=1.0)
        cls.draft_inst = cls.env["kim.forwarding.instalment"].create(
            {
                "contract_id": cls.draft.id,
                "sequence": 1,
                "due_date": date(YEAR, 1, 1),
                "amount": 50000.0,
            }
        )
        cls.active = cls._active_contract(name="WV Prüfung aktiv")
        cls.billed = cls.active.instalment_ids[0]
        cls.billed.with_user(cls.user_finance).action_bill()
        cls.planned = cls.active.instalment_ids[-1]
        cls.amendment = cls.env["kim.forwarding.amendment"].create(
            {
                "contract_id": cls.active.id,
                "reason": "Stellenanteil geändert",
                "amount_new": 90000.0,
                "fte_new": 1.8,
            }
        )
        cls.budget = cls.grant_b1.budget_ids[0]
        cls.rule_line = cls.rule_b1.line_ids[0]
        cls.draft_bill = cls._bill(cls.grant_b2, "flat_rate", 100.0, post=False)

    # -- the runner ---------------------------------------------------------

    def _snapshot(self):
        """Every row of the money tables as stored (pending writes flushed)."""
        self.env.flush_all()
        self.env.invalidate_all()
        rows = []
        for table in TABLES:
            self.env.cr.execute(
                SQL("SELECT * FROM %s ORDER BY id", SQL.identifier(table))
            )
            rows.append(self.env.cr.fetchall())
        self.env.cr.execute(
            SQL("SELECT id, kim_fte_capacity FROM hr_employee ORDER BY id")
        )
        rows.append(self.env.cr.fetchall())
        return rows

    def _run(self, cases, minimum):
        """Try each (label, call, message) case: it must raise a German
        UserError/ValidationError matching ``message`` and change nothing
        (the savepoint is the request's rollback; the rows are compared after
        it). Reports the figures and returns the number of cases."""
        before = self._snapshot()
        tried = partial_writes = 0
        for label, call, message in cases:
            tried += 1
            with self.subTest(case=label):
                with self.assertRaises(UserError) as err:
                    with self.env.cr.savepoint():
                        call()
                self.assertRegex(str(err.exception), message)
                if self._snapshot() != before:
                    partial_writes += 1
        self.assertGreaterEqual(tried, minimum)
        self.assertEqual(partial_writes, 0)
        report_figure("bad_inputs", tried)
        report_figure("partial_writes", partial_writes)
        return tried

    def _env(self, user):
        return self.env(user=user, context=dict(self.env.context, lang="de_DE"))

    def _both(self, label, user, model, base, record, vals, message):
        """The bad ``vals`` tried by ``create`` (over ``base``) and by
        ``write`` on ``record``, as ``user``."""
        Model = self._env(user)[model]
        if base is not None:
            yield (
                f"{model} create {label}",
                lambda: Model.create(base() | vals),
                message,
            )
        if record is not None:
            yield (
                f"{model} write {label}",
                lambda: record.with_env(Model.env).write(vals),
                message,
            )

    # -- forwarding contracts, instalments, amendments ----------------------

    def _contract_vals(self):
        return {
            "name": "WV Prüfung neu",
            "grant_id": self.grant_b2.id,
            "recipient_id": self.org_city.id,
            "recipient_type": "municipality",
            "date_start": date(YEAR, 1, 1),
            "date_end": date(YEAR, 12, 31),
            "fte": 1.0,
            "amount": 50000.0,
            "instalment_count": "4",
        }

    def _contract_cases(self):
        def both(label, vals, message, record=self.plain):
            yield from self._both(
                label,
                self.user_finance,
                "kim.forwarding.contract",
                self._contract_vals,
                record,
                vals,
                message,
            )

        periods = [
            (date(YEAR - 1, 12, 31), date(YEAR, 12, 31)),
            (date(YEAR, 1, 1), date(YEAR + 1, 1, 1)),
            (date(YEAR - 1, 1, 1), date(YEAR - 1, 12, 31)),
            (date(YEAR + 1, 1, 1), date(YEAR + 1, 6, 30)),
            (date(YEAR - 5, 1, 1), date(YEAR + 5, 12, 31)),
            (date(2000, 1, 1), date(YEAR, 6, 30)),
            (date(YEAR, 6, 1), date(YEAR + 1, 5, 31)),
        ]
        for start, end in periods:
            yield from both(
                f"period {start}..{end}",
                {"date_start": start, "date_end": end},
                MSG_IN_GRANT,
            )
        yield from both(
            "end before start", {"date_end": date(YEAR - 1, 1, 1)}, MSG_PERIOD
        )
        for fte in NEGATIVE_FTE:
            yield from both(f"fte {fte}", {"fte": fte}, MSG_FTE_NEG)
        for fte in (1.01, 2.0, 50.0):
            yield from both(
                f"fte {fte} above positions",
                {"fte": fte, "position_ids": [Command.set(self.position.ids)]},
                MSG_FTE_POSITIONS,
            )
        for amount in NEGATIVE_AMOUNTS[:4]:
            yield from both(
                f"proof amount {amount}",
                {"proof_actual_amount": amount},
                MSG_PROOF_AMOUNT,
            )
        for months in (-1.0, -0.1, 12.1, 13.0, 100.0):
            yield from both(
                f"filled months {months}", {"proof_filled_months": months}, MSG_MONTHS
            )
        for amount in (-1.0, 0.0):
            yield from both(f"amount {amount}", {"amount": amount}, MSG_AMOUNT)
        # F-10: instalments that do not add up to the amount, written through
        # the contract (create and write)
        for label, amounts in (
            ("short", [10000.0, 10000.0]),
            ("over", [40000.0, 10000.01]),
            ("one cent short", [49999.99]),
        ):
            yield from both(
                f"instalments {label}",
                {
                    "instalment_ids": [
                        Command.create(
                            {"sequence": n, "due_date": date(YEAR, n, 1), "amount": a}
                        )
                        for n, a in enumerate(amounts, start=2)
                    ]
                },
                MSG_SUM,
            )
        Contract = self._env(self.user_finance)["kim.forwarding.contract"]
        active = self.active.with_env(Contract.env)
        planned = self.planned
        for label, commands in (
            ("raised", [Command.update(planned.id, {"amount": planned.amount + 1})]),
            ("cut", [Command.update(planned.id, {"amount": 0.01})]),
            (
                "added",
                [
                    Command.create(
                        {"sequence": 9, "due_date": date(YEAR, 12, 1), "amount": 1.0}
                    )
                ],
            ),
        ):
            yield (
                f"active contract instalments {label}",
                lambda c=commands: active.write({"instalment_ids": c}),
                MSG_TOTAL,
            )
        # C-15/F-7: the money fields of a signed contract change only by an
        # amendment (the reason goes to the chatter)
        for vals in (
            {"amount": 1.0},
            {"amount": 200000.0},
            {"fte": 0.5},
            {"instalment_count": "12"},
            {"category": "implementation"},
            {"grant_id": self.grant_b1.id},
            {"recipient_id": self.org_welfare.id},
        ):
            yield (
                f"active contract frozen {vals}",
                lambda v=vals: active.write(v),
                MSG_FROZEN,
            )
            yield (
                f"active contract frozen, forged amendment context {vals}",
                lambda v=vals: active.with_context(kim_amendment=True).write(v),
                MSG_FROZEN,
            )

    def _instalment_cases(self):
        Instalment = self._env(self.user_finance)["kim.forwarding.instalment"]
        planned = self.planned.with_env(Instalment.env)
        draft_inst = self.draft_inst.with_env(Instalment.env)
        for delta in (0.01, 0.02, 0.5, 1.0, 10.0, 100.0, 1000.0, 24000.0):
            for sign in (1, -1):
                yield (
                    f"active instalment {sign * delta:+}",
                    lambda d=sign * delta: planned.write(
                        {"amount": planned.amount + d}
                    ),
                    MSG_SUM,
                )
        for amount in (0.01, 0.5, 1.0, 10.0, 100.0, 1000.0, 25000.0, 1e6):
            yield (
                f"active contract extra instalment {amount}",
                lambda a=amount: Instalment.create(
                    {
                        "contract_id": self.active.id,
                        "sequence": 5,
                        "due_date": date(YEAR, 12, 1),
                        "amount": a,
                    }
                ),
                MSG_ABOVE,
            )
        for amount in (50000.01, 60000.0, 1e7):
            yield (
                f"draft contract extra instalment {amount}",
                lambda a=amount: Instalment.create(
                    {
                        "contract_id": self.draft.id,
                        "sequence": 2,
                        "due_date": date(YEAR, 7, 1),
                        "amount": a,
                    }
                ),
                MSG_ABOVE,
            )
            yield (
                f"draft instalment {amount}",
                lambda a=amount: draft_inst.write({"amount": a + 50000.0}),
                MSG_ABOVE,
            )

    def _amendment_cases(self):
        def base():
            return {
                "contract_id": self.active.id,
                "reason": "Stellenanteil geändert",
                "amount_new": 90000.0,
                "fte_new": 1.8,
            }

        def both(label, vals, message):
            yield from self._both(
                label,
                self.user_finance,
                "kim.forwarding.amendment",
                base,
                self.amendment,
                vals,
                message,
            )

        for reason in (" ", "\n", "\t", "  \n\t  ", "\u00a0"):
            yield from both(f"reason {reason!r}", {"reason": reason}, MSG_REASON)
        for amount in (0.0, -0.0, 0.004, -0.01, -1.0, -1e6):
            yield from both(
                f"amount {amount}", {"amount_new": amount}, MSG_AMEND_AMOUNT
            )
        # F-7: not below what is billed (25,000 of the first instalment)
        for amount in (0.01, 1.0, 10000.0, 24999.99):
            yield from both(
                f"amount {amount} below billed", {"amount_new": amount}, MSG_BILLED
            )
        for fte in NEGATIVE_FTE:
            yield from both(f"fte {fte}", {"fte_new": fte}, MSG_AMEND_FTE)

    def test_forwarding_bad_inputs(self):
        """F-7/F-10 (issue #17 §1): contracts outside their grant's period,
        negative or more FTE than their positions, negative proven costs,
        filled months outside 0..12, instalments not adding up to the amount,
        frozen figures of a signed contract changed without an amendment,
        amendments without a reason, with a non-positive amount, below what
        is billed or with negative FTE: refused in German, nothing changed."""
        tried = self._run(self._contract_cases(), 60)
        tried += self._run(self._instalment_cases(), 30)
        tried += self._run(self._amendment_cases(), 30)
        self.assertGreaterEqual(tried, 120)

    # -- grants, budgets, funding rules ---------------------------------------

    def _grant_cases(self):
        years = iter(range(YEAR + 100, YEAR + 400))

        def base():
            return {"name": "Zuwendung Prüfung", "baustein": "3", "year": next(years)}

        def both(label, vals, message):
            yield from self._both(
                label,
                self.user_finance,
                "kim.grant",
                base,
                self.grant_b1,
                vals,
                message,
            )

        for year in (0, -YEAR, 1999, 3000, 99999):
            yield from both(f"year {year}", {"year": year}, MSG_GRANT_YEAR)
        for start, end, message in (
            (date(YEAR, 12, 31), date(YEAR, 1, 1), MSG_GRANT_ORDER),
            (date(YEAR, 7, 1), date(YEAR, 6, 30), MSG_GRANT_ORDER),
            (date(YEAR - 1, 1, 1), date(YEAR, 12, 31), MSG_GRANT_IN_YEAR),
            (date(YEAR, 1, 1), date(YEAR + 1, 12, 31), MSG_GRANT_IN_YEAR),
            (date(YEAR + 1, 1, 1), date(YEAR + 1, 12, 31), MSG_GRANT_IN_YEAR),
        ):
            yield from both(
                f"period {start}..{end}",
                {"year": YEAR, "date_start": start, "date_end": end},
                message,
            )
        # F-4/F-10: the period of a grant with contracts (01.01.-31.12.)
        # cannot leave a contract outside it
        for start, end in (
            (date(YEAR, 1, 2), date(YEAR, 12, 31)),
            (date(YEAR, 1, 1), date(YEAR, 12, 30)),
            (date(YEAR, 3, 1), date(YEAR, 9, 30)),
        ):
            yield from self._both(
                f"grant period {start}..{end} around a contract",
                self.user_finance,
                "kim.grant",
                None,
                self.grant_b2,
                {"date_start": start, "date_end": end},
                MSG_IN_GRANT,
            )
        for field in ("approved_coord_fte", "approved_admin_fte", "approved_fte"):
            for fte in (-0.01, -3.5):
                yield from both(f"{field} {fte}", {field: fte}, MSG_GRANT_FTE)
        for amount in (-0.01, -100.0, -1e9):
            yield from both(
                f"amount to call {amount}", {"amount_to_call": amount}, MSG_GRANT_CALL
            )

    def _budget_cases(self):
        def base():
            return {"grant_id": self.grant_b2.id, "category": "implementation"}

        for amount in NEGATIVE_AMOUNTS + [
            -0.02,
            -0.03,
            -5.0,
            -7.5,
            -123.45,
            -55000.0,
            -910000.0,
        ]:
            yield from self._both(
                f"cap {amount}",
                self.user_finance,
                "kim.grant.budget",
                base,
                self.budget,
                {"amount_cap": amount},
                MSG_BUDGET,
            )

    def _rule_cases(self):
        years = iter(range(YEAR + 500, YEAR + 700))

        def base():
            return {"baustein": "3", "year": next(years)}

        def both(label, vals, message):
            yield from self._both(
                label,
                self.user_lead,
                "kim.funding.rule",
                base,
                self.rule_b1,
                vals,
                message,
            )

        for field in (
            "coord_fte_kreis",
            "coord_fte_city",
            "admin_fte",
            "extra_fte_per_municipality",
        ):
            for fte in (-0.5, -0.01):
                yield from both(f"{field} {fte}", {field: fte}, MSG_RULE_FTE)
        for share in (0.0, -0.5, 1.01, 2.0):
            yield from both(f"min share {share}", {"min_share": share}, MSG_MIN_SHARE)
        # F-4: a carry-over is dated after the year (checked with the year of
        # the record itself, so the write varies the year as well)
        for label, vals, message in (
            ("carry-over without day", {"carry_over": True}, MSG_CARRY_DAY),
            (
                "carry-over to the year's end",
                {"carry_over": True, "carry_over_until": date(YEAR, 12, 31)},
                MSG_CARRY_DAY,
            ),
            (
                "carry-over in the year",
                {"carry_over": True, "carry_over_until": date(YEAR, 6, 1)},
                MSG_CARRY_DAY,
            ),
            (
                "carry-over before the year",
                {"carry_over": True, "carry_over_until": date(YEAR - 1, 1, 1)},
                MSG_CARRY_DAY,
            ),
            (
                "day without carry-over",
                {"carry_over": False, "carry_over_until": date(YEAR + 1, 3, 31)},
                MSG_CARRY_FLAG,
            ),
        ):
            yield from both(label, vals, message)

        def line_base():
            return {
                "rule_id": self.rule_b2.id,
                "category": "implementation",
                "amount": 1000.0,
            }

        # a negative cap is refused by the SQL check when it is inserted;
        # the constraint (a German message) covers the write
        for amount in NEGATIVE_AMOUNTS[:5]:
            yield from self._both(
                f"cap {amount}",
                self.user_lead,
                "kim.funding.rule.line",
                None,
                self.rule_line,
                {"amount": amount},
                MSG_CAP,
            )
        for label, vals, message in [
            (f"days {d}", {"max_days": d}, MSG_DAYS) for d in (-1.0, -0.5, -6.0)
        ]:
            yield from self._both(
                label,
                self.user_lead,
                "kim.funding.rule.line",
                line_base,
                self.rule_line,
                vals,
                message,
            )

    def test_grant_rule_bad_inputs(self):
        """F-1/F-2/F-4 (issue #17 §1): grant years out of range, periods that
        end before they start or leave the grant year, negative approved FTE,
        caps and amounts to call; funding rules with negative FTE, a minimum
        share outside (0, 1], an undated carry-over or a carry-over day
        without carry-over, negative caps and days: refused in German,
        nothing changed."""
        tried = self._run(self._grant_cases(), 30)
        tried += self._run(self._budget_cases(), 30)
        tried += self._run(self._rule_cases(), 30)
        self.assertGreaterEqual(tried, 90)

    # -- positions, occupants, other funding, contractual FTE ------------------

    def _staffing_cases(self):
        def position_base():
            return {
                "name": "CM neu",
                "grant_id": self.grant_b2.id,
                "role": "case_management",
                "is_additional": True,
            }

        for fte in (0.0, -0.001, -0.01, -0.5, -1.0, -13.0, -1e6):
            yield from self._both(
                f"fte {fte}",
                self.user_finance,
                "kim.position",
                position_base,
                self.position,
                {"fte": fte},
                MSG_POSITION_FTE,
            )
        # F-1: the occupants (0.6 + 0.4 until 30.06) never hold more than it
        for fte in (0.99, 0.9, 0.61, 0.5):
            yield from self._both(
                f"fte {fte} below its occupants",
                self.user_finance,
                "kim.position",
                None,
                self.position,
                {"fte": fte},
                MSG_OCCUPIED,
            )

        def occ_base():
            return {
                "position_id": self.position.id,
                "employee_id": self.emp_c.id,
                "date_start": date(YEAR, 9, 1),
                "fte_share": 0.1,
            }

        def occ(label, vals, message, record=self.occ_a):
            yield from self._both(
                label,
                self.user_finance,
                "kim.position.occupant",
                occ_base,
                record,
                vals,
                message,
            )

        for share in BAD_SHARES:
            yield from occ(f"share {share}", {"fte_share": share}, MSG_SHARE)
        for start, end in (
            (date(YEAR, 2, 1), date(YEAR, 1, 31)),
            (date(YEAR, 12, 31), date(YEAR, 1, 1)),
            (date(YEAR + 1, 1, 1), date(YEAR, 12, 31)),
            (date(YEAR, 7, 1), date(YEAR, 6, 30)),
            (date(YEAR, 3, 31), date(YEAR - 1, 3, 31)),
        ):
            yield from occ(
                f"{start}..{end}", {"date_start": start, "date_end": end}, MSG_OCC_ORDER
            )
        # F-1: more than the position's FTE on one day
        for label, vals in (
            ("0.5 from 01.07", {"fte_share": 0.5, "date_start": date(YEAR, 7, 1)}),
            ("0.41 in June", {"fte_share": 0.41, "date_start": date(YEAR, 6, 1)}),
            ("0.01 on 30.06", {"fte_share": 0.01, "date_start": date(YEAR, 6, 30)}),
        ):
            yield (
                f"occupant create {label}",
                lambda v=vals: self._env(self.user_finance)[
                    "kim.position.occupant"
                ].create(
                    {
                        "position_id": self.position.id,
                        "employee_id": self.emp_c.id,
                        "fte_share": 0.4,
                        "date_start": date(YEAR, 1, 1),
                    }
                    | v
                ),
                MSG_OCCUPIED,
            )
        for label, vals in (
            ("share 0.41", {"fte_share": 0.41}),
            ("share 1.0", {"fte_share": 1.0}),
            ("open end", {"date_end": False, "fte_share": 0.5}),
        ):
            yield from occ(label, vals, MSG_OCCUPIED, record=None)
            yield (
                f"occupant write {label}",
                lambda v=vals: self.occ_b.with_env(self._env(self.user_finance)).write(
                    v
                ),
                MSG_OCCUPIED,
            )

        def other_base():
            return {
                "employee_id": self.emp_c.id,
                "programme": "jmd",
                "fte": 0.1,
                "date_start": date(YEAR, 1, 1),
            }

        for fte in BAD_SHARES:
            yield from self._both(
                f"fte {fte}",
                self.user_finance,
                "kim.other.funding",
                other_base,
                self.other,
                {"fte": fte},
                MSG_OTHER_FTE,
            )
        for start, end in (
            (date(YEAR, 2, 1), date(YEAR, 1, 31)),
            (date(YEAR + 1, 1, 1), date(YEAR, 12, 31)),
        ):
            yield from self._both(
                f"{start}..{end}",
                self.user_finance,
                "kim.other.funding",
                other_base,
                self.other,
                {"date_start": start, "date_end": end},
                MSG_OTHER_ORDER,
            )
        for fte in (0.0, -0.5, 1.01, 2.0, 10.5):
            yield from self._both(
                f"contractual fte {fte}",
                self.user_hr,
                "hr.employee",
                lambda: {"name": "Neue Fachkraft"},
                self.emp_a,
                {"kim_fte_capacity": fte},
                MSG_CAPACITY,
            )

    def test_staffing_bad_inputs(self):
        """F-1/F-5 (issue #17 §1): positions without positive FTE or with less
        FTE than their occupants hold, occupant shares outside (0, 1],
        occupancies ending before they start or adding up to more than the
        position on any day, other funding outside (0, 1] or ending before
        it starts, contractual FTE outside (0, 1]: refused in German,
        nothing changed."""
        self.assertGreaterEqual(self._run(self._staffing_cases(), 90), 90)

    # -- postings and payments outside the grant year ------------------------

    def _dated_cases(self):
        Move = self._env(self.user_finance)["account.move"]
        draft_bill = self.draft_bill.with_env(Move.env)
        expense = self._expense_account()

        def bill(day):
            move = Move.create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.org_jobcenter.id,
                    "invoice_date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Kosten",
                                "quantity": 1,
                                "price_unit": 100.0,
                                "account_id": expense.id,
                                "tax_ids": [Command.clear()],
                                "kim_funding_category": "flat_rate",
                                "analytic_distribution": {
                                    str(self.grant_b2.analytic_account_id.id): 100
                                },
                            }
                        )
                    ],
                }
            )
            move.action_post()

        def post_draft(day):
            draft_bill.write({"invoice_date": day, "date": day})
            draft_bill.action_post()

        days = (
            date(YEAR - 1, 12, 31),
            date(YEAR + 1, 1, 1),
            date(YEAR + 1, 3, 31),
            date(YEAR - 5, 6, 1),
            date(2000, 1, 1),
            date(YEAR + 3, 12, 31),
        )
        for day in days:
            yield (f"bill posted {day}", lambda d=day: bill(d), MSG_OUTSIDE)
            yield (f"draft bill posted {day}", lambda d=day: post_draft(d), MSG_OUTSIDE)
        instalment = self.billed.with_env(Move.env)
        for day in days[1:3] + days[5:]:
            yield (
                f"instalment paid {day}",
                lambda d=day: instalment.action_pay(
                    journal=self.bank_journal, payment_date=d
                ),
                MSG_OUTSIDE,
            )

    def test_dated_bad_inputs(self):
        """F-4 (issue #17 §1): a cost posted to a grant dated outside the
        grant's period and an instalment paid after it are refused in German
        when no carry-over rule allows them; nothing is posted or paid."""
        self.assertGreaterEqual(self._run(self._dated_cases(), 15), 15)

    def test_valid_boundaries(self):
        """F-1/F-4/F-10: the boundaries stay allowed: a contract of one day on
        the grant's last day, FTE of exactly the positions, an occupant of
        1.0 FTE, a full position, 12 filled months, a cost on the grant's
        first and last day, and after the year up to the carry-over day of a
        rule that allows one (dated, editable data)."""
        finance = self._env(self.user_finance)
        contract = finance["kim.forwarding.contract"].create(
            self._contract_vals()
            | {
                "date_start": date(YEAR, 12, 31),
                "position_ids": [Command.set(self.position.ids)],
                "fte": 1.0,
                "proof_filled_months": 12.0,
            }
        )
        self.assertEqual(contract.fte, 1.0)
        self.occ_b.with_env(finance).write({"date_end": date(YEAR, 6, 29)})
        finance["kim.position.occupant"].create(
            {
                "position_id": self.position.id,
                "employee_id": self.emp_c.id,
                "fte_share": 0.4,
                "date_start": date(YEAR, 6, 30),
            }
        )
        for day in (date(YEAR, 1, 1), date(YEAR, 12, 31)):
            self.draft_bill.copy({"invoice_date": day, "date": day}).action_post()
        self.rule_b2.with_user(self.user_lead).write(
            {"carry_over": True, "carry_over_until": date(YEAR + 1, 3, 31)}
        )
        late = self.draft_bill.copy(
            {"invoice_date": date(YEAR + 1, 3, 31), "date": date(YEAR + 1, 3, 31)}
        )
        late.with_env(finance).action_post()
        self.assertEqual(late.state, "posted")
        self.billed.with_env(finance).action_pay(
            journal=self.bank_journal, payment_date=date(YEAR + 1, 3, 31)
        )
        self.assertEqual(self.billed.state, "paid")
        too_late = self.draft_bill.copy(
            {"invoice_date": date(YEAR + 1, 4, 1), "date": date(YEAR + 1, 4, 1)}
        )
        with self.assertRaisesRegex(UserError, MSG_OUTSIDE):
            too_late.with_env(finance).action_post()

    def test_amendment_changes_figures(self):
        """C-15/F-7: the amendment is the one way to change a signed
        contract's figures: it re-splits the planned instalments so they add
        up to the new amount and puts its reason in the chatter."""
        amendment = self.amendment.with_user(self.user_finance)
        amendment.action_apply()
        self.assertEqual((self.active.amount, self.active.fte), (90000.0, 1.8))
        self.assertAlmostEqual(
            sum(self.active.instalment_ids.mapped("amount")), 90000.0
        )
        self.assertTrue(
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "kim.forwarding.contract"),
                    ("res_id", "=", self.active.id),
                    ("body", "ilike", "Stellenanteil geändert"),
                ]
            )
        )
