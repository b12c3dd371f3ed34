"""Capaian kinerja: realisasi against target, in percent (PermenPAN-RB 53/2014).

- arah naik (higher is better, maksimal): realisasi / target x 100.
- arah turun (lower is better, minimal): (2 x target - realisasi) / target x 100, i.e.
  (1 + (1 - realisasi/target)) x 100. Not target / realisasi, which gives other numbers
  (7 / 6,5 -> 107,69 instead of 107,14).
- range target [a, b]: inside (bounds included) -> 100; outside, the nearer bound with the
  indicator's direction.
- the value never goes below 0 (arah turun with realisasi above 2 x target, or arah naik with a
  negative realisasi); a note says so. No upper cap unless the caller passes one (e.g. 120).
- target 0, or a range bound of 0 that the formula needs, is "tidak dapat dihitung": the
  regulations have no rule for it. A negative target is likewise not computable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sakip.formulas.numbers import HUNDRED, format_angka, to_decimal, uses_formula_context
from sakip.formulas.result import FormulaInputError, Result
from sakip.formulas.triwulan import TipePenghitungan, aggregate_values

REASON_TARGET_NOL = (
    "target 0: capaian tidak dapat dihitung karena pembagian dengan nol; "
    "tetapkan target selain 0 atau jelaskan di catatan"
)


class Arah(StrEnum):
    NAIK = "naik"  # higher is better (maksimal)
    TURUN = "turun"  # lower is better (minimal)


def as_arah(arah: Arah | str) -> Arah:
    """`arah` as Arah; accepts "naik" and "turun"."""
    try:
        return Arah(arah)
    except ValueError:
        raise FormulaInputError(f"arah harus 'naik' atau 'turun', bukan {arah!r}") from None


@dataclass(frozen=True)
class Target:
    """A target value, or a range [lower, upper] (bounds included) when `upper` is set."""

    lower: Decimal
    upper: Decimal | None = None

    def __post_init__(self) -> None:
        lower = to_decimal(self.lower, "target")
        object.__setattr__(self, "lower", lower)
        if self.upper is None:
            return
        upper = to_decimal(self.upper, "batas atas target")
        if upper < lower:
            raise FormulaInputError(
                f"batas atas target ({format_angka(upper, 2)}) lebih kecil dari batas bawah "
                f"({format_angka(lower, 2)}); tukar urutannya"
            )
        object.__setattr__(self, "upper", upper)

    @property
    def is_range(self) -> bool:
        return self.upper is not None and self.upper != self.lower


def _as_target(target: Target | Decimal | int | str) -> Target:
    return target if isinstance(target, Target) else Target(to_decimal(target, "target"))


def _ratio_capaian(realisasi: Decimal, bound: Decimal, arah: Arah) -> Result:
    """Capaian against a single target value."""
    if bound == 0:
        return Result.not_computable(REASON_TARGET_NOL)
    if bound < 0:
        return Result.not_computable(
            f"target negatif ({format_angka(bound, 2)}): rumus capaian hanya berlaku untuk "
            "target lebih dari 0; tetapkan target positif atau jelaskan di catatan"
        )
    ratio = realisasi / bound
    value = (ratio if arah is Arah.NAIK else 2 - ratio) * HUNDRED
    if value < 0:
        return Result.computed(Decimal(0), "capaian dibatasi 0 (tidak boleh negatif)")
    return Result.computed(value)


def _capaian_against(realisasi: Decimal, target: Target, arah: Arah) -> Result:
    if not target.is_range:
        return _ratio_capaian(realisasi, target.lower, arah)
    assert target.upper is not None
    if target.lower <= realisasi <= target.upper:
        return Result.computed(HUNDRED)
    nearer = target.lower if realisasi < target.lower else target.upper
    return _ratio_capaian(realisasi, nearer, arah)


def _apply_cap(result: Result, cap: Decimal | int | str | None) -> Result:
    if cap is None or not result.is_computed:
        return result
    limit = to_decimal(cap, "batas capaian")
    if limit <= 0:
        raise FormulaInputError("batas capaian harus lebih dari 0, mis. 120")
    assert result.value is not None
    if result.value > limit:
        return Result.computed(limit, f"capaian dibatasi {format_angka(limit, 2)} %")
    return result


@uses_formula_context
def capaian(
    realisasi: Decimal | int | str | None,
    target: Target | Decimal | int | str | None,
    arah: Arah | str,
    cap: Decimal | int | str | None = None,
) -> Result:
    """Capaian in percent of `realisasi` against `target` (a value or a Target range)."""
    arah = as_arah(arah)
    if realisasi is None:
        return Result.missing("realisasi belum diisi")
    if target is None:
        return Result.missing("target belum ditetapkan")
    value = to_decimal(realisasi, "realisasi")
    result = _capaian_against(value, _as_target(target), arah)
    return _apply_cap(result, cap)


@uses_formula_context
def tingkat_kemajuan(
    realisasi: Decimal | int | str | None,
    target_akhir: Target | Decimal | int | str | None,
    arah: Arah | str,
) -> Result:
    """Realisasi against the Renstra end target, in percent (73,36 / 80 -> 91,70).

    For a kumulatif indicator pass the total up to this year (`realisasi_sampai_tahun`).
    """
    arah = as_arah(arah)
    if realisasi is None:
        return Result.missing("realisasi belum diisi")
    if target_akhir is None:
        return Result.missing("target akhir Renstra belum ditetapkan")
    value = to_decimal(realisasi, "realisasi")
    return _capaian_against(value, _as_target(target_akhir), arah)


def realisasi_sampai_tahun(
    yearly_values: Sequence[Decimal | int | str | None], tipe: TipePenghitungan | str
) -> Result:
    """Realisasi up to this year from the yearly values in year order (None = not filled).

    kumulatif: sum of the filled years (Permendagri 86/2017: s.d. tahun n-1 + tahun n);
    posisi akhir: the last filled year; rata-rata: the mean of the filled years.
    """
    if isinstance(yearly_values, str | bytes) or not isinstance(yearly_values, Sequence):
        raise FormulaInputError("realisasi tahunan harus berupa daftar nilai per tahun")
    values = [
        None if value is None else to_decimal(value, f"realisasi tahun ke-{index}")
        for index, value in enumerate(yearly_values, start=1)
    ]
    return aggregate_values(values, tipe, "belum ada realisasi tahunan yang diisi")
