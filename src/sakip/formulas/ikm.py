"""Indeks Kepuasan Masyarakat from the SKM survey (PermenPAN-RB 14/2017).

NRR_u = sum of the answers to unsur u / number of respondents who answered u;
NI = sum of NRR_u x 1/9 (scale 1-4); NIK = NI x 25 (scale 25-100).
The weight 1/9 is used exactly (computed as a division); the 0,111 found in publications is
offered only as `Bobot.LEGACY_0111`, to reproduce old figures.

Mutu is decided on NIK rounded half-up to 2 decimals: 25,00-64,99 D (Tidak Baik);
65,00-76,60 C (Kurang Baik); 76,61-88,30 B (Baik); 88,31-100,00 A (Sangat Baik).
IKM is stored on the NIK scale; `check_nik_scale` refuses a value on the NI scale.
Sample size by Krejcie-Morgan, rounded half-up to a whole respondent (this matches the
published Krejcie-Morgan table, e.g. N = 15 -> 14, N = 20 -> 19).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from sakip.formulas.numbers import format_angka, to_decimal, uses_formula_context
from sakip.formulas.predikat import Band, PredikatScale
from sakip.formulas.result import FormulaInputError, Result, Status

UNSUR: tuple[tuple[str, str], ...] = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, Mekanisme dan Prosedur"),
    ("U3", "Waktu Penyelesaian"),
    ("U4", "Biaya/Tarif"),
    ("U5", "Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "Kompetensi Pelaksana"),
    ("U7", "Perilaku Pelaksana"),
    ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
    ("U9", "Sarana dan Prasarana"),
)
UNSUR_COUNT = len(UNSUR)
NIK_FACTOR = Decimal(25)


class Bobot(Enum):
    """Weight of each unsur in NI."""

    EXACT = "1/9"
    LEGACY_0111 = "0,111"  # legacy only: moves NIK by 0,1-0,9 against the exact weight

    @property
    def weight(self) -> Decimal:
        if self is Bobot.EXACT:
            return Decimal(1) / Decimal(UNSUR_COUNT)
        return Decimal("0.111")

    def apply(self, nrr_total: Decimal) -> Decimal:
        """NI from the sum of the NRR; the exact weight is applied as a division by 9."""
        if self is Bobot.EXACT:
            return nrr_total / UNSUR_COUNT
        return nrr_total * self.weight


KINERJA_IKM = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}

_D = Decimal
# D is unbounded below only so that the legacy weight (NIK down to 24,975) still gets a mutu.
SKALA_MUTU_IKM = PredikatScale(
    "Mutu pelayanan IKM (PermenPAN-RB 14/2017)",
    (
        Band("D", None, False, _D(65), False, "#cf222e"),
        Band("C", _D(65), True, _D("76.60"), True, "#e16f24"),
        Band("B", _D("76.60"), False, _D("88.30"), True, "#4ac26b"),
        Band("A", _D("88.30"), False, _D(100), True, "#1a7f37"),
    ),
)


@dataclass(frozen=True)
class IkmResult:
    status: Status
    nrr: tuple[Result, ...]
    ni: Decimal | None = None
    nik: Decimal | None = None
    mutu: str | None = None
    kinerja: str | None = None
    reason: str = ""
    bobot: Bobot = Bobot.EXACT

    @property
    def is_computed(self) -> bool:
        return self.status is Status.COMPUTED


def _answer(answer: object, respondent: int, kode: str) -> int | None:
    if answer is None:
        return None
    where = f"responden ke-{respondent}, {kode}"
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise FormulaInputError(f"{where}: jawaban harus bilangan bulat 1–4, bukan {answer!r}")
    if not 1 <= answer <= 4:
        raise FormulaInputError(f"{where}: jawaban harus 1–4, bukan {answer}")
    return answer


@uses_formula_context
def nrr_from_answers(responses: Sequence[Sequence[int | None]]) -> tuple[Result, ...]:
    """NRR of each of the 9 unsur; None answers are not counted; no answers -> MISSING."""
    if isinstance(responses, str | bytes) or not isinstance(responses, Sequence):
        raise FormulaInputError("jawaban survei harus berupa daftar responden")
    totals = [0] * UNSUR_COUNT
    counts = [0] * UNSUR_COUNT
    for respondent, answers in enumerate(responses, start=1):
        if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
            raise FormulaInputError(f"responden ke-{respondent}: jawaban harus berupa daftar")
        if len(answers) != UNSUR_COUNT:
            raise FormulaInputError(
                f"responden ke-{respondent}: harus ada 9 jawaban (U1–U9), bukan {len(answers)}"
            )
        for index, (kode, _nama) in enumerate(UNSUR):
            answer = _answer(answers[index], respondent, kode)
            if answer is not None:
                totals[index] += answer
                counts[index] += 1
    return tuple(
        Result.computed(Decimal(total) / count)
        if count
        else Result.missing(f"{kode}: belum ada responden yang menjawab")
        for (kode, _nama), total, count in zip(UNSUR, totals, counts, strict=True)
    )


def _nrr_result(value: object, kode: str) -> Result:
    if value is None:
        return Result.missing(f"NRR {kode} belum ada")
    if isinstance(value, Result):
        if not value.is_computed:
            return value
        value = value.value
    nrr = to_decimal(value, f"NRR {kode}")
    if not 1 <= nrr <= 4:
        raise FormulaInputError(
            f"NRR {kode} harus antara 1 dan 4 (rata-rata jawaban 1–4), bukan {format_angka(nrr, 2)}"
        )
    return Result.computed(nrr)


def _as_bobot(bobot: Bobot) -> Bobot:
    if not isinstance(bobot, Bobot):
        raise FormulaInputError("bobot harus Bobot.EXACT atau Bobot.LEGACY_0111")
    return bobot


@uses_formula_context
def ikm_from_nrr(nrr: Sequence[Decimal | Result | None], bobot: Bobot = Bobot.EXACT) -> IkmResult:
    """NI, NIK and mutu from the 9 NRR; any NRR missing -> status MISSING (never from 8)."""
    bobot = _as_bobot(bobot)
    if isinstance(nrr, str | bytes) or not isinstance(nrr, Sequence) or len(nrr) != UNSUR_COUNT:
        raise FormulaInputError("NRR harus berisi tepat 9 nilai, U1 sampai U9")
    kodes = [kode for kode, _nama in UNSUR]
    results = tuple(_nrr_result(value, kode) for value, kode in zip(nrr, kodes, strict=True))
    missing = [kode for result, kode in zip(results, kodes, strict=True) if not result.is_computed]
    if missing:
        reason = (
            f"NRR belum lengkap ({', '.join(missing)}); IKM dihitung dari kesembilan unsur, "
            "lengkapi jawaban survei untuk unsur tersebut"
        )
        return IkmResult(Status.MISSING, results, reason=reason, bobot=bobot)
    total = sum((result.value for result in results if result.value is not None), Decimal(0))
    ni = bobot.apply(total)
    nik = ni * NIK_FACTOR
    mutu = SKALA_MUTU_IKM.classify(nik)
    assert mutu is not None
    return IkmResult(Status.COMPUTED, results, ni, nik, mutu, KINERJA_IKM[mutu], bobot=bobot)


def ikm_from_answers(
    responses: Sequence[Sequence[int | None]], bobot: Bobot = Bobot.EXACT
) -> IkmResult:
    """IKM straight from the answer matrix (one row of 9 answers per respondent)."""
    return ikm_from_nrr(nrr_from_answers(responses), bobot)


def check_nik_scale(value: Decimal | int | str, what: str = "nilai") -> Decimal:
    """`value` as Decimal if it lies on the NIK scale 25-100; a NI-scale value is refused."""
    number = to_decimal(value, what)
    if 1 <= number <= 4:
        raise FormulaInputError(
            f"{what} {format_angka(number, 2)} tampaknya skala NI (1–4); IKM disimpan pada "
            f"skala NIK 25–100: kalikan dengan 25 (= {format_angka(number * NIK_FACTOR, 2)})"
        )
    if not 25 <= number <= 100:
        raise FormulaInputError(
            f"{what} {format_angka(number, 2)} di luar skala NIK 25–100; periksa kembali angkanya"
        )
    return number


@uses_formula_context
def ni_from_nik(nik: Decimal | int | str) -> Decimal:
    """The same IKM on the NI scale (1–4), for showing both: NIK 86,00 -> NI 3,44."""
    return check_nik_scale(nik, "NIK") / NIK_FACTOR


def mutu_from_nik(nik: Decimal | int | str) -> str:
    """Mutu A-D of a NIK (25-100), decided on NIK rounded half-up to 2 decimals."""
    label = SKALA_MUTU_IKM.classify(check_nik_scale(nik, "NIK"))
    assert label is not None
    return label


@uses_formula_context
def krejcie_morgan(population: int) -> int:
    """Minimum respondents for a population of N (Krejcie-Morgan), rounded half-up."""
    if isinstance(population, bool) or not isinstance(population, int):
        raise FormulaInputError(f"jumlah populasi harus bilangan bulat, bukan {population!r}")
    if population < 1:
        raise FormulaInputError(f"jumlah populasi harus paling sedikit 1, bukan {population}")
    size = to_decimal(population, "jumlah populasi")
    chi_square, proportion, margin_squared = Decimal("3.841"), Decimal("0.25"), Decimal("0.0025")
    sample = (chi_square * size * proportion) / (
        margin_squared * (size - 1) + chi_square * proportion
    )
    return int(sample.quantize(Decimal(1), rounding=ROUND_HALF_UP))
