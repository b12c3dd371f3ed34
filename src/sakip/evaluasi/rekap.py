"""The pemda recap of Evaluasi AKIP for one year: every OPD with a published evaluation, its
total, predikat and component scores (from the LKE engine), its rank, and the averages.

Ranking: by total, highest first; equal totals (as shown, rounded to 2 decimals) share a rank
and the next rank skips (1, 2, 2, 4); an OPD without a total (not fully graded) has no rank and
comes last. Averages: the mean over the OPDs that have the figure, rounded half-up to 2
decimals; when every OPD has a total, the average total is the sum of the shown component
averages (so the row adds up like every other; it may differ from the mean of the totals by a
cent), else the mean of the totals there are. Its predikat is the engine's `predikat_akip`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip.formulas.lke import LKE_88_2021, Instrument, LkeResult, lke_total, predikat_akip
from sakip.formulas.numbers import formula_context, round_half_up


@dataclass(frozen=True)
class KomponenRekap:
    kode: str
    nama: str
    bobot: Decimal


@dataclass(frozen=True)
class BarisRekap:
    opd_slug: str
    opd: str
    total: Decimal | None
    predikat: str | None
    komponen: tuple[Decimal | None, ...]  # in the order of Rekap.komponen
    peringkat: int | None


@dataclass(frozen=True)
class Rekap:
    pemda: str
    tahun: int
    instrumen: str
    komponen: tuple[KomponenRekap, ...]
    baris: tuple[BarisRekap, ...]  # in ranking order
    rata_komponen: tuple[Decimal | None, ...]
    rata_total: Decimal | None
    predikat_rata: str | None


def mean(values: Sequence[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    with formula_context():
        return sum(present, Decimal(0)) / len(present)


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, 2)


def _by_kode(result: LkeResult, komponen: Sequence[KomponenRekap]) -> tuple[Decimal | None, ...]:
    """The result's component scores in the recap's columns (matched by kode, so an evaluation
    made with another version of the instrument fills the columns it shares)."""
    scores = {c.kode: c.score for c in result.components}
    return tuple(scores.get(k.kode) for k in komponen)


def susun_rekap(
    pemda: str,
    tahun: int,
    instrument: Instrument,
    hasil: Sequence[tuple[str, str, LkeResult]],
) -> Rekap:
    """`hasil`: (OPD slug, OPD name, the engine's result) per published evaluation."""
    rows = sorted(
        hasil,
        key=lambda item: (
            item[2].total is None,
            -(round_half_up(item[2].total) if item[2].total is not None else 0),
            item[1],
        ),
    )
    komponen = tuple(KomponenRekap(c.kode, c.nama, c.weight) for c in instrument.components)
    baris = []
    rank, previous = 0, None
    for position, (slug, nama, result) in enumerate(rows, start=1):
        if result.total is None:
            peringkat = None
        else:
            shown = round_half_up(result.total)
            if shown != previous:
                rank, previous = position, shown
            peringkat = rank
        baris.append(
            BarisRekap(
                slug,
                nama,
                result.total,
                result.predikat,
                _by_kode(result, komponen),
                peringkat,
            )
        )
    rata_komponen = tuple(
        _rounded(mean([b.komponen[i] for b in baris])) for i in range(len(komponen))
    )
    if baris and all(b.total is not None for b in baris) and None not in rata_komponen:
        with formula_context():  # the shown average total adds the shown component averages
            rata_total = sum(rata_komponen, Decimal(0))
    else:
        rata_total = _rounded(mean([b.total for b in baris]))
    return Rekap(
        pemda=pemda,
        tahun=tahun,
        instrumen=instrument.nama,
        komponen=komponen,
        baris=tuple(baris),
        rata_komponen=rata_komponen,
        rata_total=rata_total,
        predikat_rata=predikat_akip(rata_total),
    )


def rekap_pemda(pemda, tahun: int) -> Rekap:
    """The recap of `pemda`'s published evaluations of `tahun`, in a fixed number of queries
    (the evaluations, all their grades, and each instrument version used: usually one)."""
    from sakip.evaluasi import scoring
    from sakip.evaluasi.instrument import formula_instrument
    from sakip.evaluasi.models import Evaluasi, JawabanKriteria

    evaluations = list(
        Evaluasi.objects.filter(
            pemda=pemda, tahun=tahun, status=Evaluasi.Status.DIPUBLIKASIKAN
        ).select_related("opd", "instrumen")
    )
    grades: dict[int, list] = {e.pk: [] for e in evaluations}
    for row in (
        JawabanKriteria.objects.filter(pemda=pemda, evaluasi__in=[e.pk for e in evaluations])
        .select_related("kriteria__sub_komponen")
        .order_by("kriteria__sub_komponen__urutan", "kriteria__urutan")
    ):
        grades[row.evaluasi_id].append(row)
    instruments = {e.instrumen_id: e.instrumen for e in evaluations}
    engines = {pk: formula_instrument(instrumen) for pk, instrumen in instruments.items()}
    hasil = [
        (
            e.opd.slug,
            e.opd.nama,
            # the worksheet's scoring, with the instrument loaded once; total and predikat
            # as frozen at publication
            scoring.as_published(
                e,
                lke_total(
                    scoring.grades_of(grades[e.pk], scoring.EVALUATOR), *engines[e.instrumen_id]
                ),
            ),
        )
        for e in evaluations
    ]
    if engines:
        most_used = Counter(e.instrumen_id for e in evaluations).most_common(1)[0][0]
        instrument = engines[most_used][0]
    else:
        instrument = LKE_88_2021
    return susun_rekap(pemda.nama, tahun, instrument, hasil)
