"""Scores of an evaluation from its stored grades, computed by the formulas engine
(sakip.formulas.lke): per sub-component, component, total and predikat, for the OPD's
self-assessment and for the evaluator's grades separately."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal

from sakip.evaluasi.instrument import formula_instrument
from sakip.evaluasi.models import Evaluasi, JawabanKriteria
from sakip.formulas.lke import LkeResult, lke_total
from sakip.formulas.numbers import round_half_up

MANDIRI = "nilai_mandiri"
EVALUATOR = "nilai_evaluator"


def grades_of(rows: Iterable[JawabanKriteria], field: str) -> dict[str, list[str | None]]:
    """Sub-component kode → the grades of its criteria (None where not graded yet). `rows`
    need kriteria__sub_komponen loaded."""
    grades: dict[str, list[str | None]] = {}
    for row in rows:
        grades.setdefault(row.kriteria.sub_komponen.kode, []).append(getattr(row, field) or None)
    return grades


def score(evaluasi: Evaluasi, rows: Iterable[JawabanKriteria], field: str) -> LkeResult:
    instrument, values = formula_instrument(evaluasi.instrumen)
    return lke_total(grades_of(rows, field), instrument, values)


def frozen_total(total: Decimal) -> Decimal:
    """The total as publication stores it: the one number every output of a published
    evaluation shows. The engine's total is a sum of sub-component scores rounded to 2 decimals,
    so this loses nothing; it only pins the published figure to cents."""
    return round_half_up(total, 2)


def as_published(evaluasi: Evaluasi, result: LkeResult) -> LkeResult:
    """A published evaluation's result with the total and predikat frozen at publication; the
    component and sub-component scores stay the engine's (the grades are frozen too)."""
    if not evaluasi.dipublikasikan or evaluasi.nilai_akhir is None:
        return result
    return dataclasses.replace(result, total=evaluasi.nilai_akhir, predikat=evaluasi.predikat)


def rows_of(evaluasi: Evaluasi):
    return (
        JawabanKriteria.objects.filter(pemda_id=evaluasi.pemda_id, evaluasi=evaluasi)
        .select_related("kriteria__sub_komponen__komponen")
        .order_by(
            "kriteria__sub_komponen__komponen__urutan",
            "kriteria__sub_komponen__urutan",
            "kriteria__urutan",
        )
    )
