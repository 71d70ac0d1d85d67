# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-2: statistical disclosure control for the KIM reports (issue #19).

A report publishes counts that are linked: the cells of a table add up to its
total, several tables break down the same cases (per district, per
municipality, per gender …), a cell of one table is the row total of another.
Suppressing the small cells alone does not protect them: from one complete
breakdown the total is known, and that total minus the shown cells of another
breakdown gives the suppressed cell back.

``CellSuppression`` therefore suppresses the small cells (*primary*, shown
as "< 5") and then, as long as an attacker could still work out a suppressed
value, one more cell (*secondary*, shown as "x") — the smallest cell of a sum
the value can be worked out from.

The attacker modelled here knows every shown value, every relation of the
report (which cells add up to which total, also across tables), that a
primary cell lies below the limit (and above zero where zeros are shown) and
that a secondary cell is at least the limit (it would be primary otherwise).
A suppressed value counts as *derived* when these facts leave exactly one
possible value. Two methods look for it: interval propagation over the sums
(the differences and bounds a person would try by hand) and linear algebra (is
the cell a linear combination of shown values?).

Pure Python, no Odoo import: ``tests/test_suppression.py`` loads it directly.
"""

from fractions import Fraction

INF = float("inf")


class CellSuppression:
    """The cells and relations of one report run and which cells it hides.

    ``add(key, value)`` registers a shown count, ``add(key, value,
    hidden=True)`` a figure the report never shows itself (a total that is
    only implied); ``relate(whole, parts)`` states ``whole == sum(parts)``.
    ``protect()`` then decides the suppression; ``text(key)`` gives what the
    report shows for a cell and ``total_text(key)`` for a total.
    """

    def __init__(self, limit=5, zero_shown=False):
        self.limit = limit
        self.zero_shown = zero_shown
        self.values = {}
        self.hidden = set()
        self.relations = []
        self.primary = set()
        self.secondary = set()
        self._shown_bounds = None

    # ------------------------------------------------------------ building
    def add(self, key, value, hidden=False):
        value = int(value or 0)
        if key in self.values and self.values[key] != value:
            raise ValueError(f"{key!r}: two different values")
        self.values[key] = value
        if hidden:
            self.hidden.add(key)
        elif key in self.hidden:
            self.hidden.discard(key)
        return key

    def relate(self, whole, parts):
        """State ``whole == sum(parts)``; a relation the figures do not
        satisfy (it cannot help an attacker either) is left out and reported
        as ``False``."""
        parts = tuple(parts)
        if not parts:
            return False
        if self.values[whole] != sum(self.values[p] for p in parts):
            return False
        self.relations.append((whole, parts))
        return True

    # ------------------------------------------------------------ deciding
    def is_small(self, value):
        return value < self.limit and (value > 0 or not self.zero_shown)

    @property
    def suppressed(self):
        return self.primary | self.secondary

    def protect(self, secondary=True):
        """Primary suppression of the small cells, then (``secondary``)
        secondary suppression until nothing suppressed can be derived.
        Deterministic. Without ``secondary`` it is the old rule the attacker
        tests compare with."""
        self.primary = {
            key
            for key, value in self.values.items()
            if key not in self.hidden and self.is_small(value)
        }
        self.secondary = set()
        self._shown_bounds = None
        while secondary:
            derived = self.derived()
            if not derived:
                return self
            target = min(derived, key=self._order)
            cell = self._complement(target)
            if cell is None:  # nothing left to hide beside it: hide everything
                self.secondary |= {
                    key
                    for key in self.values
                    if key not in self.hidden and key not in self.primary
                }
                return self
            self.secondary.add(cell)
        return self

    def _order(self, key):
        return (self.values[key], str(key))

    def _complement(self, target):
        """The cell to hide so that ``target`` cannot be derived: the smallest
        shown cell of a sum ``target`` is part of (its siblings first, then
        the sum's own total, then the cells of other sums of the same hidden
        total)."""
        shown = [
            key
            for key, value in self.values.items()
            if key not in self.hidden
            and key not in self.suppressed
            # a shown zero hidden as "x" would only say "0 or at least 5"
            and (value or not self.zero_shown)
        ]
        own = [(w, ps) for w, ps in self.relations if target in ps or target == w]
        tiers = [
            {p for w, ps in own for p in ps if p != target},
            {w for w, _ps in own if w != target},
        ]
        linked_wholes = {w for w, _ps in own if w in self.hidden}
        tiers.append({p for w, ps in self.relations if w in linked_wholes for p in ps})
        for tier in tiers:
            candidates = [key for key in shown if key in tier]
            if candidates:
                return min(candidates, key=self._order)
        # a longer chain (e.g. through a hidden figure two sums share): the
        # nearest shown cells linked to ``target`` by any chain of sums
        shown = set(shown)
        seen, ring = {target}, {target}
        while ring:
            ring = {
                cell
                for whole, parts in self.relations
                if ring & ({whole} | set(parts))
                for cell in (whole, *parts)
                if cell not in seen
            }
            seen |= ring
            candidates = [key for key in ring if key in shown]
            if candidates:
                return min(candidates, key=self._order)
        return None

    # ------------------------------------------------------------ the attacker
    def bounds(self):
        """What the attacker knows of every figure before combining them."""
        low_primary = 1 if self.zero_shown else 0
        bounds = {}
        for key, value in self.values.items():
            if key in self.hidden:
                bounds[key] = (0, INF)
            elif key in self.primary:
                bounds[key] = (low_primary, self.limit - 1)
            elif key in self.secondary:
                bounds[key] = (self.limit, INF)
            else:
                bounds[key] = (value, value)
        return bounds

    def propagate(self):
        """Interval propagation over all sums until nothing narrows."""
        low, high = {}, {}
        for key, (lo, hi) in self.bounds().items():
            low[key], high[key] = lo, hi
        for _round in range(100):
            changed = False
            for whole, parts in self.relations:
                sum_low = sum(low[p] for p in parts)
                sum_high = _sum_high(high[p] for p in parts)
                new_low = max(low[whole], sum_low)
                new_high = min(high[whole], sum_high)
                if (new_low, new_high) != (low[whole], high[whole]):
                    low[whole], high[whole] = new_low, new_high
                    changed = True
                for part in parts:
                    others_low = sum_low - low[part]
                    others_high = _minus(sum_high, high[part], parts, high)
                    part_low = max(low[part], low[whole] - others_high)
                    part_high = min(high[part], high[whole] - others_low)
                    if (part_low, part_high) != (low[part], high[part]):
                        low[part], high[part] = part_low, part_high
                        sum_low = sum(low[p] for p in parts)
                        sum_high = _sum_high(high[p] for p in parts)
                        changed = True
            if not changed:
                break
        return low, high

    def linear_determined(self):
        """Unknown figures that are a linear combination of shown values:
        reduced row echelon form of the sums over the unknowns."""
        unknown = self.suppressed | self.hidden
        columns = sorted(
            {k for w, ps in self.relations for k in (w, *ps) if k in unknown},
            key=str,
        )
        index = {key: i for i, key in enumerate(columns)}
        rows = []
        for whole, parts in self.relations:
            row = {}
            for key, sign in ((whole, 1), *((p, -1) for p in parts)):
                if key in index:
                    row[index[key]] = row.get(index[key], 0) + sign
            row = {c: Fraction(v) for c, v in row.items() if v}
            if row:
                rows.append(row)
        pivots = []  # (column, row) in reduced form
        for row in rows:
            for column, pivot_row in pivots:
                if column in row:
                    factor = row[column]
                    for c, v in pivot_row.items():
                        row[c] = row.get(c, 0) - factor * v
                        if not row[c]:
                            del row[c]
            if not row:
                continue
            column = min(row)
            factor = row[column]
            row = {c: v / factor for c, v in row.items()}
            for _c, other in pivots:
                if column in other:
                    f = other[column]
                    for c, v in row.items():
                        other[c] = other.get(c, 0) - f * v
                        if not other[c]:
                            del other[c]
            pivots.append((column, row))
        return {columns[column] for column, row in pivots if len(row) == 1}

    def derived(self):
        """The suppressed cells the attacker can work out exactly."""
        suppressed = self.suppressed
        if not suppressed:
            return set()
        low, high = self.propagate()
        found = {key for key in suppressed if low[key] == high[key]}
        return found | (self.linear_determined() & suppressed)

    # ------------------------------------------------------------ showing
    def text(self, key):
        if key in self.primary:
            return f"< {self.limit}"
        if key in self.secondary:
            return "x"
        return str(self.values[key])

    def total_text(self, key):
        """A total as far as it can be told from the shown cells: exact when
        it can be worked out anyway, else its lower bound ("≥ n"), "< 5" when
        it is known to be small, "x" when nothing is known."""
        if not self.suppressed:
            return str(self.values[key])
        if self._shown_bounds is None:
            self._shown_bounds = self.propagate()
        low, high = self._shown_bounds
        if low[key] == high[key]:
            return str(int(low[key]))
        if high[key] < self.limit:
            return f"< {self.limit}"
        if low[key] >= self.limit:
            return f"≥ {int(low[key])}"
        return "x"


def _sum_high(values):
    total = 0
    for value in values:
        if value == INF:
            return INF
        total += value
    return total


def _minus(sum_high, part_high, parts, high):
    """``sum_high - part_high`` where both may be infinite."""
    if sum_high != INF:
        return sum_high - part_high
    if part_high != INF:
        return INF
    # the part itself is unbounded: the others' sum without it
    infinite = sum(1 for p in parts if high[p] == INF)
    if infinite > 1:
        return INF
    return sum(high[p] for p in parts if high[p] != INF)
