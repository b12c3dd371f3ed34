"""The sheet "Anggaran TW n" of the quarterly XLSX: one row per sub-kegiatan with a pagu in the DPA
in force (kode, nama, pagu locked; realisasi to fill, whole rupiah), and the check of each row
read back — with the same rules as the page (actions.simpan_realisasi_anggaran): no sen, not
negative, the year's realisation not above the pagu."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_rupiah
from sakip.formulas.result import FormulaInputError
from sakip.impor import sel
from sakip.impor.lembar import RUPIAH, Kolom, Lembar
from sakip.impor.pratinjau import BarisImpor, Perubahan, baris_berkode
from sakip.pengukuran import actions
from sakip.pengukuran.entry import AnggaranEntry, EntrySheet

JENIS = "anggaran"


def lembar(triwulan: int) -> Lembar:
    return Lembar(
        _("Anggaran TW %(n)s") % {"n": triwulan},
        (
            Kolom("kode", _("Kode sub-kegiatan"), lebar=22),
            Kolom("nama", _("Sub-kegiatan"), lebar=50),
            Kolom("pagu", _("Pagu (Rp)"), RUPIAH, lebar=18),
            Kolom(
                "realisasi",
                _("Realisasi anggaran TW %(n)s (Rp)") % {"n": triwulan},
                RUPIAH,
                True,
                22,
            ),
        ),
    )


def baris_ekspor(sheet: EntrySheet) -> list[dict]:
    return [
        {
            "kode": e.sub_kegiatan.kode,
            "nama": e.sub_kegiatan.nama,
            "pagu": int(e.pagu),
            "realisasi": int(e.row.jumlah) if e.row else None,
        }
        for e in sheet.anggaran
    ]


def _rp(value) -> str:
    return "" if value is None else format_rupiah(value)


def periksa(rows, spec: Lembar, sheet: EntrySheet, opd, tahun: int, triwulan: int):
    """Every row as a BarisImpor; `data` of a row to write: (sub_kegiatan, jumlah, versi)."""

    def tidak_dikenal(kode: str) -> str:
        return _(
            "sub-kegiatan %(kode)s tidak dikenal di %(opd)s atau tidak memiliki pagu pada DPA "
            "tahun %(tahun)s yang berlaku."
        ) % {
            "kode": kode,
            "opd": opd.nama,
            "tahun": tahun,
        }

    result = []
    entries = {e.sub_kegiatan.kode: e for e in sheet.anggaran}
    for b, isi, entry in baris_berkode(rows, spec, entries, _("sub-kegiatan"), tidak_dikenal):
        result.append(b)
        if entry is not None:
            _compare(b, spec, isi, entry, sheet, triwulan)
    return result


def _compare(b: BarisImpor, spec: Lembar, isi, entry: AnggaranEntry, sheet, triwulan) -> None:
    b.nama = entry.sub_kegiatan.nama
    kolom = spec.huruf("realisasi")
    try:
        jumlah = sel.rupiah(isi["realisasi"], spec.judul_kolom("realisasi"))
    except FormulaInputError as error:
        b.tolak(kolom, str(error))
        return
    lama = entry.row.jumlah if entry.row else None
    if jumlah != lama:
        b.perubahan.append(Perubahan(spec.judul_kolom("realisasi"), _rp(lama), _rp(jumlah)))
    b.baru = entry.row is None
    if not b.perubahan:
        return
    try:
        actions.require_editable(sheet.periode)
    except ValidationError as error:
        b.tolak(kolom, " ".join(error.messages))
        return
    if jumlah is not None:
        if jumlah < 0:
            b.tolak(kolom, _("Realisasi anggaran tidak boleh negatif."))
            return
        others = sum(
            (v for q, v in enumerate(entry.quarters, start=1) if v is not None and q != triwulan),
            Decimal(0),
        )
        problem = actions.above_pagu(jumlah, others, entry.pagu)
        if problem:
            b.tolak(kolom, problem)
            return
    b.data = (JENIS, entry.sub_kegiatan, jumlah, entry.versi)
