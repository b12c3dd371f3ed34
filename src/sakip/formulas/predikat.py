"""Predikat scales: bands with exact, explicit bounds, entered per pemda as data.

A scale is checked when it is built: its bands may neither overlap nor leave a gap, so every
value between the lowest and the highest bound has exactly one predikat. A scale need not be
unbounded at either end; a value outside it is refused.

Classification uses the value rounded half-up to 2 decimals (`places`), the figure the user
sees: capaian 99,999 is shown as 100,00 and is "Baik", not "Sangat Baik" (> 100). Classifying
the unrounded value would print 100,00 next to a predikat that 100,00 does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sakip.formulas.numbers import format_angka, round_half_up, to_decimal
from sakip.formulas.result import FormulaInputError, Result


@dataclass(frozen=True)
class Band:
    """One predikat; a None bound is unbounded (its inclusive flag is then ignored)."""

    label: str
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool
    color: str = ""

    def __post_init__(self) -> None:
        for name in ("lower", "upper"):
            bound = getattr(self, name)
            if bound is not None:
                object.__setattr__(self, name, to_decimal(bound, f"batas predikat {self.label}"))
        if self.lower is not None and self.upper is not None:
            single_point = self.lower_inclusive and self.upper_inclusive
            if self.lower > self.upper or (self.lower == self.upper and not single_point):
                raise FormulaInputError(
                    f"predikat {self.label}: batas bawah harus lebih kecil dari batas atas"
                )

    def contains(self, value: Decimal) -> bool:
        if self.lower is not None:
            if value < self.lower or (value == self.lower and not self.lower_inclusive):
                return False
        if self.upper is not None:
            if value > self.upper or (value == self.upper and not self.upper_inclusive):
                return False
        return True

    def describe(self) -> str:
        """The band's bounds as text, e.g. "85 <= c <= 100"."""
        parts = []
        if self.lower is not None:
            parts.append(f"{format_angka(self.lower, 2)} {'<=' if self.lower_inclusive else '<'}")
        parts.append("c")
        if self.upper is not None:
            parts.append(f"{'<=' if self.upper_inclusive else '<'} {format_angka(self.upper, 2)}")
        return " ".join(parts)


def _lower_key(band: Band) -> tuple[int, Decimal, int]:
    if band.lower is None:
        return (0, Decimal(0), 0)
    return (1, band.lower, 0 if band.lower_inclusive else 1)


def _check_neighbours(below: Band, above: Band, scale: str) -> None:
    """`above` must start exactly where `below` ends, the shared bound in exactly one band."""
    where = f"skala {scale}: predikat {below.label} dan {above.label}"
    if below.upper is None or above.lower is None:
        raise FormulaInputError(f"{where} saling tumpang tindih; perbaiki batasnya")
    if below.upper < above.lower:
        raise FormulaInputError(
            f"{where} menyisakan celah antara {format_angka(below.upper, 2)} dan "
            f"{format_angka(above.lower, 2)}; sambungkan batasnya"
        )
    if below.upper > above.lower or (below.upper_inclusive and above.lower_inclusive):
        raise FormulaInputError(f"{where} saling tumpang tindih; perbaiki batasnya")
    if not below.upper_inclusive and not above.lower_inclusive:
        raise FormulaInputError(
            f"{where} menyisakan celah tepat di {format_angka(below.upper, 2)}; "
            "masukkan batas itu ke salah satu predikat"
        )


@dataclass(frozen=True)
class PredikatScale:
    """A named set of bands; built only if valid (see `validate`)."""

    name: str
    bands: tuple[Band, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "bands", tuple(self.bands))
        self.validate()

    def validate(self) -> None:
        """Raise FormulaInputError if bands overlap or leave a gap."""
        if not self.bands:
            raise FormulaInputError(f"skala {self.name} belum memiliki predikat")
        ordered = sorted(self.bands, key=_lower_key)
        for below, above in zip(ordered, ordered[1:], strict=False):
            _check_neighbours(below, above, self.name)

    def band_for(self, value: Decimal | int | str, places: int = 2) -> Band:
        """The band of `value` rounded half-up to `places` decimals."""
        shown = round_half_up(to_decimal(value, "nilai yang dinilai"), places)
        for band in self.bands:
            if band.contains(shown):
                return band
        raise FormulaInputError(
            f"nilai {format_angka(shown, places)} di luar skala {self.name}; "
            "periksa nilainya atau lengkapi skala"
        )

    def classify(self, value: Decimal | int | str | None, places: int = 2) -> str | None:
        """The predikat label of `value` (None if value is None)."""
        if value is None:
            return None
        return self.band_for(value, places).label


def predikat(result: Result, scale: PredikatScale, places: int = 2) -> str | None:
    """The predikat of a computed Result; None when it is missing or not computable."""
    if not result.is_computed:
        return None
    return scale.classify(result.value, places)


GREEN_DARK = "#1a7f37"
GREEN = "#4ac26b"
YELLOW = "#d4a72c"
ORANGE = "#e16f24"
RED = "#cf222e"

_D = Decimal

SKALA_BLORA = PredikatScale(
    "Tabel 3.1 Inspektorat Kabupaten Blora",
    (
        Band("Sangat Baik", _D(100), False, None, False, GREEN_DARK),
        Band("Baik", _D(85), True, _D(100), True, GREEN),
        Band("Cukup", _D(65), True, _D(85), False, YELLOW),
        Band("Kurang", _D(50), True, _D(65), False, ORANGE),
        Band("Sangat Kurang", None, False, _D(50), False, RED),
    ),
)

SKALA_PERMENDAGRI_86 = PredikatScale(
    "Permendagri 86/2017",
    (
        Band("Sangat Tinggi", _D(90), False, None, False, GREEN_DARK),
        Band("Tinggi", _D(75), False, _D(90), True, GREEN),
        Band("Sedang", _D(65), False, _D(75), True, YELLOW),
        Band("Rendah", _D(50), False, _D(65), True, ORANGE),
        Band("Sangat Rendah", None, False, _D(50), True, RED),
    ),
)
