"""The pemda overview: every OPD's capaian and serapan for a year, one row per OPD,
computed by the same measurement as the OPD pages, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from sakip.formulas.efisiensi import rata_rata_capaian
from sakip.formulas.predikat import predikat
from sakip.formulas.result import Result
from sakip.pengukuran.measurement import measure_all

SORT_KEYS = {"nama", "capaian", "serapan", "pagu", "realisasi"}


@dataclass(frozen=True)
class BarisOpd:
    slug: str
    nama: str
    indikator: int
    terisi: int
    capaian: Result  # mean capaian of the strategic indicators
    predikat: str | None
    pagu: object
    realisasi: object
    serapan: Result


def overview(pemda, tahun: int, opds, urut: str = "nama", turun: bool = False) -> list[BarisOpd]:
    rows = []
    for m in measure_all(pemda, tahun, opds):
        mean = rata_rata_capaian([capped(r.capaian, pemda.batas_capaian) for r in m.kinerja])
        budget = m.anggaran
        rows.append(
            BarisOpd(
                slug=m.opd_slug,
                nama=m.opd,
                indikator=len(m.kinerja),
                terisi=sum(1 for r in m.kinerja if r.capaian.is_computed),
                capaian=mean,
                predikat=predikat(mean, m.skala),
                pagu=budget.pagu if budget else None,
                realisasi=budget.realisasi if budget else None,
                serapan=budget.serapan if budget else Result.missing(_("belum ada DPA")),
            )
        )
    return sort_rows(rows, urut, turun)


def capped(result: Result, cap) -> Result:
    """The pemda's cap on a capaian before it is rolled up (none when `cap` is None), so one
    over-achievement does not hide another indicator's shortfall."""
    if cap is None or not result.is_computed or result.value <= cap:
        return result
    return Result.computed(cap)


def sort_rows(rows, urut: str, turun: bool):
    """Rows without a figure go last whichever way the column is sorted."""
    urut = urut if urut in SORT_KEYS else "nama"
    if urut == "nama":
        return sorted(rows, key=lambda r: r.nama.lower(), reverse=turun)

    def figure(row):
        value = getattr(row, urut)
        if isinstance(value, Result):
            return value.value if value.is_computed else None
        return value

    known = [r for r in rows if figure(r) is not None]
    unknown = [r for r in rows if figure(r) is None]
    return sorted(known, key=figure, reverse=turun) + sorted(unknown, key=lambda r: r.nama)
