# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.2.0 (issue #19, F-8): every budget line gets its financing plan's
figure; until finance enters the plan, the plan is the cap (as for a new
grant). The allowed deviation of the funding rules comes with its default
(20 %) from the new column's default."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE kim_grant_budget SET amount_plan = amount_cap WHERE amount_plan IS NULL"
    )
