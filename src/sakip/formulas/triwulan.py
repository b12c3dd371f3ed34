"""Combining an indicator's period values (triwulan, or years) by its tipe penghitungan.

- kumulatif: sum of the filled periods (counts of things done);
- posisi akhir: the last filled period (indices, percentages, stocks); a filled 0 counts as
  filled, an empty period does not;
- rata-rata: mean of the filled periods (rates).

Empty periods are left out, never counted as 0. Nothing filled gives a MISSING result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum

from sakip.formulas.numbers import to_decimal, uses_formula_context
from sakip.formulas.result import FormulaInputError, Result

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class TipePenghitungan(StrEnum):
    KUMULATIF = "kumulatif"
    POSISI_AKHIR = "posisi_akhir"
    RATA_RATA = "rata_rata"


def as_tipe(tipe: TipePenghitungan | str) -> TipePenghitungan:
    """`tipe` as TipePenghitungan; accepts its value ("kumulatif", ...)."""
    try:
        return TipePenghitungan(tipe)
    except ValueError:
        allowed = ", ".join(item.value for item in TipePenghitungan)
        raise FormulaInputError(
            f"tipe penghitungan harus salah satu dari {allowed}, bukan {tipe!r}"
        ) from None


@uses_formula_context
def aggregate_values(
    values: Sequence[Decimal | None], tipe: TipePenghitungan | str, empty_reason: str
) -> Result:
    """Combine already-validated period values in period order; None is an empty period."""
    tipe = as_tipe(tipe)
    filled = [value for value in values if value is not None]
    if not filled:
        return Result.missing(empty_reason)
    if tipe is TipePenghitungan.KUMULATIF:
        return Result.computed(sum(filled, Decimal(0)))
    if tipe is TipePenghitungan.POSISI_AKHIR:
        return Result.computed(filled[-1])
    return Result.computed(sum(filled, Decimal(0)) / len(filled))


def quarter_values(
    values: Mapping[int, object] | Sequence[object],
) -> list[Decimal | None]:
    """The four quarters in order (None = empty) from a mapping {1..4: value} or a sequence."""
    if isinstance(values, Mapping):
        quarters: list[Decimal | None] = [None, None, None, None]
        for quarter, value in values.items():
            if isinstance(quarter, bool) or not isinstance(quarter, int) or quarter not in ROMAN:
                raise FormulaInputError(f"triwulan harus 1–4, bukan {quarter!r}")
            quarters[quarter - 1] = _quarter_value(quarter, value)
        return quarters
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise FormulaInputError("realisasi triwulan harus berupa daftar nilai TW I–IV")
    if len(values) > 4:
        raise FormulaInputError(
            f"realisasi triwulan paling banyak 4 nilai (TW I–IV), bukan {len(values)}"
        )
    quarters = [_quarter_value(index + 1, value) for index, value in enumerate(values)]
    return quarters + [None] * (4 - len(quarters))


def _quarter_value(quarter: int, value: object) -> Decimal | None:
    if value is None:
        return None
    return to_decimal(value, f"realisasi TW {ROMAN[quarter]}")


def aggregate_quarters(
    values: Mapping[int, Decimal | None] | Sequence[Decimal | None],
    tipe: TipePenghitungan | str,
) -> Result:
    """The year's realisasi of an indicator from its quarters (TW 20/25/30/25 -> 100/25/25)."""
    quarters = quarter_values(values)
    return aggregate_values(quarters, tipe, "belum ada realisasi triwulan yang diisi")
