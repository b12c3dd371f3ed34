"""Efisiensi penggunaan anggaran per sasaran; the method is a setting (`MetodeEfisiensi`).

The two figures compared are the average capaian of the sasaran's indicators
(`rata_rata_capaian`) and the serapan of the budget supporting it. They are compared as shown,
rounded half-up to 2 decimals, so the category agrees with the printed numbers.

Category table (`KATEGORI_EFISIENSI`), shared by both methods:

    rata-rata capaian | serapan dibanding capaian | kategori             | sumber
    >= 100 %          | serapan < capaian         | Efisien              | LKjIP Blora A.6
    >= 100 %          | serapan = capaian         | Kurang Efisien       | sakip
    >= 100 %          | serapan > capaian         | Kurang Efisien       | sakip
    < 100 %           | serapan < capaian         | Cukup Efisien        | sakip
    < 100 %           | serapan = capaian         | Cukup Efisien        | sakip
    < 100 %           | serapan > capaian         | Tidak Efisien        | LKjIP Blora A.6
    belum ada data (capaian atau serapan)         | Belum Ada Data       | sakip
    tidak dapat dihitung (capaian atau serapan)   | Tidak Dapat Dihitung | sakip

Why the four added cells: the seed (A.6) names only the two clear cases. Target met but the
budget used at least as fast as the results grew is not "Efisien", yet the target was met:
"Kurang Efisien". (With serapan at most 100 % this happens only at capaian = serapan = 100,
or with over-spending data.) Target missed while the budget was used no faster than the
results is not "Tidak Efisien" either: "Cukup Efisien". "Tidak dapat dihitung" wins over
"belum ada data", because filling in data cannot make it computable. The seed's Tabel 3.2
also prints "Sangat Efisien", which its own rule does not define; sakip does not use it.

Methods:

- CAPAIAN_VS_SERAPAN (seed A.6): the category only; `nilai` stays None.
- SISA_ANGGARAN (regional LKjIPs): the category, and `nilai` = 100 - serapan (efisiensi
  anggaran in percent, 100 - 93,33 = 6,67) when the target is met (capaian >= 100 %);
  otherwise `nilai` is None and `reason` says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sakip.formulas.numbers import HUNDRED, format_angka, round_half_up, uses_formula_context
from sakip.formulas.result import FormulaInputError, Result, Status


class MetodeEfisiensi(StrEnum):
    CAPAIAN_VS_SERAPAN = "capaian_vs_serapan"
    SISA_ANGGARAN = "sisa_anggaran"


@dataclass(frozen=True)
class KategoriEfisiensi:
    """One row of the category table; `capaian_tercapai` None marks the missing-data rows."""

    capaian_tercapai: bool | None
    serapan_dibanding_capaian: str  # "<", "=", ">"; "" for the missing-data rows
    kondisi: str
    kategori: str
    sumber: str


BELUM_ADA_DATA = "Belum Ada Data"
TIDAK_DAPAT_DIHITUNG = "Tidak Dapat Dihitung"

KATEGORI_EFISIENSI: tuple[KategoriEfisiensi, ...] = (
    KategoriEfisiensi(True, "<", "capaian >= 100 %, serapan < capaian", "Efisien", "LKjIP A.6"),
    KategoriEfisiensi(True, "=", "capaian >= 100 %, serapan = capaian", "Kurang Efisien", "sakip"),
    KategoriEfisiensi(True, ">", "capaian >= 100 %, serapan > capaian", "Kurang Efisien", "sakip"),
    KategoriEfisiensi(False, "<", "capaian < 100 %, serapan < capaian", "Cukup Efisien", "sakip"),
    KategoriEfisiensi(False, "=", "capaian < 100 %, serapan = capaian", "Cukup Efisien", "sakip"),
    KategoriEfisiensi(
        False, ">", "capaian < 100 %, serapan > capaian", "Tidak Efisien", "LKjIP A.6"
    ),
    KategoriEfisiensi(None, "", "capaian atau serapan belum ada data", BELUM_ADA_DATA, "sakip"),
    KategoriEfisiensi(
        None, "", "capaian atau serapan tidak dapat dihitung", TIDAK_DAPAT_DIHITUNG, "sakip"
    ),
)

_LOOKUP = {
    (row.capaian_tercapai, row.serapan_dibanding_capaian): row.kategori
    for row in KATEGORI_EFISIENSI
    if row.capaian_tercapai is not None
}


@dataclass(frozen=True)
class EfisiensiResult:
    kategori: str
    nilai: Decimal | None
    status: Status
    reason: str = ""
    metode: MetodeEfisiensi = MetodeEfisiensi.CAPAIAN_VS_SERAPAN


def _as_metode(metode: MetodeEfisiensi | str) -> MetodeEfisiensi:
    try:
        return MetodeEfisiensi(metode)
    except ValueError:
        allowed = ", ".join(item.value for item in MetodeEfisiensi)
        raise FormulaInputError(
            f"metode efisiensi harus salah satu dari {allowed}, bukan {metode!r}"
        ) from None


def _uncomputed(capaian: Result, serapan: Result, metode: MetodeEfisiensi) -> EfisiensiResult:
    reasons = [
        f"{name}: {result.reason or 'belum ada data'}"
        for name, result in (("capaian", capaian), ("serapan", serapan))
        if not result.is_computed
    ]
    reason = "; ".join(reasons)
    if Status.NOT_COMPUTABLE in (capaian.status, serapan.status):
        return EfisiensiResult(TIDAK_DAPAT_DIHITUNG, None, Status.NOT_COMPUTABLE, reason, metode)
    return EfisiensiResult(BELUM_ADA_DATA, None, Status.MISSING, reason, metode)


def _comparison(serapan: Decimal, capaian: Decimal) -> str:
    if serapan < capaian:
        return "<"
    return "=" if serapan == capaian else ">"


@uses_formula_context
def efisiensi(capaian: Result, serapan: Result, metode: MetodeEfisiensi | str) -> EfisiensiResult:
    """Efisiensi of a sasaran from its average capaian and its serapan (see module docstring)."""
    metode = _as_metode(metode)
    if not isinstance(capaian, Result) or not isinstance(serapan, Result):
        raise FormulaInputError("capaian dan serapan harus berupa hasil perhitungan (Result)")
    if not capaian.is_computed or not serapan.is_computed:
        return _uncomputed(capaian, serapan, metode)
    assert capaian.value is not None and serapan.value is not None
    shown_capaian = round_half_up(capaian.value, 2)
    shown_serapan = round_half_up(serapan.value, 2)
    tercapai = shown_capaian >= HUNDRED
    kategori = _LOOKUP[(tercapai, _comparison(shown_serapan, shown_capaian))]
    if metode is MetodeEfisiensi.CAPAIAN_VS_SERAPAN:
        return EfisiensiResult(kategori, None, Status.COMPUTED, "", metode)
    if not tercapai:
        reason = (
            f"target belum tercapai (capaian {format_angka(capaian.value, 2)} %): efisiensi "
            "anggaran (100 - serapan) hanya dilaporkan bila capaian mencapai 100 %"
        )
        return EfisiensiResult(kategori, None, Status.COMPUTED, reason, metode)
    return EfisiensiResult(kategori, HUNDRED - serapan.value, Status.COMPUTED, "", metode)


@uses_formula_context
def rata_rata_capaian(results: Sequence[Result]) -> Result:
    """Mean of the computed capaian of a sasaran's indicators.

    This is the one place the regulation averages percentages. Indicators without a computed
    capaian are left out and named in the reason. None computed: MISSING, or NOT_COMPUTABLE
    when every indicator is not computable.
    """
    results = tuple(results)
    if not all(isinstance(result, Result) for result in results):
        raise FormulaInputError("capaian indikator harus berupa hasil perhitungan (Result)")
    values = [result.value for result in results if result.value is not None]
    left_out = len(results) - len(values)
    if not values:
        if results and all(result.status is Status.NOT_COMPUTABLE for result in results):
            return Result.not_computable("capaian semua indikator sasaran tidak dapat dihitung")
        return Result.missing("belum ada capaian indikator sasaran yang dapat dihitung")
    mean = sum(values, Decimal(0)) / len(values)
    if not left_out:
        return Result.computed(mean)
    return Result.computed(
        mean,
        f"rata-rata dari {len(values)} dari {len(results)} indikator; {left_out} indikator "
        "belum ada data atau tidak dapat dihitung dan tidak diikutsertakan",
    )
