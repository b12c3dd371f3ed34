"""What the quarterly entry page shows, loaded in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sakip.formulas.capaian import Target
from sakip.formulas.predikat import PredikatScale
from sakip.formulas.result import Result
from sakip.pengukuran.measurement import assemble, load_year
from sakip.pengukuran.models import PeriodeLaporan, RealisasiAnggaran, RealisasiKinerja
from sakip.perencanaan.models import Indikator, SubKegiatan


@dataclass
class KinerjaEntry:
    indikator: Indikator
    sasaran: str
    target: Target | None
    quarters: tuple  # values of TW I–IV, None where not entered
    row: RealisasiKinerja | None  # this quarter's row
    capaian: Result  # of the year so far, as the dashboard shows it
    predikat: str | None
    warna: str

    @property
    def versi(self) -> int:
        return self.row.versi if self.row else 0


@dataclass
class AnggaranEntry:
    sub_kegiatan: SubKegiatan
    pagu: Decimal
    quarters: tuple
    row: RealisasiAnggaran | None

    @property
    def versi(self) -> int:
        return self.row.versi if self.row else 0


@dataclass
class EntrySheet:
    periode: PeriodeLaporan
    kinerja: list[KinerjaEntry]
    anggaran: list[AnggaranEntry]
    versi_anggaran: str
    skala: PredikatScale  # the pemda's predicate scale: the colours of the badges


def entry_sheet(opd, tahun: int, triwulan: int) -> EntrySheet:
    periode = PeriodeLaporan.objects.filter(
        pemda=opd.pemda, opd=opd, tahun=tahun, triwulan=triwulan
    ).first() or PeriodeLaporan(pemda=opd.pemda, opd=opd, tahun=tahun, triwulan=triwulan)
    records = load_year(opd.pemda, tahun, [opd])
    m = assemble(opd, tahun, records)  # the indicators with targets, as the dashboard shows them
    codes = [r.kode for r in (*m.kinerja, *m.kinerja_program)]
    indicators = {
        i.kode: i
        for i in Indikator.objects.filter(pemda=opd.pemda, opd=opd, kode__in=codes).select_related(
            "opd"
        )
    }
    rows = {
        r.indikator_id: r
        for r in RealisasiKinerja.objects.filter(
            pemda=opd.pemda, indikator__opd=opd, tahun=tahun, triwulan=triwulan
        )
    }
    kinerja = [
        KinerjaEntry(
            indikator=indicators[r.kode],
            sasaran=r.sasaran,
            target=r.target,
            quarters=r.triwulan,
            row=rows.get(indicators[r.kode].pk),
            capaian=r.capaian,
            predikat=r.predikat,
            warna=r.warna,
        )
        for r in (*m.kinerja, *m.kinerja_program)
    ]
    budget = _budget_entries(opd, tahun, triwulan, records.pagu[opd.pk])
    return EntrySheet(periode, kinerja, budget, m.versi_anggaran, m.skala)


def _budget_entries(opd, tahun, triwulan, pagu_rows) -> list[AnggaranEntry]:
    """`pagu_rows`: the pagu of the DPA in force, as `load_year` found them."""
    quarters: dict[int, dict[int, RealisasiAnggaran]] = defaultdict(dict)
    for row in RealisasiAnggaran.objects.filter(
        pemda=opd.pemda, sub_kegiatan__kegiatan__program__opd=opd, tahun=tahun
    ):
        quarters[row.sub_kegiatan_id][row.triwulan] = row
    entries = []
    for pagu in pagu_rows:
        filled = quarters.get(pagu.sub_kegiatan_id, {})
        entries.append(
            AnggaranEntry(
                sub_kegiatan=pagu.sub_kegiatan,
                pagu=pagu.jumlah,
                quarters=tuple(filled[q].jumlah if q in filled else None for q in (1, 2, 3, 4)),
                row=filled.get(triwulan),
            )
        )
    return entries
