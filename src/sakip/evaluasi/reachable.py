"""Which totals an instrument can produce from whole criterion grades, and the grades that
produce the one nearest a wanted total: used to build a demo evaluation that arrives at a
published Nilai SAKIP from grades, not from a typed number.

A sub-component score is weight × (sum of its criterion values) / (100 × criteria), rounded
half-up to 2 decimals, and the total is the sum of those rounded scores (sakip.formulas.lke),
so every total is a whole number of cents. Per sub-component the reachable scores in cents come
from every reachable sum of its criterion values; the search is a subset-sum over cents with
Python integers as bit sets, then a walk back to one sum per sub-component."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sakip.formulas.numbers import round_half_up


@dataclass(frozen=True)
class Sub:
    kode: str
    weight: Fraction
    criteria: int


def _sums(values: list[int], n: int) -> list[int]:
    """Every sum of n values (repetition allowed), ascending."""
    reach = 1
    for _ in range(n):
        nxt = 0
        for value in values:
            nxt |= reach << value
        reach = nxt
    return [i for i in range(reach.bit_length()) if reach >> i & 1]


def cents(sub: Sub, total: int) -> int:
    """The sub-component's score in cents when its criterion values sum to `total`: the
    engine's rounding (half-up, 2 decimals) of weight × total / (100 × criteria)."""
    exact = sub.weight * total / (100 * sub.criteria)
    score = round_half_up(Decimal(exact.numerator) / Decimal(exact.denominator), 2)
    return int(score * 100)


def nearest(
    subs: list[Sub], values: list[int], target: Fraction, prefer: dict[str, int] | None = None
) -> tuple[Fraction, dict[str, int]]:
    """The reachable total nearest `target` (the lower on a tie) and, per sub-component, the
    sum of criterion values that gives it (the criterion grades are then any split of it).
    `prefer` (sub kode → a mean criterion value) steers which of the many ways is taken."""
    prefer = prefer or {}
    options = [{s: cents(sub, s) for s in _sums(values, sub.criteria)} for sub in subs]
    layers = [1]
    for by_sum in options:
        reach = 0
        for score in set(by_sum.values()):
            reach |= layers[-1] << score
        layers.append(reach)
    goal = target * 100
    final = layers[-1]
    if final == 0:
        raise ValueError("instrument without criteria")
    below, above = int(goal), int(goal) + (goal.denominator != 1)
    while True:  # walk outwards from the goal to the nearest reachable total
        found = [i for i in (below, above) if 0 <= i and final >> i & 1]
        if found:
            best = min(found, key=lambda i: (abs(i - goal), i))
            break
        below, above = below - 1, above + 1
    chosen: dict[str, int] = {}
    rest = best
    for k in range(len(subs) - 1, -1, -1):
        wanted = prefer.get(subs[k].kode, 70) * subs[k].criteria
        for s in sorted(options[k], key=lambda s: (abs(s - wanted), s)):
            before = rest - options[k][s]
            if before >= 0 and layers[k] >> before & 1:
                chosen[subs[k].kode] = s
                rest = before
                break
    return Fraction(best, 100), chosen


def split(total: int, n: int, values: list[int], prefer: int) -> list[int]:
    """n values summing to `total`, as close to `prefer` each as the set allows (descending)."""
    ordered = sorted(set(values), key=lambda v: (abs(v - prefer), -v))
    reach = [set() for _ in range(n + 1)]
    reach[0] = {0}
    for i in range(1, n + 1):
        reach[i] = {a + v for a in reach[i - 1] for v in values}
    if total not in reach[n]:
        raise ValueError(f"{total} is not a sum of {n} values")
    chosen = []
    rest = total
    for i in range(n, 0, -1):
        for value in ordered:
            if rest - value in reach[i - 1]:
                chosen.append(value)
                rest -= value
                break
    return sorted(chosen, reverse=True)
