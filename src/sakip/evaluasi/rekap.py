"""The pemda recap of Evaluasi AKIP for one year: every OPD with a published evaluation, its
total, predikat and component scores (from the LKE engine), its rank, and the averages.

Ranking: by total, highest first; equal totals (as shown, rounded to 2 decimals) share a rank
and the next rank skips (1, 2, 2, 4); an OPD without a total (not fully graded) has no rank and
comes last. Averages: the mean over the OPDs that have the figure; the average total's predikat
is the engine's `predikat_akip` of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip.formulas.lke import Instrument, LkeResult, predikat_akip
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
                tuple(c.score for c in result.components),
                peringkat,
            )
        )
    komponen = tuple(KomponenRekap(c.kode, c.nama, c.weight) for c in instrument.components)
    rata_total = mean([b.total for b in baris])
    return Rekap(
        pemda=pemda,
        tahun=tahun,
        instrumen=f"{instrument.nama} ({instrument.kode})",
        komponen=komponen,
        baris=tuple(baris),
        rata_komponen=tuple(mean([b.komponen[i] for b in baris]) for i in range(len(komponen))),
        rata_total=rata_total,
        predikat_rata=predikat_akip(rata_total),
    )
