"""The sheet "Pohon Anggaran" of the tree's XLSX: one row per node, parents before their children
(tingkat, kode, uraian; the pagu of each sub-kegiatan in the DPA in force; the computed sum of a
program or kegiatan, grey and not read back; a program's kode sasaran Renstra), and the check of
every row read back — from this sheet or from a SIPD DPA print (sakip.perencanaan.lembar_dpa_sipd)
— against the OPD's tree, with the rules of the tree and DPA pages
(sakip.perencanaan.actions_pohon_anggaran)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.formulas.numbers import format_rupiah
from sakip.formulas.result import FormulaInputError
from sakip.impor import sel
from sakip.impor.buku import teks_sel
from sakip.impor.lembar import ABU, BARIS_MAKS, RUPIAH, Kolom, Lembar, tulis_lembar
from sakip.impor.pratinjau import BarisImpor, Perubahan
from sakip.organisasi import limits
from sakip.perencanaan import actions_pohon_anggaran as actions
from sakip.perencanaan import kode as kodes
from sakip.perencanaan.models import Pagu, Program, VersiAnggaran
from sakip.perencanaan.pohon_anggaran import Pohon

SASARAN_MAKS = Program._meta.get_field("sasaran_renstra_kode").max_length
TIDAK_DIBACA = PatternFill("solid", fgColor="F2F2F2")


def lembar() -> Lembar:
    return Lembar(
        _("Pohon Anggaran"),
        (
            Kolom("tingkat", _("Tingkat"), diisi=True, lebar=14),
            Kolom("kode", _("Kode"), diisi=True, lebar=22),
            Kolom("uraian", _("Uraian"), diisi=True, lebar=60),
            Kolom("pagu", _("Pagu sub-kegiatan (Rp)"), RUPIAH, True, 20),
            Kolom("jumlah", _("Jumlah (Rp, dihitung, tidak dibaca)"), RUPIAH, lebar=22),
            Kolom("sasaran", _("Kode sasaran Renstra (program)"), diisi=True, lebar=18),
        ),
    )


def nama_tingkat(tingkat: str) -> str:
    return str(actions.NAMA_TINGKAT[tingkat])


def induk_dari(tingkat: str, kode: str) -> tuple[str, str]:
    """(level, code) of the parent of a kegiatan or sub-kegiatan."""
    return kodes.INDUK[tingkat], kodes.kode_induk(tingkat, kode)


# --- writing -----------------------------------------------------------------------------------


def baris_ekspor(pohon: Pohon) -> list[dict]:
    """The rows of the tree, with the pagu (and sums) of the DPA in force."""
    rows = []
    for node in pohon.rows():
        line = node.jumlah[-1] if node.jumlah else None
        row = {"tingkat": nama_tingkat(node.tingkat), "kode": node.kode, "uraian": node.nama}
        if node.tingkat == kodes.SUB_KEGIATAN:
            row["pagu"] = int(node.pagu[-1].jumlah) if node.pagu and node.pagu[-1] else None
        else:
            row["jumlah"] = int(line.pagu) if line else None
        if node.tingkat == kodes.PROGRAM:
            row["sasaran"] = node.obj.sasaran_renstra_kode
        rows.append(row)
    return rows


def tulis(book, rows: list[dict]) -> None:
    """The sheet, not protected: a planner adds rows for new nodes anywhere, as in the DPA they
    copy from. Cells sakip does not read (a program's pagu, the sums) are grey; validation on
    tingkat and pagu reaches the rows below the data too."""
    spec = lembar()
    sub = nama_tingkat(kodes.SUB_KEGIATAN)
    program = nama_tingkat(kodes.PROGRAM)
    terkunci = {(i, "pagu") for i, row in enumerate(rows) if row.get("tingkat") != sub}
    terkunci |= {(i, "sasaran") for i, row in enumerate(rows) if row.get("tingkat") != program}
    tulis_lembar(book, spec, rows, terkunci)
    sheet = book[spec.judul]
    sheet.protection.sheet = False
    last = BARIS_MAKS + 1
    for rule in sheet.data_validations.dataValidation:
        rule.sqref = f"{spec.huruf('pagu')}2:{spec.huruf('pagu')}{last}"
    levels = ",".join(nama_tingkat(t) for t in kodes.TINGKAT)
    choice = DataValidation(type="list", formula1=f'"{levels}"', allow_blank=True)
    choice.error, choice.errorTitle = _("Pilih Program, Kegiatan atau Sub-kegiatan."), _("Tingkat")
    choice.showErrorMessage = True
    sheet.add_data_validation(choice)
    choice.add(f"{spec.huruf('tingkat')}2:{spec.huruf('tingkat')}{last}")
    for cell in sheet[spec.huruf("jumlah")][1:]:
        cell.fill = TIDAK_DIBACA if cell.value is None else ABU


# --- reading -----------------------------------------------------------------------------------


@dataclass
class Simpul:
    """One row read from a file, before it is compared with the OPD's tree. `kolom`: the column
    letter of each value (kode, uraian, pagu, sasaran, tercetak) for the refusals."""

    baris: BarisImpor
    tingkat: str | None
    uraian: str
    kolom: dict
    pagu: Decimal | None = None
    sasaran: str | None = None  # None: the layout has no such column
    tercetak: Decimal | None = None  # a SIPD print's total of a program or kegiatan
    pagu_terbaca: bool = True  # False: the pagu cell was refused
    lewati: bool = False  # refused before its code is looked at (an unknown tingkat)

    @property
    def kode(self) -> str:
        return self.baris.kode


def _tingkat(text: str) -> str | None | bool:
    """The level a "Tingkat" cell names, None for empty, False for an unknown one."""
    norm = " ".join(text.replace("-", " ").split()).casefold()
    norm = norm.replace("subkegiatan", "sub kegiatan")
    if not norm:
        return None
    names = {nama_tingkat(t).replace("-", " ").casefold(): t for t in kodes.TINGKAT}
    return names.get(norm, False)


def rupiah_sel(simpul: Simpul, value, kunci: str, what: str) -> Decimal | None:
    """A rupiah cell read strictly (sel.rupiah); a refusal names the cell."""
    try:
        return sel.rupiah(value, what)
    except FormulaInputError as error:
        simpul.baris.tolak(simpul.kolom[kunci], str(error))
        simpul.pagu_terbaca = False
        return None


def baca(rows, spec: Lembar) -> list[Simpul]:
    """The rows of sakip's own sheet (baca_lembar's), each with its cell-level refusals."""
    kolom = {k.kunci: spec.huruf(k.kunci) for k in spec.kolom}
    found = []
    for nomor, isi in rows:
        b = BarisImpor(spec.judul, nomor, kodes.rapikan(teks_sel(isi["kode"])))
        tingkat = _tingkat(teks_sel(isi["tingkat"]))
        simpul = Simpul(b, None, teks_sel(isi["uraian"]), kolom, sasaran=teks_sel(isi["sasaran"]))
        found.append(simpul)
        if tingkat is False:
            b.tolak(
                kolom["tingkat"],
                _("tingkat “%(ada)s” tidak dikenal; tulis Program, Kegiatan atau Sub-kegiatan.")
                % {"ada": teks_sel(isi["tingkat"])},
            )
            simpul.lewati = True
            continue
        simpul.tingkat = tingkat or kodes.tingkat_dari(b.kode)
        simpul.pagu = rupiah_sel(simpul, isi["pagu"], "pagu", _("Pagu"))
        if simpul.pagu is not None and simpul.tingkat not in (None, kodes.SUB_KEGIATAN):
            b.tolak(
                kolom["pagu"],
                _(
                    "pagu diisi pada baris sub-kegiatan saja; pagu %(tingkat)s adalah jumlah "
                    "sub-kegiatannya. Kosongkan sel ini."
                )
                % {"tingkat": nama_tingkat(simpul.tingkat).lower()},
            )
        if simpul.sasaran and simpul.tingkat not in (None, kodes.PROGRAM):
            b.tolak(kolom["sasaran"], _("kode sasaran Renstra diisi pada baris program saja."))
    return found


# --- the check against the OPD's tree ------------------------------------------------------------


@dataclass
class Tulis:
    """What the apply does for one row (`BarisImpor.data`)."""

    tingkat: str
    kode: str
    uraian: str
    node: object | None  # the stored node, None for a new one
    sasaran: str | None = None
    ubah_nama: bool = False
    pagu: Decimal | None = None
    ubah_pagu: bool = False
    versi_pagu: int = 0  # of the pagu row as read


@dataclass
class Tersimpan:
    """The OPD's tree and the pagu of the year's DPA in force, as the import compares them."""

    nodes: dict  # (tingkat, kode) -> node
    versi: VersiAnggaran | None
    pagu: dict  # sub-kegiatan id -> Pagu of the DPA in force
    spent: dict  # sub-kegiatan id -> realisasi anggaran of the year
    pagu_tetap: str  # why no pagu of the year changes, or ""
    catatan: list = field(default_factory=list)


def tersimpan(opd, tahun: int) -> Tersimpan:
    nodes = {
        (tingkat, node.kode): node
        for tingkat in kodes.TINGKAT
        for node in actions.in_opd(opd, tingkat)
    }
    versi = VersiAnggaran.in_force(opd, tahun)
    pagu = {}
    if versi is not None:
        pagu = {
            p.sub_kegiatan_id: p for p in Pagu.objects.filter(pemda=opd.pemda, versi_anggaran=versi)
        }
    subs = [n for (t, _k), n in nodes.items() if t == kodes.SUB_KEGIATAN]
    fixed = actions.pagu_tetap(versi) if versi is not None else ""
    if not fixed:
        try:
            actions.require_open_year(opd, tahun)
        except ValidationError as error:
            fixed = " ".join(error.messages)
    return Tersimpan(nodes, versi, pagu, actions.realisasi_setahun(opd, tahun, subs), fixed)


def _rp(value) -> str:
    return "" if value is None else format_rupiah(value)


def periksa(simpul_list: list[Simpul], data: Tersimpan) -> list[BarisImpor]:
    """Every row as a BarisImpor; a row to write carries a Tulis in its `data`. Codes: the shape
    of their level, once in the file, under their parent — the row of the parent's level above
    them, or their parent's code found earlier in the file or stored in sakip."""
    seen: dict[str, int] = {}
    above: dict[str, Simpul] = {}  # the last row of each level, as the file nests them
    result = []
    for simpul in simpul_list:
        b = simpul.baris
        result.append(b)
        if simpul.lewati or not _kode_ok(simpul, seen, above, data):
            continue
        _nama_ok(simpul)
        if b.masalah:
            continue
        _compare(simpul, data)
    return result


def _kode_ok(simpul: Simpul, seen: dict, above: dict, data: Tersimpan) -> bool:
    b, kolom = simpul.baris, simpul.kolom["kode"]
    if not b.kode:
        b.tolak(kolom, _("kode kosong; setiap baris program, kegiatan dan sub-kegiatan berkode."))
        return False
    if simpul.tingkat is None:
        shapes = ", ".join(f"{nama_tingkat(t).lower()} {kodes.BENTUK[t]}" for t in kodes.TINGKAT)
        b.tolak(
            kolom,
            _(
                "kode %(kode)s tidak berbentuk kode program, kegiatan atau sub-kegiatan "
                "(%(bentuk)s)."
            )
            % {"kode": b.kode, "bentuk": shapes},
        )
        return False
    if not kodes.sah(simpul.tingkat, b.kode):
        b.tolak(kolom, actions.salah_bentuk(simpul.tingkat, b.kode))
        return False
    if b.kode in seen:
        b.tolak(
            kolom,
            _("kode %(kode)s sudah ada di baris %(baris)s; satu kode hanya satu baris.")
            % {"kode": b.kode, "baris": seen[b.kode]},
        )
        return False
    seen[b.kode] = b.nomor
    tingkat = simpul.tingkat
    if tingkat == kodes.PROGRAM:
        above.pop(kodes.KEGIATAN, None)
    above[tingkat] = simpul
    if tingkat == kodes.PROGRAM:
        return True
    parent_level, induk = induk_dari(tingkat, b.kode)
    if induk in seen or (parent_level, induk) in data.nodes:
        return True
    nearest = above.get(parent_level)
    missing = _(
        "%(tingkat)s %(induk)s, induknya, tidak ada di berkas di atas baris ini maupun di sakip."
    ) % {
        "tingkat": nama_tingkat(parent_level),
        "induk": induk,
    }
    if nearest is not None:
        first = actions.bukan_di_bawah(tingkat, b.kode, nearest.kode, nearest.uraian)
        b.tolak(kolom, f"{first} {missing}")
    else:
        b.tolak(kolom, missing + " " + _("Tulis baris induknya di atas baris ini."))
    return False


def _nama_ok(simpul: Simpul) -> None:
    b = simpul.baris
    try:
        b.nama = actions.check_nama(simpul.uraian)
    except ValidationError as error:
        b.tolak(simpul.kolom["uraian"], " ".join(error.messages))
    if simpul.sasaran is not None and simpul.tingkat == kodes.PROGRAM:
        try:
            limits.check_text(simpul.sasaran, SASARAN_MAKS, "sasaran", _("kode sasaran Renstra"))
        except ValidationError as error:
            b.tolak(simpul.kolom["sasaran"], " ".join(error.messages))


def _compare(simpul: Simpul, data: Tersimpan) -> None:
    b, tingkat = simpul.baris, simpul.tingkat
    node = data.nodes.get((tingkat, b.kode))
    tulis = Tulis(tingkat, b.kode, b.nama, node)
    b.baru = node is None
    if node is None or node.nama != b.nama:
        b.perubahan.append(Perubahan(_("Uraian"), node.nama if node else "", b.nama))
        tulis.ubah_nama = True
    if tingkat == kodes.PROGRAM and simpul.sasaran is not None:
        lama = node.sasaran_renstra_kode if node else ""
        tulis.sasaran = simpul.sasaran
        if simpul.sasaran != lama:
            b.perubahan.append(Perubahan(_("Kode sasaran Renstra"), lama, simpul.sasaran))
            tulis.ubah_nama = True
    if tingkat == kodes.SUB_KEGIATAN and simpul.pagu_terbaca:
        _compare_pagu(simpul, tulis, data)
    if b.perubahan and not b.masalah:
        b.data = tulis


def _compare_pagu(simpul: Simpul, tulis: Tulis, data: Tersimpan) -> None:
    b, kolom = simpul.baris, simpul.kolom["pagu"]
    row = data.pagu.get(tulis.node.pk) if tulis.node else None
    lama = row.jumlah if row else None
    if simpul.pagu == lama:
        return
    if simpul.pagu is None:
        b.tolak(
            kolom,
            _(
                "pagu kosong, padahal %(versi)s mencatat %(pagu)s. Pagu tidak dikosongkan; "
                "tulis 0 bila tidak dianggarkan."
            )
            % {"versi": data.versi, "pagu": _rp(lama)},
        )
        return
    b.perubahan.append(Perubahan(_("Pagu"), _rp(lama), _rp(simpul.pagu)))
    if simpul.pagu < 0:
        b.tolak(kolom, _("Pagu tidak boleh negatif."))
        return
    if data.pagu_tetap:
        b.tolak(kolom, data.pagu_tetap)
        return
    spent = data.spent.get(tulis.node.pk) if tulis.node else None
    below = actions.di_bawah_realisasi(simpul.pagu, spent)
    if below:
        b.tolak(kolom, below)
        return
    tulis.pagu, tulis.ubah_pagu, tulis.versi_pagu = simpul.pagu, True, row.versi if row else 0


def catatan(rows: list[BarisImpor], data: Tersimpan, tahun: int) -> list[str]:
    """The notices of the preview: nodes the file leaves out (kept), the DPA the apply makes."""
    notes = []
    in_file = {b.kode for b in rows}
    missing = sorted(kode for (_t, kode) in data.nodes if kode not in in_file)
    if missing and rows:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        notes.append(
            _(
                "%(n)s program/kegiatan/sub-kegiatan di sakip tidak ada di berkas ini (%(kode)s). "
                "Semuanya tetap, tidak dihapus; hapus di halaman pohon bila memang tidak dipakai."
            )
            % {"n": len(missing), "kode": shown}
        )
    if any(isinstance(b.data, Tulis) and b.data.ubah_pagu for b in rows):
        if data.versi is None:
            notes.append(
                _(
                    "Belum ada DPA %(tahun)s: Terapkan membuat DPA Murni %(tahun)s (draf, tanpa "
                    "nomor) dengan pagu dari berkas ini."
                )
                % {"tahun": tahun}
            )
        else:
            notes.append(
                _("Pagu disimpan pada %(versi)s, DPA yang berlaku.") % {"versi": data.versi}
            )
    return notes
