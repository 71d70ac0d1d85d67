# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-2/G-7 (issue #19): the yearly report against an attacker who knows its
structure. Year 2019 of its own, built so that the old rule (suppress the
cells below 5, totals as lower bounds) leaked two values:

- the districts are all shown (7 and 5): 12 active cases; the municipalities
  show 9 and "< 5", so 12 − 9 = 3;
- 7 cases closed for one reason (shown in "Closed cases by reason"); by
  constellation 5 and "< 5", so 7 − 5 = 2.
"""

import json
from datetime import date
from unittest.mock import patch

from odoo.addons.kim_case.suppression import CellSuppression
from odoo.addons.kim_case.tests.figures import report_figure

from .common import KimGovernanceCommon
from .report_attack import CROSS, attack_yearly_report

YEAR = 2019


PROTECT = CellSuppression.protect


def _primary_only(self, secondary=True):
    """The old rule: the small cells only, nothing beside them."""
    return PROTECT(self, secondary=False)


class TestSuppressionAttack(KimGovernanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.town_a, cls.town_b = Partner.create(
            [
                {
                    "name": "Angriffstadt",
                    "is_company": True,
                    "kim_is_municipality": True,
                },
                {
                    "name": "Angriffdorf",
                    "is_company": True,
                    "kim_is_municipality": True,
                },
            ]
        )
        cls.reason = cls.env.ref("kim_case.close_reason_goals_reached")
        cases = cls.env["kim.case"]
        for index in range(12):
            cases |= cls._case(
                client=cls._client(f"Person Angriff {index}"),
                first_contact_date=date(YEAR, 2, 1),
                district_id=(
                    cls.district_north if index < 7 else cls.district_south
                ).id,
                municipality_id=(cls.town_a if index < 9 else cls.town_b).id,
                type_id=(cls.type_cm if index < 5 or index > 6 else cls.type_short).id,
            )
        # a family of three in the north, of two in the south: persons
        cls.cases = cases
        Member = cls.env["kim.case.member"]
        for case, size in ((cases[0], 2), (cases[8], 1)):
            for index in range(size):
                Member.create(
                    {
                        "case_id": case.id,
                        "partner_id": cls._client(f"Angehörige {case.id}-{index}").id,
                        "role": "child",
                    }
                )
        cases[:7].write(
            {"close_reason_id": cls.reason.id, "closed_date": date(YEAR, 9, 30)}
        )

    def _tables(self):
        return (
            self.env["kim.governance.monitoring"]
            .with_user(self.user_coordination)
            ._kim_report_tables(YEAR)["tables"]
        )

    def test_old_rule_leaked(self):
        """The attacker is real: against small-cell suppression alone it works
        out the 3 cases of Angriffdorf and the 2 short interventions."""
        with patch.object(CellSuppression, "protect", _primary_only):
            attacker = attack_yearly_report(self._tables())
        derived = {var[:2]: value for var, value in attacker.derived.items()}
        self.assertEqual(derived[("Active cases per municipality", "Angriffdorf")], 3)
        self.assertEqual(derived[(CROSS, self.reason.name)], 2)

    def test_nothing_derivable(self):
        """X-2: with secondary suppression nothing suppressed can be worked
        out from the report, in any of its tables."""
        tables = self._tables()
        attacker = attack_yearly_report(tables)
        self.assertEqual(attacker.derived, {})
        self.assertGreater(len(attacker.attempts), 20)
        report_figure("suppression_attacks", len(attacker.attempts))
        report_figure("suppression_derived", len(attacker.derived))
        by_title = {table["title"]: table for table in tables}
        towns = dict(by_title["Active cases per municipality"]["rows"])
        self.assertEqual(towns["Angriffdorf"], "< 5")
        self.assertEqual(towns["Angriffstadt"], "x")
        cross = by_title[CROSS]
        row = dict(zip(cross["header"], cross["rows"][0], strict=True))
        self.assertEqual(row[self.type_short.name], "< 5")
        self.assertEqual(row[self.type_cm.name], "x")
        # every export says the same: the state JSON carries the same tables
        state = (
            self.env["kim.governance.monitoring"]
            .with_user(self.user_coordination)
            ._kim_state_json(YEAR)
        )
        towns = next(
            dict(table["rows"])
            for table in json.loads(state)["tables"]
            if table["title"] == "Active cases per municipality"
        )
        self.assertEqual(towns, {"Angriffdorf": "< 5", "Angriffstadt": "x"})

    def test_persons_beside_cases(self):
        """G-7 (issue #19): persons (every family member once) beside the
        cases per district, counted here from the cases' members."""
        tables = {table["title"]: table for table in self._tables()}
        table = tables[
            "Persons in active cases per district (family members counted once)"
        ]
        rows = {row[0]: row[1:] for row in table["rows"]}
        for district in (self.district_north, self.district_south):
            cases = self.cases.filtered(lambda c, d=district: c.district_id == d)
            persons = cases.member_ids.partner_id
            self.assertEqual(rows[district.name], [str(len(cases)), str(len(persons))])
        self.assertEqual(rows[self.district_north.name], ["7", "9"])
        self.assertEqual(
            table["total"][1:], ["12", str(len(self.cases.member_ids.partner_id))]
        )
        # a person in two districts' cases counts in both rows, once in all
        self.env["kim.case.member"].create(
            {
                "case_id": self.cases[8].id,
                "partner_id": self.cases[0].partner_id.id,
                "role": "parent",
            }
        )
        table = {t["title"]: t for t in self._tables()}[table["title"]]
        rows = {row[0]: row[1:] for row in table["rows"]}
        self.assertEqual(rows[self.district_south.name], ["5", "7"])
        self.assertEqual(table["total"][2], "15")
