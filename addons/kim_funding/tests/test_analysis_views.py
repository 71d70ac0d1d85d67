# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KimFundingCommon

# the funding menus and the model each one lists
ACTIONS = {
    "kim_funding.kim_grant_action": "kim.grant",
    "kim_funding.kim_position_action": "kim.position",
    "kim_funding.kim_forwarding_contract_action": "kim.forwarding.contract",
    "kim_funding.kim_forwarding_instalment_action": "kim.forwarding.instalment",
}


def _group_key(record, groupby):
    """The value ``_read_group`` gives a record for ``field[:interval]``."""
    name, _sep, interval = groupby.partition(":")
    value = record[name]
    if interval == "year":
        return date(value.year, 1, 1)
    if interval == "month":
        return date(value.year, value.month, 1)
    return value


@tagged("post_install", "-at_install")
class TestFundingAnalysis(KimFundingCommon):
    """Issue #19 (F-4, F-5): grants, positions, forwarding contracts and their
    instalments in pivot and graph for finance; every cell of the default
    pivot is the sum of its records, counted here independently; the case
    side reads none of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._active_contract()  # four instalments
        cls.env["kim.position"].create(
            [
                {
                    "name": f"CM {number}",
                    "grant_id": cls.grant_b2.id,
                    "role": "case_management",
                    "fte": fte,
                    "employer_type": "ki",
                    "is_additional": True,
                }
                for number, fte in ((1, 1.0), (2, 0.5))
            ]
        )
        cls._contract(
            name="Vertrag Wohlfahrt Analyse",
            recipient=cls.org_welfare,
            recipient_type="welfare",
            amount=60000.0,
        )

    def _pivot_arch(self, model, user):
        views = self.env[model].with_user(user).get_views([(False, "pivot")])
        return etree.fromstring(views["views"]["pivot"]["arch"])

    def test_every_funding_list_has_pivot_and_graph(self):
        for xmlid, model in ACTIONS.items():
            action = self.env.ref(xmlid)
            with self.subTest(action=xmlid):
                self.assertEqual(action.res_model, model)
                modes = action.view_mode.split(",")
                self.assertIn("pivot", modes)
                self.assertIn("graph", modes)
                views = (
                    self.env[model]
                    .with_user(self.user_finance)
                    .get_views([(False, "pivot"), (False, "graph")])["views"]
                )
                for kind in ("pivot", "graph"):
                    arch = etree.fromstring(views[kind]["arch"])
                    self.assertTrue(arch.xpath("//field[@type='measure']"), kind)

    def test_pivot_cells_are_the_sums_of_their_records(self):
        """F-4/F-5: each cell of finance's default pivot equals the sum and
        count of the records in it, grouped by hand."""
        for model in ACTIONS.values():
            arch = self._pivot_arch(model, self.user_finance)
            groupbys = [
                node.get("name")
                + (f":{node.get('interval')}" if node.get("interval") else "")
                for node in arch.xpath("//field[@type='row' or @type='col']")
            ]
            measures = [
                node.get("name") for node in arch.xpath("//field[@type='measure']")
            ]
            Model = self.env[model].with_user(self.user_finance)
            cells = Model._read_group(
                [], groupbys, [f"{m}:sum" for m in measures] + ["__count"]
            )
            got = {tuple(c[: len(groupbys)]): c[len(groupbys) :] for c in cells}
            want = {}
            for record in Model.search([]):
                key = tuple(_group_key(record, g) for g in groupbys)
                row = want.setdefault(key, [0.0] * len(measures) + [0])
                for index, measure in enumerate(measures):
                    row[index] += record[measure]
                row[-1] += 1
            with self.subTest(model=model):
                self.assertTrue(want)
                self.assertEqual(set(got), set(want))
                for key, row in want.items():
                    self.assertEqual(got[key][-1], row[-1], key)
                    for value, total in zip(got[key][:-1], row[:-1], strict=True):
                        self.assertAlmostEqual(value or 0.0, total, places=2)

    def test_payment_notice_printed_by_finance_only(self):
        """The instalments list offers the payment notice to finance only: it
        reads the vendor bill, which the KIM lead may not read (the demo walk
        met "access denied" there)."""
        report = self.env.ref("kim_funding.action_report_forwarding_payment_notice")
        model = "kim.forwarding.instalment"
        for user, offered in ((self.user_finance, True), (self.user_lead, False)):
            Actions = self.env["ir.actions.actions"].with_user(user)
            bindings = Actions.get_bindings(model)
            printed = [binding["id"] for binding in bindings.get("report", [])]
            with self.subTest(user=user.login):
                self.assertEqual(report.id in printed, offered)

    def test_case_side_reads_no_funding_figures(self):
        """Least privilege: a case manager groups none of the funding models."""
        for model in ACTIONS.values():
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.user_cm_a)._read_group(
                    [], [], ["__count"]
                )
