"""The OPD dashboard for a year: the measurement, the state of each quarter, warnings and
charts. Loaded in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import ngettext

from sakip.pengukuran.charts import quarter_chart, serapan_chart
from sakip.pengukuran.measurement import Pengukuran, measure
from sakip.pengukuran.models import PeriodeLaporan
from sakip.perencanaan.models import Indikator

QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
DONE = (PeriodeLaporan.Status.DIVERIFIKASI, PeriodeLaporan.Status.DIKUNCI)


@dataclass
class Quarter:
    triwulan: int
    status: str
    label: str
    catatan: str
    lewat: bool  # the quarter has ended


@dataclass
class Dashboard:
    m: Pengukuran
    quarters: list[Quarter]
    peringatan: list[str]
    grafik_kinerja: list
    grafik_serapan: str


def quarter_has_ended(tahun: int, triwulan: int, today: datetime.date | None = None) -> bool:
    today = today or datetime.date.today()
    month, day = QUARTER_END[triwulan]
    return today > datetime.date(tahun, month, day)


def dashboard_for(opd, tahun: int, today: datetime.date | None = None) -> Dashboard:
    m = measure(opd, tahun)
    stored = {
        p.triwulan: p for p in PeriodeLaporan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun)
    }
    quarters = []
    for q in (1, 2, 3, 4):
        periode = stored.get(q) or PeriodeLaporan(triwulan=q)
        quarters.append(
            Quarter(
                q,
                periode.status,
                periode.get_status_display(),
                periode.catatan,
                quarter_has_ended(tahun, q, today),
            )
        )
    peringatan = []
    for quarter in quarters:
        if not quarter.lewat:
            continue
        missing = [
            r.nama
            for r in (*m.kinerja, *m.kinerja_program)
            if quarter.triwulan in Indikator.DUE_QUARTERS[r.frekuensi]
            and r.triwulan[quarter.triwulan - 1] is None
        ]
        if missing:
            peringatan.append(
                ngettext(
                    "Triwulan %(triwulan)s: realisasi %(jumlah)s indikator belum diisi (%(nama)s).",
                    "Triwulan %(triwulan)s: realisasi %(jumlah)s indikator belum diisi (%(nama)s).",
                    len(missing),
                )
                % {
                    "triwulan": quarter.triwulan,
                    "jumlah": len(missing),
                    "nama": ", ".join(missing[:3]) + ("…" if len(missing) > 3 else ""),
                }
            )
    unverified = [str(q.triwulan) for q in quarters if q.lewat and q.status not in DONE]
    if unverified:
        peringatan.append(
            ngettext(
                "Triwulan %(triwulan)s belum diverifikasi pimpinan.",
                "Triwulan %(triwulan)s belum diverifikasi pimpinan.",
                len(unverified),
            )
            % {"triwulan": ", ".join(unverified)}
        )
    charts = [
        (
            row,
            quarter_chart(
                row.triwulan,
                row.target.lower if row.target else None,
                row.presisi,
                row.tipe_penghitungan == "kumulatif",
            ),
        )
        for row in m.kinerja
    ]
    programs = m.anggaran.children if m.anggaran else []
    return Dashboard(m, quarters, peringatan + m.catatan, charts, serapan_chart(programs))
