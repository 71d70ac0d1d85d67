# Copyright 2026 KIM NRW Projekt
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""X-2 (issue #19): an attacker against the cell suppression of a report.

It reads only what a report shows (its rendered tables) and what anybody
knows of the report's structure, written down by each test on its own: which
cells add up to which total, which tables break down the same cases, which
cell of one table is the row total of another. It does not use the
structure the report itself declares to ``kim_case.suppression`` — a
relation the report forgot is a leak this attacker finds.

What it knows of a cell: a number exactly; "< 5" is 0 to 4 (1 to 4 where
zeros are shown); "x" (hidden beside a small cell) is at least 5; "≥ n" at
least n. Attacks, each counted once per suppressed cell and sum it is tried
on:

- *difference*: a sum whose total and all other parts are known gives the
  missing part;
- *bounds*: the total minus the others' largest and smallest possible values
  narrows a cell; a cell narrowed to one value is derived;
- *breakdowns*: a complete breakdown gives a total that other breakdowns of
  the same cases share (the shared total is one unknown of several sums).

Derived values feed the next round until nothing changes.
"""

import re

INF = float("inf")
_NUMBER = re.compile(r"^\d+$")
_AT_LEAST = re.compile(r"^≥ (\d+)$")


class SuppressionAttacker:
    def __init__(self, limit=5, zero_shown=False):
        self.limit = limit
        self.zero_shown = zero_shown
        self.low = {}
        self.high = {}
        self.suppressed = set()
        self.sums = []
        self.attempts = set()

    def shown(self, var, text):
        """Record what the report shows for ``var``; False when the text is
        no count (a label, "–")."""
        text = str(text).strip()
        if _NUMBER.match(text):
            bounds = (int(text), int(text))
        elif text in (f"< {self.limit}", f"<{self.limit}"):
            bounds = (1 if self.zero_shown else 0, self.limit - 1)
            self.suppressed.add(var)
        elif text == "x":
            bounds = (self.limit, INF)
            self.suppressed.add(var)
        elif _AT_LEAST.match(text):
            bounds = (int(_AT_LEAST.match(text).group(1)), INF)
        else:
            return False
        self._narrow(var, *bounds)
        return True

    def unknown(self, var):
        """A figure the report does not show (a shared total)."""
        self._narrow(var, 0, INF)
        return var

    def add_sum(self, whole, parts, name):
        parts = [p for p in parts if p in self.low]
        if whole in self.low and parts:
            self.sums.append((name, whole, parts))

    def _narrow(self, var, low, high):
        old = (self.low.get(var, 0), self.high.get(var, INF))
        new = (max(old[0], low), min(old[1], high))
        self.low[var], self.high[var] = new
        return new != old

    def attack(self):
        """Run every attack until nothing narrows; return the derived
        suppressed values {var: value}."""
        for _round in range(200):
            changed = False
            for name, whole, parts in self.sums:
                for part in parts:
                    if part in self.suppressed:
                        self.attempts.add((name, part, "difference"))
                        self.attempts.add((name, part, "bounds"))
                    if whole in self.suppressed:
                        self.attempts.add((name, whole, "breakdowns"))
                changed |= self._attack_sum(whole, parts)
            if not changed:
                break
        return {
            var: self.low[var]
            for var in self.suppressed
            if self.low[var] == self.high[var]
        }

    def _attack_sum(self, whole, parts):
        changed = False
        lows = [self.low[p] for p in parts]
        highs = [self.high[p] for p in parts]
        changed |= self._narrow(whole, sum(lows), _total(highs))
        for index, part in enumerate(parts):
            others_low = sum(lows) - lows[index]
            others_high = _total(highs[:index] + highs[index + 1 :])
            low = self.low[whole] - others_high
            high = self.high[whole] - others_low
            if self._narrow(part, low, high):
                changed = True
                lows[index], highs[index] = self.low[part], self.high[part]
        return changed


def _total(values):
    return INF if INF in values else sum(values)
