"""The SKM feeds the performance measurement: an indicator whose `sumber_realisasi` is "skm"
takes the OPD's IKM (NIK scale) as its realisation: TW II the Semester I IKM, TW IV the IKM of
the year (the annual survey, or else both semesters pooled — `hasil.ikm_setahun`, the same rule
as the pemda page). Written by `sakip.pengukuran.linked.record_linked_realisasi` with a `sumber`
text that says where it came from ("SKM Tahunan 2024: IKM 86,66 (B)"). The number of
respondents is left out on purpose: it changes with every response, and each change of the text
would be one more history row of the realisation although its value stayed the same.

Call `perbarui_realisasi(periode)` after every change to a period's counted responses or to the
period itself (a response stored or voided, a paper grid saved, an XLSX import applied, the
period's kind or year changed), inside the same transaction. It recomputes the year's quarters
with two aggregate queries, clears a quarter the year's periods no longer feed, and writes
nothing where the value and its source text are unchanged.
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
from sakip.survei.hasil import Ikm, ikm_per_triwulan
from sakip.survei.models import PeriodeSurvei

SKM = Indikator.SumberRealisasi.SKM
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def sumber_text(dasar: str, tahun: int, ikm: Ikm) -> str:
    """ "SKM Tahunan 2024: IKM 86,66 (B)"."""
    return _("SKM %(dasar)s %(tahun)s: IKM %(nik)s (%(mutu)s)") % {
        "dasar": dasar,
        "tahun": tahun,
        "nik": format_angka(ikm.nik, 2),
        "mutu": ikm.mutu,
    }


def _linked(pemda_id: int, opd_id: int):
    """`linked_indicators(opd, SKM)` by ids, so that the OPD need not be loaded."""
    return Indikator.objects.filter(
        pemda_id=pemda_id, opd_id=opd_id, sumber_realisasi=SKM
    ).order_by("kode")


def perbarui_realisasi(periode: PeriodeSurvei) -> list[LinkResult]:
    """Write the IKM of the period's year into the SKM-linked indicators of its OPD."""
    return perbarui_tahun(periode.pemda_id, periode.opd_id, periode.tahun)


def perbarui_tahun(pemda_id: int, opd_id: int, tahun: int) -> list[LinkResult]:
    """TW II and TW IV of the year, for every SKM-linked indicator of the OPD; a quarter with no
    IKM (no period feeds it, or no counted response) loses the value the SKM wrote there. Returns
    what happened (unchanged quarters are left out). One query when no indicator is linked."""
    indicators = list(_linked(pemda_id, opd_id).select_related("opd__pemda"))
    if not indicators:
        return []
    figures = ikm_per_triwulan(pemda_id, opd_id, tahun)
    results = []
    for triwulan in (2, 4):
        figure = figures.get(triwulan)
        ikm = figure.ikm if figure and figure.ikm.is_computed else None
        nilai = ikm.nik if ikm else None
        sumber = sumber_text(figure.dasar, tahun, ikm) if ikm else ""
        results += [
            record_linked_realisasi(indikator, tahun, triwulan, nilai, sumber)
            for indikator in indicators
        ]
    return [r for r in results if r.written or r.message]


@dataclass(frozen=True)
class KeadaanTautan:
    indikator: str
    kode: str
    triwulan: int
    tersimpan: str  # the stored realisation as shown, "" when none
    sumber: str
    sama: bool  # the stored value is the current IKM
    pesan: str  # why not, when it is not


def keadaan_tautan(periode: PeriodeSurvei) -> list[KeadaanTautan]:
    """Read only (for the results page): does each SKM-linked indicator hold the IKM that the
    period's quarter should hold, and if not, why not. Five queries."""
    triwulan = triwulan_for_period(periode.jenis)
    indicators = list(_linked(periode.pemda_id, periode.opd_id))
    if not indicators:
        return []
    figure = ikm_per_triwulan(periode.pemda_id, periode.opd_id, periode.tahun).get(triwulan)
    ikm = figure.ikm if figure else None
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
        want = round_half_up(ikm.nik, indikator.presisi) if ikm and ikm.is_computed else None
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
