"""The sheet "Kinerja TW n" of the quarterly XLSX: one row per indicator the quarter page lists
(kode, nama, satuan, target locked; realisasi and keterangan to fill), and the check of each row
read back against the stored realisation — with the same rules as the page
(sakip.pengukuran.actions.simpan_realisasi_kinerja)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_angka
from sakip.formulas.result import FormulaInputError
from sakip.impor import sel
from sakip.impor.buku import teks_sel
from sakip.impor.lembar import ANGKA, Kolom, Lembar
from sakip.impor.pratinjau import BarisImpor, Perubahan, baris_berkode
from sakip.organisasi import limits
from sakip.pengukuran import actions
from sakip.pengukuran.entry import EntrySheet, KinerjaEntry
from sakip.pengukuran.measurement import scale_for
from sakip.pengukuran.rules import check_realisasi_kinerja
from sakip.perencanaan.models import Indikator

JENIS = "kinerja"


def lembar(triwulan: int) -> Lembar:
    return Lembar(
        _("Kinerja TW %(n)s") % {"n": triwulan},
        (
            Kolom("kode", _("Kode indikator"), lebar=16),
            Kolom("nama", _("Indikator"), lebar=50),
            Kolom("satuan", _("Satuan"), lebar=12),
            Kolom("target", _("Target"), lebar=12),
            Kolom("realisasi", _("Realisasi TW %(n)s") % {"n": triwulan}, ANGKA, True, 16),
            Kolom("keterangan", _("Keterangan"), diisi=True, lebar=60),
        ),
    )


def _places(value) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _angka(value, presisi: int) -> str:
    return "" if value is None else format_angka(value, max(presisi, _places(value)))


def _target(entry: KinerjaEntry) -> str:
    target, presisi = entry.target, entry.indikator.presisi
    if target is None:
        return ""
    if target.is_range:
        return f"{format_angka(target.lower, presisi)}–{format_angka(target.upper, presisi)}"
    return format_angka(target.lower, presisi)


def _linked(indikator: Indikator) -> bool:
    return indikator.sumber_realisasi != Indikator.SumberRealisasi.MANUAL


def baris_ekspor(sheet: EntrySheet) -> tuple[list[dict], set]:
    """The rows, and the cells kept locked: a linked indicator's realisation is not typed."""
    rows, locked = [], set()
    for index, entry in enumerate(sheet.kinerja):
        indikator, row = entry.indikator, entry.row
        presisi = indikator.presisi
        rows.append(
            {
                "kode": indikator.kode,
                "nama": indikator.nama,
                "satuan": indikator.satuan,
                "target": _target(entry),
                "realisasi": row.nilai if row else None,
                "keterangan": row.keterangan if row else "",
                "_format": "0." + "0" * presisi if presisi else "0",
            }
        )
        if _linked(indikator):
            locked |= {(index, "realisasi"), (index, "keterangan")}
    return rows, locked


def periksa(rows, spec: Lembar, sheet: EntrySheet, opd, tahun: int, triwulan: int):
    """Every row of the sheet as a BarisImpor; `data` of a row to write: (indikator, nilai,
    keterangan, versi)."""

    def tidak_dikenal(kode: str) -> str:
        return _(
            "indikator %(kode)s tidak dikenal di %(opd)s untuk tahun %(tahun)s (atau belum "
            "memiliki target tahun itu)."
        ) % {
            "kode": kode,
            "opd": opd.nama,
            "tahun": tahun,
        }

    result = []
    entries = {e.indikator.kode: e for e in sheet.kinerja}
    skala = scale_for(opd.pemda)
    for b, isi, entry in baris_berkode(rows, spec, entries, _("indikator"), tidak_dikenal):
        result.append(b)
        if entry is not None:
            _compare(b, spec, isi, entry, sheet, triwulan, skala)
    return result


def _compare(b: BarisImpor, spec: Lembar, isi, entry: KinerjaEntry, sheet, triwulan, skala):
    indikator, row = entry.indikator, entry.row
    b.nama = indikator.nama
    kolom_nilai, kolom_ket = spec.huruf("realisasi"), spec.huruf("keterangan")
    try:
        nilai = sel.angka(isi["realisasi"], spec.judul_kolom("realisasi"))
    except FormulaInputError as error:
        b.tolak(kolom_nilai, str(error))
        return
    keterangan = teks_sel(isi["keterangan"])
    try:
        keterangan = limits.check_text(keterangan, limits.CATATAN, "keterangan", _("keterangan"))
    except ValidationError as error:
        b.tolak(kolom_ket, " ".join(error.messages))
        return
    lama, lama_ket = (row.nilai, row.keterangan) if row else (None, "")
    if nilai is None and keterangan and lama is None:
        b.tolak(
            kolom_nilai, _("keterangan tanpa realisasi: isi realisasinya atau hapus keterangan.")
        )
        return
    presisi = indikator.presisi
    if nilai != lama:
        b.perubahan.append(
            Perubahan(spec.judul_kolom("realisasi"), _angka(lama, presisi), _angka(nilai, presisi))
        )
    if nilai is not None and keterangan != lama_ket:
        b.perubahan.append(Perubahan(spec.judul_kolom("keterangan"), lama_ket, keterangan))
    b.baru = row is None
    if not b.perubahan:
        return
    if _linked(indikator):
        b.tolak(kolom_nilai, actions.linked_refusal(indikator))
        return
    try:
        actions.require_editable(sheet.periode)
    except ValidationError as error:
        b.tolak(kolom_nilai, " ".join(error.messages))
        return
    if nilai is not None and not _valid(
        b, kolom_nilai, kolom_ket, entry, nilai, keterangan, skala, triwulan
    ):
        return
    b.data = (JENIS, indikator, nilai, keterangan, entry.versi)


def _valid(b, kolom_nilai, kolom_ket, entry, nilai, keterangan, skala, triwulan) -> bool:
    indikator = entry.indikator
    problem = check_realisasi_kinerja(indikator, nilai)
    if problem:
        b.tolak(kolom_nilai, problem)
        return False
    quarters = {q: v for q, v in enumerate(entry.quarters, start=1) if v is not None}
    quarters[triwulan] = nilai
    reason = actions.needs_explanation(indikator, triwulan, quarters, entry.target, skala)
    if reason and not keterangan:
        b.tolak(kolom_ket, reason)
        return False
    return True
