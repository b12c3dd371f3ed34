"""The SAKIP formulas: pure Python, exact Decimal arithmetic, no Django.

Every figure of a report is computed here and nowhere else. A figure is a `Result` in one of
three states (computed, missing, not computable); bad input raises `FormulaInputError` with a
message in Bahasa Indonesia. Rounding half-up happens only when a figure is shown.
"""

from sakip.formulas.anggaran import BudgetLine, selisih, serapan, validate_leaf
from sakip.formulas.capaian import (
    Arah,
    Target,
    capaian,
    realisasi_sampai_tahun,
    tingkat_kemajuan,
)
from sakip.formulas.efisiensi import (
    KATEGORI_EFISIENSI,
    EfisiensiResult,
    MetodeEfisiensi,
    efisiensi,
    rata_rata_capaian,
)
from sakip.formulas.ikm import (
    UNSUR,
    Bobot,
    IkmResult,
    check_nik_scale,
    ikm_from_answers,
    ikm_from_nrr,
    krejcie_morgan,
    mutu_from_nik,
    ni_from_nik,
    nrr_from_answers,
)
from sakip.formulas.lke import (
    GRADE_VALUES,
    LKE_88_2021,
    PREDIKAT_AKIP,
    Component,
    Instrument,
    LkeResult,
    SubComponent,
    lke_total,
    predikat_akip,
    subcomponent_score,
)
from sakip.formulas.numbers import (
    format_angka,
    format_persen,
    format_result,
    format_rupiah,
    parse_angka,
    parse_rupiah,
    round_half_up,
    to_decimal,
)
from sakip.formulas.predikat import (
    SKALA_BLORA,
    SKALA_PERMENDAGRI_86,
    Band,
    PredikatScale,
    predikat,
)
from sakip.formulas.result import FormulaInputError, Result, Status
from sakip.formulas.terbilang import terbilang
from sakip.formulas.triwulan import TipePenghitungan, aggregate_quarters

__all__ = [
    "GRADE_VALUES",
    "KATEGORI_EFISIENSI",
    "LKE_88_2021",
    "PREDIKAT_AKIP",
    "SKALA_BLORA",
    "SKALA_PERMENDAGRI_86",
    "UNSUR",
    "Arah",
    "Band",
    "Bobot",
    "BudgetLine",
    "Component",
    "EfisiensiResult",
    "FormulaInputError",
    "IkmResult",
    "Instrument",
    "LkeResult",
    "MetodeEfisiensi",
    "PredikatScale",
    "Result",
    "Status",
    "SubComponent",
    "Target",
    "TipePenghitungan",
    "aggregate_quarters",
    "capaian",
    "check_nik_scale",
    "efisiensi",
    "format_angka",
    "format_persen",
    "format_result",
    "format_rupiah",
    "ikm_from_answers",
    "ikm_from_nrr",
    "krejcie_morgan",
    "lke_total",
    "mutu_from_nik",
    "ni_from_nik",
    "nrr_from_answers",
    "parse_angka",
    "parse_rupiah",
    "predikat",
    "predikat_akip",
    "rata_rata_capaian",
    "realisasi_sampai_tahun",
    "round_half_up",
    "selisih",
    "serapan",
    "subcomponent_score",
    "terbilang",
    "tingkat_kemajuan",
    "to_decimal",
    "validate_leaf",
]
