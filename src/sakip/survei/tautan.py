"""The SKM feeds the performance measurement: an indicator whose `sumber_realisasi` is "skm"
takes the OPD's IKM (NIK scale) of a survey period as its realisation of the period's quarter
(semester I → TW II, semester II and the year → TW IV), written by
`sakip.pengukuran.linked.record_linked_realisasi` with a `sumber` text that says where it came
from ("SKM Tahunan 2024: IKM 86,66 (B)"). The number of respondents is left out on purpose:
it changes with every response, and each change of the text would be one more history row of
the realisation although its value stayed the same.

Call `perbarui_realisasi(periode)` after every change to the period's counted responses (a
response stored, voided, a paper grid saved, an XLSX import applied), inside the same
transaction. It recomputes the IKM with one aggregate query and writes nothing when the value
and its source text are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_angka, round_half_up
from sakip.pengukuran.linked import (
    LinkResult,
    record_linked_realisasi,
    triwulan_for_period,
)
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from sakip.perencanaan.models import Indikator
from sakip.survei.hasil import Ikm, ikm_periode
from sakip.survei.models import PeriodeSurvei

SKM = Indikator.SumberRealisasi.SKM
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def sumber_text(periode: PeriodeSurvei, ikm: Ikm) -> str:
    """ "SKM Tahunan 2024: IKM 86,66 (B)"."""
    return _("SKM %(periode)s: IKM %(nik)s (%(mutu)s)") % {
        "periode": periode,
        "nik": format_angka(ikm.nik, 2),
        "mutu": ikm.mutu,
    }


def _linked(periode: PeriodeSurvei):
    """`linked_indicators(periode.opd, SKM)` by ids, so that the OPD need not be loaded."""
    return Indikator.objects.filter(
        pemda_id=periode.pemda_id, opd_id=periode.opd_id, sumber_realisasi=SKM
    )


def perbarui_realisasi(periode: PeriodeSurvei) -> list[LinkResult]:
    """Write the period's OPD IKM into every SKM-linked indicator of the OPD; with no counted
    response left, clear it. Returns one LinkResult per linked indicator. Call it inside the
    transaction that changed the responses. One query when no indicator is linked."""
    indicators = list(_linked(periode).select_related("opd__pemda"))
    if not indicators:
        return []
    ikm = ikm_periode(periode)
    triwulan = triwulan_for_period(periode.jenis)
    nilai = ikm.nik if ikm.is_computed else None
    sumber = sumber_text(periode, ikm) if ikm.is_computed else ""
    return [
        record_linked_realisasi(indikator, periode.tahun, triwulan, nilai, sumber)
        for indikator in indicators
    ]


@dataclass(frozen=True)
class KeadaanTautan:
    indikator: str
    kode: str
    triwulan: int
    tersimpan: str  # the stored realisation as shown, "" when none
    sumber: str
    sama: bool  # the stored value is the current IKM
    pesan: str  # why not, when it is not


def keadaan_tautan(periode: PeriodeSurvei, ikm: Ikm) -> list[KeadaanTautan]:
    """Read only (for the results page): does each SKM-linked indicator hold the current IKM,
    and if not, why not. Three queries."""
    triwulan = triwulan_for_period(periode.jenis)
    indicators = list(_linked(periode))
    if not indicators:
        return []
    stored = {
        r.indikator_id: r
        for r in RealisasiKinerja.objects.filter(
            pemda_id=periode.pemda_id,
            indikator__in=indicators,
            tahun=periode.tahun,
            triwulan=triwulan,
        )
    }
    quarter = PeriodeLaporan.objects.filter(
        pemda_id=periode.pemda_id, opd_id=periode.opd_id, tahun=periode.tahun, triwulan=triwulan
    ).first()
    editable = quarter is None or quarter.editable
    found = []
    for indikator in indicators:
        row = stored.get(indikator.pk)
        want = round_half_up(ikm.nik, indikator.presisi) if ikm.is_computed else None
        have = row.nilai if row else None
        same = want == have
        pesan = ""
        if not same and not editable:
            pesan = _(
                "IKM terbaru belum masuk ke realisasi karena triwulan %(triwulan)s sudah "
                "%(status)s. Setelah triwulan dibuka kembali, tekan “Perbarui realisasi”."
            ) % {"triwulan": ROMAWI[triwulan], "status": quarter.get_status_display().lower()}
        elif not same:
            pesan = _("Realisasi belum sama dengan IKM terbaru; tekan “Perbarui realisasi”.")
        found.append(
            KeadaanTautan(
                indikator.nama,
                indikator.kode,
                triwulan,
                format_angka(have, indikator.presisi) if have is not None else "",
                row.sumber if row else "",
                same,
                pesan,
            )
        )
    return found
