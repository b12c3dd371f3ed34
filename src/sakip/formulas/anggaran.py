"""Budget figures: selisih (pagu - realisasi), serapan (realisasi / pagu x 100), and sums.

A parent line (program, kegiatan) has no amounts of its own: its pagu and realisasi are the
sums of its children, and its serapan comes from those sums, never from the average of the
children's percentages. A parent's realisasi is missing while any line below it has none:
an unreported sub-kegiatan is not spending 0.

`selisih` and `serapan` compute whatever they are given (so a report can still show an
imported over-spending); `validate_leaf`, used by `BudgetLine.leaf`, refuses entries that are
not legal spending: negative amounts and realisasi above pagu.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.formulas.numbers import HUNDRED, format_rupiah, to_decimal, uses_formula_context
from sakip.formulas.result import FormulaInputError, Result


def _amount(value: object, what: str) -> Decimal:
    amount = to_decimal(value, what)
    if amount < 0:
        raise FormulaInputError(f"{what} tidak boleh negatif ({format_rupiah(amount)})")
    return amount


@uses_formula_context
def selisih(pagu: Decimal | int | str, realisasi: Decimal | int | str) -> Decimal:
    """pagu - realisasi (negative when realisasi is above pagu)."""
    return _amount(pagu, "pagu") - _amount(realisasi, "realisasi anggaran")


@uses_formula_context
def serapan(pagu: Decimal | int | str | None, realisasi: Decimal | int | str | None) -> Result:
    """realisasi / pagu x 100; missing without realisasi, not computable with pagu 0."""
    if pagu is None:
        return Result.missing("pagu belum diisi")
    if realisasi is None:
        return Result.missing("realisasi anggaran belum diisi")
    pagu_value = _amount(pagu, "pagu")
    realisasi_value = _amount(realisasi, "realisasi anggaran")
    if pagu_value == 0:
        return Result.not_computable(
            "pagu 0: serapan tidak dapat dihitung karena pembagian dengan nol; "
            "isi pagu dari DPA atau jelaskan di catatan"
        )
    return Result.computed(realisasi_value / pagu_value * HUNDRED)


def validate_leaf(
    pagu: Decimal | int | str, realisasi: Decimal | int | str | None, what: str
) -> tuple[Decimal, Decimal | None]:
    """Check one entered budget line; return (pagu, realisasi) as Decimals."""
    pagu_value = to_decimal(pagu, f"pagu {what}")
    if pagu_value < 0:
        raise FormulaInputError(
            f"pagu {format_rupiah(pagu_value)} pada {what} negatif; pagu tidak boleh negatif"
        )
    if realisasi is None:
        return pagu_value, None
    realisasi_value = to_decimal(realisasi, f"realisasi anggaran {what}")
    if realisasi_value < 0:
        raise FormulaInputError(
            f"realisasi {format_rupiah(realisasi_value)} pada {what} negatif; "
            "realisasi anggaran tidak boleh negatif"
        )
    if realisasi_value > pagu_value:
        raise FormulaInputError(
            f"realisasi {format_rupiah(realisasi_value)} melebihi pagu "
            f"{format_rupiah(pagu_value)} pada {what}; "
            "realisasi di atas pagu bukan belanja yang sah"
        )
    return pagu_value, realisasi_value


@dataclass(frozen=True)
class BudgetLine:
    """A budget line (program, kegiatan, sub-kegiatan). Build with `leaf` or `parent`.

    Immutable, with `children` as a tuple, so a parent's sums cannot go stale.
    """

    kode: str
    nama: str
    pagu: Decimal
    realisasi: Decimal | None
    children: tuple[BudgetLine, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "children", tuple(self.children))
        if not self.children:
            pagu, realisasi = validate_leaf(self.pagu, self.realisasi, self.label)
            object.__setattr__(self, "pagu", pagu)
            object.__setattr__(self, "realisasi", realisasi)
            return
        pagu, realisasi = _sums(self.children)
        if self.pagu != pagu or self.realisasi != realisasi:
            raise FormulaInputError(
                f"pagu dan realisasi {self.label} harus jumlah rinciannya; "
                "buat baris induk dengan BudgetLine.parent"
            )

    @classmethod
    def leaf(
        cls, kode: str, nama: str, pagu: Decimal | int | str, realisasi: Decimal | int | str | None
    ) -> BudgetLine:
        """A line with its own amounts (a sub-kegiatan), checked by `validate_leaf`."""
        pagu_value, realisasi_value = validate_leaf(pagu, realisasi, f"{kode} {nama}".strip())
        return cls(kode, nama, pagu_value, realisasi_value)

    @classmethod
    def parent(cls, kode: str, nama: str, children: Sequence[BudgetLine]) -> BudgetLine:
        """A line whose pagu and realisasi are the sums of `children`."""
        children = tuple(children)
        if not children:
            raise FormulaInputError(
                f"{kode} {nama} tidak memiliki rincian; buat sebagai baris dengan pagu sendiri"
            )
        if not all(isinstance(child, BudgetLine) for child in children):
            raise FormulaInputError(f"rincian {kode} {nama} harus berupa baris anggaran")
        pagu, realisasi = _sums(children)
        return cls(kode, nama, pagu, realisasi, children)

    @property
    def label(self) -> str:
        return f"{self.kode} {self.nama}".strip()

    @property
    def missing_realisasi(self) -> tuple[str, ...]:
        """Codes of the lines at the bottom of this one that have no realisasi yet."""
        if not self.children:
            return () if self.realisasi is not None else (self.kode,)
        return tuple(kode for child in self.children for kode in child.missing_realisasi)

    @property
    def selisih(self) -> Decimal | None:
        """pagu - realisasi; None while realisasi is missing."""
        if self.realisasi is None:
            return None
        return selisih(self.pagu, self.realisasi)  # the module-level function

    @property
    def serapan(self) -> Result:
        """realisasi / pagu x 100 from this line's (summed) amounts."""
        if self.realisasi is None:
            missing = ", ".join(self.missing_realisasi)
            return Result.missing(f"realisasi anggaran belum diisi: {missing}")
        return serapan(self.pagu, self.realisasi)


@uses_formula_context
def _sums(children: Sequence[BudgetLine]) -> tuple[Decimal, Decimal | None]:
    pagu = sum((child.pagu for child in children), Decimal(0))
    realisasi = [child.realisasi for child in children]
    if any(value is None for value in realisasi):
        return pagu, None
    return pagu, sum((value for value in realisasi if value is not None), Decimal(0))
