"""Realisations written by their source instead of an operator: the IKM from the SKM results,
the Nilai SAKIP from the published Evaluasi AKIP.

The value is stored as an ordinary RealisasiKinerja, so the capaian, the dashboard and the LKjIP
follow by themselves; `sumber` on the row and the history's change reason say where it came from.
A quarter that is no longer editable (submitted, verified, locked) is left alone: the caller
shows the returned message instead, and the value arrives once the quarter is reopened and the
source is recomputed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_angka, round_half_up
from sakip.organisasi.concurrency import delete_if_unchanged, save_if_unchanged
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from sakip.pengukuran.rules import check_realisasi_kinerja
from sakip.perencanaan.models import Indikator

Sumber = Indikator.SumberRealisasi

# The quarter a survey or evaluation period writes to.
TRIWULAN_PERIODE = {"semester_1": 2, "semester_2": 4, "tahun": 4}


# Sent (opd, tahun, triwulan) when an admin reopens a quarter: the sources write again what a
# closed quarter made them leave alone.
quarter_reopened = Signal()


@dataclass(frozen=True)
class LinkResult:
    written: bool
    message: str


def triwulan_for_period(jenis: str) -> int:
    return TRIWULAN_PERIODE[jenis]


def linked_indicators(opd, sumber: str):
    return Indikator.objects.filter(pemda=opd.pemda, opd=opd, sumber_realisasi=sumber)


def record_linked_realisasi(
    indikator: Indikator, tahun: int, triwulan: int, nilai: Decimal | None, sumber: str
) -> LinkResult:
    """Write (or, with nilai None, clear) the quarter's realisation of a linked indicator.
    Clearing leaves a value an operator typed before the indicator was linked."""
    if indikator.sumber_realisasi == Sumber.MANUAL:
        raise ValueError(f"{indikator.kode} is not linked to a source")
    opd = indikator.opd
    names = {"indikator": indikator.nama, "triwulan": triwulan, "tahun": tahun}
    if nilai is not None:
        nilai = round_half_up(nilai, indikator.presisi)
        problem = check_realisasi_kinerja(indikator, nilai)
        if problem:
            return LinkResult(
                False, _("Realisasi tidak ditulis: %(masalah)s.") % {"masalah": problem}
            )
    stored = RealisasiKinerja.objects.filter(
        pemda=opd.pemda, indikator=indikator, tahun=tahun, triwulan=triwulan
    )
    if _unchanged(stored.first(), nilai, sumber):  # most calls: no lock taken
        return LinkResult(False, "")
    with transaction.atomic():
        periode, _created = PeriodeLaporan.objects.select_for_update().get_or_create(
            pemda=opd.pemda, opd=opd, tahun=tahun, triwulan=triwulan
        )
        # read again under the quarter's lock: two SKM submissions at once would otherwise both
        # find no row and both insert one (a 500 on the unique constraint, seen by bench/beban.py)
        row = stored.first()
        if _unchanged(row, nilai, sumber):
            return LinkResult(False, "")
        if not periode.editable:
            return LinkResult(
                False,
                _(
                    "Realisasi %(indikator)s triwulan %(triwulan)s tahun %(tahun)s belum diperbarui: "
                    "triwulan itu berstatus %(status)s. Setelah admin membukanya kembali, nilai "
                    "dari sumbernya ditulis ulang."
                )
                % {**names, "status": periode.get_status_display().lower()},
            )
        if nilai is None:
            delete_if_unchanged(row, None, sumber)
            return LinkResult(
                True, _("Realisasi %(indikator)s triwulan %(triwulan)s dikosongkan.") % names
            )
        if row is None:
            row = RealisasiKinerja(
                pemda=opd.pemda, indikator=indikator, tahun=tahun, triwulan=triwulan
            )
        row.nilai, row.sumber = nilai, sumber
        save_if_unchanged(row, None, sumber)
    return LinkResult(
        True,
        _("Realisasi %(indikator)s triwulan %(triwulan)s tahun %(tahun)s kini %(nilai)s.")
        % {**names, "nilai": format_angka(nilai, indikator.presisi)},
    )


def _unchanged(row: RealisasiKinerja | None, nilai: Decimal | None, sumber: str) -> bool:
    if row is None or nilai is None:
        # clearing removes only what a source wrote: a value typed before the link stays
        return nilai is None and (row is None or not row.sumber)
    return nilai is not None and row.nilai == nilai and row.sumber == sumber
