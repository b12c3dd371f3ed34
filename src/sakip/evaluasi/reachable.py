"""Which totals an instrument can produce from whole criterion grades, and the grades that
produce the one nearest a wanted total: used to build a demo evaluation that arrives at a
published Nilai SAKIP from grades, not from a typed number.

Every sub-component score is weight × (sum of its criterion values) / (100 × criteria), so
each total is a whole number of 1/D, D the least common denominator of weight / (100 × n)
over the sub-components (grade values are whole numbers). The search is a subset-sum over
those units with Python integers as bit sets, then a walk back to one set of sums."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm


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


def nearest(
    subs: list[Sub], values: list[int], target: Fraction, prefer: dict[str, int] | None = None
) -> tuple[Fraction, dict[str, int]]:
    """The reachable total nearest `target` (the lower on a tie) and, per sub-component, the
    sum of criterion values that gives it (the criterion grades are then any split of it).
    `prefer` (sub kode → a mean criterion value) steers which of the many ways is taken."""
    prefer = prefer or {}
    steps = [sub.weight / (100 * sub.criteria) for sub in subs]
    unit = lcm(*(step.denominator for step in steps))
    per_value = [int(step * unit) for step in steps]  # units of 1/unit per value point
    options = [_sums(values, sub.criteria) for sub in subs]
    layers = [1]
    for k, sums in enumerate(options):
        reach = 0
        for s in sums:
            reach |= layers[-1] << (s * per_value[k])
        layers.append(reach)
    goal = target * unit
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
            before = rest - s * per_value[k]
            if before >= 0 and layers[k] >> before & 1:
                chosen[subs[k].kode] = s
                rest = before
                break
    return Fraction(best, unit), chosen


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
