# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Threat scenario 1 (issue #7) for kim_funding: role × model × operation."""

import itertools
from datetime import date

from odoo.tests import tagged

from odoo.addons.kim_case.tests.figures import report_figure
from odoo.addons.kim_case.tests.threat import Sample, ThreatMatrixMixin, unique

from .common import YEAR, KimFundingCommon

MONEY = "---- ---- -r-- crwd crw- ---- ---- ----"
FINANCE = "---- ---- ---- crwd crw- ---- ---- ----"

# roles: cm_a cm_b coordination lead finance steering authority portal
MATRIX = {
    "kim.funding.rule": "---- ---- -r-- crwd -r-- ---- ---- ----",
    "kim.funding.rule.line": "---- ---- -r-- crwd -r-- ---- ---- ----",
    "kim.grant": MONEY,
    "kim.grant.budget": MONEY,
    "kim.other.funding": "---- ---- ---- crwd crwd ---- ---- ----",
    "kim.position": MONEY,
    "kim.position.occupant": FINANCE,
    # a contract with another organisation (the city): the portal user of
    # the welfare association W gets nothing of it
    "kim.forwarding.contract": "---- ---- -rw- crwd crw- ---- ---- ----",
    "kim.forwarding.instalment": MONEY,
    "kim.forwarding.amendment": MONEY,
    "kim.distribution.key": FINANCE,
    "kim.distribution.key.line": FINANCE,
    "kim.proof.of.use": FINANCE,
    # issue 19: the funding overview; a wizard is read by its creator only
    "kim.funding.overview": "---- ---- ---- c--- crw- ---- ---- ----",
    # G-7 (issue #19): caseload and reach are the lead's (own report only)
    "kim.caseload.report": "---- ---- ---- crw- ---- ---- ---- ----",
    # issue 19: the municipal ERP's booking keys, export formats and payment
    # runs are the treasury's; the KIM lead reads the runs
    "kim.booking.key": "---- ---- ---- crwd crwd ---- ---- ----",
    "kim.erp.export.format": "---- ---- ---- crwd crwd ---- ---- ----",
    "kim.erp.export.column": "---- ---- ---- crwd crwd ---- ---- ----",
    "kim.erp.export": "---- ---- ---- -r-- crwd ---- ---- ----",
    "kim.erp.export.line": "---- ---- ---- -r-- crwd ---- ---- ----",
    # W's own contract: its portal user reads it, nothing more
    "kim.forwarding.contract:own": "---- ---- -rw- crwd crw- ---- ---- -r--",
}
EXTRA = ["kim.forwarding.contract:own"]


def same(field):
    """Write the value the record already has (the access check still runs)."""

    def values(record):
        value = record[field]
        return {field: value.id if hasattr(value, "_name") else value}

    return values


@tagged("post_install", "-at_install")
class TestThreatAccessFunding(ThreatMatrixMixin, KimFundingCommon):
    def _samples(self):
        years = itertools.count(2200)

        def rule():
            return self.env["kim.funding.rule"].create(
                {"baustein": "3", "year": next(years)}
            )

        def grant_vals():
            # a grant needs the funding rule of its year
            return {
                "name": unique("Zuwendung"),
                "baustein": "3",
                "year": rule().year,
            }

        def grant():
            return self.env["kim.grant"].create(grant_vals())

        def employee():
            return self.env["hr.employee"].create({"name": unique("Fachkraft")})

        def position():
            return self.env["kim.position"].create(
                {
                    "name": unique("Stelle"),
                    "grant_id": self.grant_b2.id,
                    "role": "case_management",
                    "fte": 1.0,
                    "is_additional": True,
                }
            )

        def key():
            year = next(years)
            return self.env["kim.distribution.key"].create(
                {"year": year, "reference_date": date(year, 3, 31), "total_fte": 13}
            )

        def contract_vals(**values):
            return {
                "name": unique("Vertrag"),
                "grant_id": self.grant_b2.id,
                "recipient_id": self.org_city.id,
                "recipient_type": "municipality",
                "date_start": date(YEAR, 1, 1),
                "date_end": date(YEAR, 12, 31),
                "fte": 1.0,
                "amount": 1000.0,
            } | values

        return {
            "kim.funding.rule": Sample(
                vals=lambda: {"baustein": "3", "year": next(years)},
                write=same("year"),
            ),
            "kim.funding.rule.line": Sample(
                vals=lambda: {
                    "rule_id": rule().id,
                    "category": "flat_rate",
                    "basis": "fte",
                    "amount": 1000,
                },
                write={"amount": 1100},
            ),
            "kim.grant": Sample(vals=grant_vals, write=same("name")),
            "kim.grant.budget": Sample(
                vals=lambda: {"grant_id": grant().id, "category": "implementation"},
                write=same("category"),
            ),
            "kim.other.funding": Sample(
                vals=lambda: {
                    "employee_id": employee().id,
                    "programme": "jmd",
                    "fte": 0.5,
                    "date_start": date(YEAR, 1, 1),
                },
                write={"fte": 0.4},
            ),
            "kim.position": Sample(
                vals=lambda: {
                    "name": unique("Stelle"),
                    "grant_id": self.grant_b2.id,
                    "role": "case_management",
                    "fte": 1.0,
                },
                write=same("name"),
            ),
            "kim.position.occupant": Sample(
                vals=lambda: {
                    "position_id": position().id,
                    "employee_id": employee().id,
                    "fte_share": 1.0,
                    "date_start": date(YEAR, 1, 1),
                },
                write=same("fte_share"),
            ),
            "kim.forwarding.contract": Sample(vals=contract_vals, write=same("name")),
            "kim.forwarding.contract:own": Sample(
                model="kim.forwarding.contract",
                vals=lambda: contract_vals(
                    recipient_id=self.org_welfare.id, recipient_type="welfare"
                ),
                write=same("name"),
            ),
            "kim.forwarding.instalment": Sample(
                vals=lambda: {
                    "contract_id": self._contract(name=unique("Vertrag")).id,
                    "sequence": 1,
                    "due_date": date(YEAR, 3, 1),
                    "amount": 100.0,
                },
                write=same("amount"),
            ),
            "kim.forwarding.amendment": Sample(
                vals=lambda: {
                    "contract_id": self._contract(name=unique("Vertrag")).id,
                    "reason": "Stellenanteil geändert",
                    "amount_new": 90000.0,
                    "fte_new": 1.8,
                },
                write=same("reason"),
            ),
            "kim.distribution.key": Sample(
                vals=lambda: {
                    "year": (year := next(years)),
                    "reference_date": date(year, 3, 31),
                    "total_fte": 13,
                },
                write=same("total_fte"),
            ),
            "kim.distribution.key.line": Sample(
                vals=lambda: {
                    "key_id": key().id,
                    "municipality_id": self.org_city.id,
                    "foreign_residents": 1200,
                },
                write=same("foreign_residents"),
            ),
            "kim.proof.of.use": Sample(
                vals=lambda: {"grant_id": grant().id}, write=same("grant_id")
            ),
            "kim.booking.key": Sample(
                vals=lambda: {
                    "category": "consulting",
                    "baustein": "3",
                    "product": "31.50.01",
                    "gl_account": "531800",
                    "valid_from": date(year := next(years), 1, 1),
                    "valid_to": date(year, 12, 31),
                },
                write=same("product"),
            ),
            "kim.erp.export.format": Sample(
                vals=lambda: {"name": unique("Exportformat")},
                write=same("name"),
            ),
            "kim.erp.export.column": Sample(
                vals=lambda: {
                    "format_id": self.env["kim.erp.export.format"]
                    .create({"name": unique("Exportformat")})
                    .id,
                    "header": "Betrag",
                    "source": "amount",
                },
                write=same("header"),
            ),
            "kim.erp.export": Sample(
                vals=lambda: {"date_until": date(YEAR, 3, 31)},
                write=same("date_until"),
            ),
            "kim.erp.export.line": Sample(
                vals=lambda: {
                    "export_id": self.env["kim.erp.export"]
                    .create({"date_until": date(YEAR, 3, 31)})
                    .id,
                    "instalment_id": self.env["kim.forwarding.instalment"]
                    .create(
                        {
                            "contract_id": self._contract(name=unique("Vertrag")).id,
                            "sequence": 1,
                            "due_date": date(YEAR, 3, 1),
                            "amount": 100.0,
                        }
                    )
                    .id,
                },
                write=same("instalment_id"),
            ),
            "kim.funding.overview": Sample(
                vals=lambda: {"reference_date": date(YEAR, 3, 31)},
                write={"reference_date": date(YEAR, 6, 30)},
                make=lambda: (
                    self.env["kim.funding.overview"]
                    .with_user(self.user_finance)
                    .create({"reference_date": date(YEAR, 3, 31)})
                ),
            ),
            "kim.caseload.report": Sample(
                vals=lambda: {"reference_date": date(YEAR, 3, 31)},
                write={"reference_date": date(YEAR, 6, 30)},
                make=lambda: (
                    self.env["kim.caseload.report"]
                    .with_user(self.user_lead)
                    .create({"reference_date": date(YEAR, 3, 31)})
                ),
            ),
        }

    def test_access_matrix(self):
        """X-1 / F-7 / F-10: the complete role × model × operation matrix of
        kim_funding's models: case managers, steering group and authority staff
        see no money; the portal user of welfare association W reads only W's
        contract; allowed cells work on a real record, refused cells raise
        AccessError."""
        tested, total = self._threat_run_matrix(
            "kim_funding", MATRIX, self._samples(), EXTRA
        )
        report_figure("access_matrix_cells", tested, total)
