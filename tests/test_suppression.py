"""X-2 (issue #19): the disclosure control of the reports, without a database.

``addons/kim_case/suppression.py`` imports nothing from Odoo; it is loaded from
its file here. Each test builds the figures of a small report, shows what the
old rule (small cells only) let an attacker derive, and that ``protect()``
leaves nothing derivable.
"""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "kim_suppression", ROOT / "addons/kim_case/suppression.py"
)
disclosure = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(disclosure)
CellSuppression = disclosure.CellSuppression


def _breakdowns(**tables):
    """Several breakdowns of the same hidden total ("active cases")."""
    control = CellSuppression()
    total = sum(next(iter(tables.values())).values())
    control.add("active", total, hidden=True)
    for name, cells in tables.items():
        keys = [control.add((name, label), value) for label, value in cells.items()]
        assert control.relate("active", keys)
    return control


def test_complete_breakdown_reveals_the_total():
    """The districts are all shown (7 + 5): the total is 12, and 12 minus the
    9 of one municipality gives the other's 3 back unless one more cell is
    hidden."""
    control = _breakdowns(
        district={"Nord": 7, "Süd": 5}, municipality={"A-Stadt": 9, "B-Dorf": 3}
    )
    control.primary = {("municipality", "B-Dorf")}
    assert control.derived() == {("municipality", "B-Dorf")}
    control.protect()
    assert control.primary == {("municipality", "B-Dorf")}
    assert control.secondary == {("municipality", "A-Stadt")}
    assert control.derived() == set()
    assert control.text(("municipality", "A-Stadt")) == "x"
    assert control.text(("municipality", "B-Dorf")) == "< 5"
    # the total is known from the districts anyway: shown as it is
    assert control.total_text("active") == "12"


def test_bounds_are_an_attack_too():
    """Two cells below 5 that must add up to 8 are both 4."""
    control = _breakdowns(
        gender={"w": 10, "m": 8}, municipality={"A": 10, "B": 4, "C": 4}
    )
    control.primary = {("municipality", "B"), ("municipality", "C")}
    assert control.derived() == {("municipality", "B"), ("municipality", "C")}
    control.protect()
    assert control.derived() == set()
    assert ("municipality", "A") in control.secondary


def test_cell_of_one_table_is_the_row_total_of_another():
    """Closed cases: 7 for one reason in the simple table, 5 + 2 by
    constellation in the cross table: the 5 must go."""
    control = CellSuppression()
    control.add("reason", 7)
    control.add(("cm",), 5)
    control.add(("short",), 2)
    control.relate("reason", [("cm",), ("short",)])
    control.protect()
    assert control.primary == {("short",)}
    assert control.secondary == {("cm",)}
    assert control.derived() == set()
    low, high = control.propagate()
    assert (low[("cm",)], high[("cm",)]) == (5, 7)


def test_linear_combination_found():
    """x+y, y+z, x+z shown: each of x, y, z follows, though no single sum
    has one unknown; the interval method alone misses it."""
    control = CellSuppression()
    for key, value in (("x", 3), ("y", 3), ("z", 3)):
        control.add(key, value)
    for name, parts, value in (("xy", "xy", 6), ("yz", "yz", 6), ("xz", "xz", 6)):
        control.add(name, value)
        control.relate(name, list(parts))
    control.primary = {"x", "y", "z"}
    assert control.linear_determined() >= {"x", "y", "z"}
    control.protect()
    assert control.derived() == set()


def test_zero_shown_is_known_to_the_attacker():
    """Where zeros are shown (authority statistics), "< 5" means 1 to 4."""
    control = CellSuppression(zero_shown=True)
    control.add("sent", 6, hidden=True)
    keys = [control.add(m, v) for m, v in (("jan", 1), ("feb", 5), ("mar", 0))]
    control.add("total_known", 6)
    control.relate("sent", keys)
    control.relate("total_known", keys)
    control.protect()
    assert control.text("mar") == "0"
    assert control.derived() == set()
    assert "feb" in control.secondary or "total_known" in control.secondary


def test_inconsistent_relation_left_out():
    control = CellSuppression()
    control.add("a", 3)
    control.add("b", 4)
    control.add("t", 9)
    assert control.relate("t", ["a", "b"]) is False
    assert control.relations == []


def test_many_tables_stay_fast():
    """A yearly report's size: 12 breakdowns of 40 cells each."""
    import random
    import time

    rng = random.Random(7)
    cells = [rng.choice([0, 1, 2, 3, 4, 5, 8, 13, 40]) for _ in range(40)]
    total = sum(cells)
    tables = {}
    for index in range(12):
        rng.shuffle(cells)
        tables[f"t{index}"] = dict(enumerate(list(cells)))
    control = _breakdowns(**tables)
    started = time.perf_counter()
    control.protect()
    assert control.derived() == set()
    assert time.perf_counter() - started < 20
    assert total


def test_chain_through_a_hidden_figure_hides_a_cell_not_everything():
    """G-7 (issue #19): the status report links two periods through the
    cases carried over, a hidden figure. Here the small cell's own sum has
    nothing shown left (its partner is hidden, its total small), yet it
    can be worked out along the chain: carried = 12 − 9, total = 12 − 8,
    cell = total − carried. One more cell on that chain is hidden — the
    report is not blanked, as the old fallback did when a suppressed value
    had no shown neighbour."""
    control = CellSuppression()
    cell = control.add("new now", 1)
    carried = control.add("carried", 3, hidden=True)
    total = control.add("active now", 4)
    before = control.add("active before", 12)
    closed = control.add("closed before", 9)
    whole = control.add("active now, all districts", 12)
    other = control.add("active now, other district", 8)
    persons = control.add("persons", 20)
    assert control.relate(total, [carried, cell])
    assert control.relate(before, [carried, closed])
    assert control.relate(whole, [total, other])
    control.primary = {cell, total}
    assert control.derived() == {cell, total}
    control.protect()
    assert control.derived() == set()
    assert control.secondary == {other}
    assert control.text(persons) == "20"
    assert control.text(before) == "12"
