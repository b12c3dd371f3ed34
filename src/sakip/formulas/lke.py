"""Evaluasi AKIP: the LKE score and the predikat AA-D (PermenPAN-RB 88/2021).

Each criterion gets a grade (AA, A, BB, B, CC, C, D, E); a grade's value comes from a mapping
(`GRADE_VALUES` by default; pass another to override). Sub-component score = weight x mean of
its criterion values / 100, rounded half-up to 2 decimals; component score = sum of its
sub-components' rounded scores; total = sum of the components; the predikat is decided on that
total. Scores are published with two decimals and must add up: an evaluator checks by hand that
every figure is the sum of the figures shown under it, which rounding each exact figure on its
own would break (5,90 + 6,63 + 9,94 shown under 22,46). Instruments are data (`Instrument`), so an older or newer LKE is a new constant,
not new code. The OPD's self-assessment and the evaluator's grades are two separate calls.

A sub-component without grades: `subcomponent_score` refuses it (FormulaInputError), since a
score of an ungraded sub-component does not exist; `lke_total` reports it as not yet graded
and returns status MISSING with no total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from sakip.formulas.numbers import (
    HUNDRED,
    format_angka,
    round_half_up,
    to_decimal,
    uses_formula_context,
)
from sakip.formulas.predikat import Band, PredikatScale
from sakip.formulas.result import FormulaInputError, Status

_D = Decimal

GRADE_VALUES: Mapping[str, Decimal] = MappingProxyType(
    {
        "AA": _D(100),
        "A": _D(90),
        "BB": _D(80),
        "B": _D(70),
        "CC": _D(60),
        "C": _D(50),
        "D": _D(30),
        "E": _D(0),
    }
)


@dataclass(frozen=True)
class SubComponent:
    kode: str
    nama: str
    weight: Decimal

    def __post_init__(self) -> None:
        weight = to_decimal(self.weight, f"bobot sub-komponen {self.kode}")
        if weight <= 0:
            raise FormulaInputError(f"bobot sub-komponen {self.kode} harus lebih dari 0")
        object.__setattr__(self, "weight", weight)


@dataclass(frozen=True)
class Component:
    kode: str
    nama: str
    weight: Decimal
    subcomponents: tuple[SubComponent, ...]

    def __post_init__(self) -> None:
        weight = to_decimal(self.weight, f"bobot komponen {self.kode}")
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "subcomponents", tuple(self.subcomponents))
        parts = sum((sub.weight for sub in self.subcomponents), Decimal(0))
        if parts != weight:
            raise FormulaInputError(
                f"bobot komponen {self.kode} {self.nama} ({format_angka(weight, 2)}) harus sama "
                f"dengan jumlah bobot sub-komponennya ({format_angka(parts, 2)})"
            )


@dataclass(frozen=True)
class Instrument:
    """A versioned LKE: components whose weights add up to 100."""

    kode: str
    nama: str
    components: tuple[Component, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "components", tuple(self.components))
        total = sum((component.weight for component in self.components), Decimal(0))
        if total != HUNDRED:
            raise FormulaInputError(
                f"jumlah bobot komponen {self.kode} harus 100, bukan {format_angka(total, 2)}"
            )
        kodes = [sub.kode for component in self.components for sub in component.subcomponents]
        if len(set(kodes)) != len(kodes):
            raise FormulaInputError(f"kode sub-komponen {self.kode} harus unik")

    @property
    def subcomponent_kodes(self) -> frozenset[str]:
        return frozenset(
            sub.kode for component in self.components for sub in component.subcomponents
        )


def _component(kode: str, nama: str, weights: tuple[str, str, str]) -> Component:
    names = ("Keberadaan", "Kualitas", "Pemanfaatan")
    weight = sum((_D(value) for value in weights), _D(0))
    subcomponents = tuple(
        SubComponent(f"{kode}.{letter}", name, _D(value))
        for letter, name, value in zip("abc", names, weights, strict=True)
    )
    return Component(kode, nama, weight, subcomponents)


LKE_88_2021 = Instrument(
    "PermenPAN-RB 88/2021",
    "Lembar Kerja Evaluasi AKIP",
    (
        _component("1", "Perencanaan Kinerja", ("6", "9", "15")),
        _component("2", "Pengukuran Kinerja", ("6", "9", "15")),
        _component("3", "Pelaporan Kinerja", ("3", "4.5", "7.5")),
        _component("4", "Evaluasi Akuntabilitas Kinerja Internal", ("5", "7.5", "12.5")),
    ),
)

PREDIKAT_AKIP = PredikatScale(
    "Predikat AKIP (PermenPAN-RB 88/2021)",
    (
        Band("AA", _D(90), False, _D(100), True, "#1a7f37"),
        Band("A", _D(80), False, _D(90), True, "#2da44e"),
        Band("BB", _D(70), False, _D(80), True, "#4ac26b"),
        Band("B", _D(60), False, _D(70), True, "#d4a72c"),
        Band("CC", _D(50), False, _D(60), True, "#e16f24"),
        Band("C", _D(30), False, _D(50), True, "#f85149"),
        Band("D", _D(0), True, _D(30), True, "#cf222e"),
    ),
)


def _checked_grade_values(grade_values: Mapping[str, object]) -> dict[str, Decimal]:
    if not isinstance(grade_values, Mapping) or not grade_values:
        raise FormulaInputError("nilai tiap huruf penilaian LKE belum ditetapkan")
    checked = {}
    for grade, value in grade_values.items():
        number = to_decimal(value, f"nilai huruf {grade}")
        if not 0 <= number <= 100:
            raise FormulaInputError(
                f"nilai huruf {grade} harus 0–100, bukan {format_angka(number, 2)}"
            )
        checked[str(grade).strip().upper()] = number
    return checked


def _grade_value(grade: object, position: int, values: Mapping[str, Decimal]) -> Decimal:
    if grade is None:
        raise FormulaInputError(f"kriteria ke-{position} belum dinilai")
    key = grade.strip().upper() if isinstance(grade, str) else None
    if key not in values:
        allowed = ", ".join(values)
        raise FormulaInputError(
            f"nilai kriteria ke-{position} {grade!r} tidak dikenal; gunakan salah satu: {allowed}"
        )
    return values[key]


@uses_formula_context
def subcomponent_score(
    weight: Decimal | int | str,
    grades: Sequence[str],
    grade_values: Mapping[str, object] = GRADE_VALUES,
) -> Decimal:
    """weight x mean(grade values) / 100, rounded half-up to 2 decimals (the published score,
    which the component and the total add up); no grades -> FormulaInputError."""
    weight_value = to_decimal(weight, "bobot sub-komponen")
    values = _checked_grade_values(grade_values)
    if isinstance(grades, str) or not isinstance(grades, Sequence):
        raise FormulaInputError("nilai kriteria harus berupa daftar huruf, mis. ['A', 'BB']")
    if not grades:
        raise FormulaInputError("belum ada kriteria yang dinilai pada sub-komponen ini")
    numbers = [_grade_value(grade, index, values) for index, grade in enumerate(grades, start=1)]
    return round_half_up(weight_value * (sum(numbers, Decimal(0)) / len(numbers)) / HUNDRED, 2)


@dataclass(frozen=True)
class SubComponentScore:
    kode: str
    nama: str
    weight: Decimal
    score: Decimal | None  # None: not (fully) graded yet


@dataclass(frozen=True)
class ComponentScore:
    kode: str
    nama: str
    weight: Decimal
    score: Decimal | None
    subcomponents: tuple[SubComponentScore, ...]


@dataclass(frozen=True)
class LkeResult:
    status: Status
    total: Decimal | None
    predikat: str | None
    components: tuple[ComponentScore, ...]
    reason: str = ""


def _is_graded(grades: Sequence[str | None] | None) -> bool:
    return bool(grades) and all(grade is not None for grade in grades or ())


@uses_formula_context
def lke_total(
    grades: Mapping[str, Sequence[str | None]],
    instrument: Instrument = LKE_88_2021,
    grade_values: Mapping[str, object] = GRADE_VALUES,
) -> LkeResult:
    """Scores per sub-component and component, the total and its predikat.

    `grades` maps a sub-component kode ("1.a") to its criterion grades (["A", "BB"]); a
    sub-component absent, empty or with a None grade is not yet graded.
    """
    if not isinstance(grades, Mapping):
        raise FormulaInputError("nilai LKE harus berupa pemetaan kode sub-komponen ke nilai")
    unknown = sorted(str(kode) for kode in grades if kode not in instrument.subcomponent_kodes)
    if unknown:
        raise FormulaInputError(
            f"sub-komponen {', '.join(unknown)} tidak ada dalam instrumen {instrument.kode}"
        )
    components = []
    ungraded = []
    for component in instrument.components:
        subscores = []
        for sub in component.subcomponents:
            sub_grades = grades.get(sub.kode)
            if _is_graded(sub_grades):
                where = f"sub-komponen {sub.kode} {sub.nama}"
                score = _scored(sub.weight, sub_grades, grade_values, where)
            else:
                score = None
                ungraded.append(f"{sub.kode} {sub.nama}")
            subscores.append(SubComponentScore(sub.kode, sub.nama, sub.weight, score))
        scores = [item.score for item in subscores]
        score_sum = None if None in scores else sum((s for s in scores if s is not None), _D(0))
        components.append(
            ComponentScore(
                component.kode, component.nama, component.weight, score_sum, tuple(subscores)
            )
        )
    if ungraded:
        reason = f"belum dinilai: {', '.join(ungraded)}; nilai total menunggu semua sub-komponen"
        return LkeResult(Status.MISSING, None, None, tuple(components), reason)
    total = sum((c.score for c in components if c.score is not None), _D(0))
    return LkeResult(Status.COMPUTED, total, predikat_akip(total), tuple(components))


def _scored(
    weight: Decimal, grades: object, grade_values: Mapping[str, object], where: str
) -> Decimal:
    try:
        return subcomponent_score(weight, grades, grade_values)  # type: ignore[arg-type]
    except FormulaInputError as error:
        raise FormulaInputError(f"{where}: {error}") from None


def predikat_akip(score: Decimal | int | str | None) -> str | None:
    """Predikat AA-D of a Nilai SAKIP (0-100), on the score rounded half-up to 2 decimals."""
    return PREDIKAT_AKIP.classify(score)
