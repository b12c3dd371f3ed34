"""The program → kegiatan → sub-kegiatan tree with the DPA pagu of a year as one XLSX, out and
back in: "Petunjuk" and "Pohon Anggaran" (sakip.perencanaan.lembar_pohon), or a DPA printed by
SIPD (sakip.perencanaan.lembar_dpa_sipd). The import previews every row and applies all or
nothing in one transaction through the tree and DPA pages' actions (tambah_program,
tambah_rincian, ubah_nama; buat_dpa_murni when the year has no DPA yet, else simpan_pagu_dpa on
the DPA in force), with the history reason "impor <nama berkas>". Nodes the file leaves out are
kept."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from sakip.impor.buku import buka_buku
from sakip.impor.lembar import (
    baca_lembar,
    isi_buku,
    penanda_berkas,
    salah_penanda,
    tulis_petunjuk,
)
from sakip.impor.pratinjau import Pratinjau
from sakip.impor.unggahan import TempatUnggahan
from sakip.perencanaan import actions as perencanaan_actions
from sakip.perencanaan import actions_pohon_anggaran as actions
from sakip.perencanaan import kode as kodes
from sakip.perencanaan import lembar_dpa_sipd, lembar_pohon
from sakip.perencanaan.models import Program, VersiAnggaran
from sakip.perencanaan.pohon_anggaran import muat_pohon

TEMPAT = TempatUnggahan("pohon-anggaran-impor")  # under MEDIA_ROOT


def penanda(opd, tahun: int) -> str:
    """Which OPD and year a file was made for; not translated (it is compared)."""
    return f"sakip/pohon-anggaran/{opd.slug}/{tahun}"


def lingkup(opd, tahun: int) -> str:
    return f"pohon-anggaran:{opd.pk}:{tahun}"


def ekspor(opd, tahun: int) -> bytes:
    """The OPD's tree with the pagu of the year's DPA in force; the template when it is empty."""
    return berkas(opd, tahun, lembar_pohon.baris_ekspor(muat_pohon(opd, tahun)))


def berkas(opd, tahun: int, rows: list[dict]) -> bytes:
    """A tree file for `opd` and `tahun` holding `rows`, dicts with "kode", "uraian" and, for a
    sub-kegiatan, "pagu" (and optionally "tingkat", "sasaran" of a program): what a planner
    would type into the template. Tests build their files with it."""
    versi = VersiAnggaran.in_force(opd, tahun)
    book = Workbook()
    tulis_petunjuk(
        book,
        _("Program, kegiatan, sub-kegiatan dan pagu DPA %(tahun)s · %(opd)s")
        % {"tahun": tahun, "opd": opd.nama},
        [
            _(
                "Satu baris per program, kegiatan atau sub-kegiatan, induk di atas rinciannya. "
                "Kode menurut Permendagri 90/2019: program X.XX.XX (7.01.01), kegiatan "
                "X.XX.XX.X.XX (7.01.01.2.01), sub-kegiatan X.XX.XX.X.XX.XXXX "
                "(7.01.01.2.01.0001); kode rincian diawali kode induknya."
            ),
            _(
                "Tingkat boleh dikosongkan (dibaca dari bentuk kode). Uraian wajib diisi, "
                "paling banyak %(n)s karakter."
            )
            % {"n": Program._meta.get_field("nama").max_length},
            _(
                "Pagu diisi pada baris sub-kegiatan saja, dalam rupiah utuh tanpa sen (1250000 "
                "atau 1.250.000). Kolom Jumlah program dan kegiatan dihitung sakip dan tidak "
                "dibaca."
            ),
            _("Pagu masuk ke %(versi)s, DPA yang berlaku dan diubah di halaman DPA.")
            % {"versi": versi}
            if versi
            else _(
                "Belum ada DPA %(tahun)s: pagu dari berkas ini menjadi DPA Murni %(tahun)s "
                "(draf, tanpa nomor)."
            )
            % {"tahun": tahun},
            _(
                "Tambah baris untuk program, kegiatan atau sub-kegiatan baru. Baris yang "
                "dihapus dari berkas tidak menghapus apa pun di sakip; mengubah kode berarti "
                "menambah yang baru (pindahkan atau hapus di halaman pohon)."
            ),
            _(
                "Unggah berkas di halaman pohon anggaran (Impor XLSX): sakip menampilkan "
                "pratinjau setiap baris (baru, berubah, tidak berubah, ditolak). Berkas dengan "
                "satu baris ditolak tidak dapat diterapkan; tidak ada yang disimpan sebelum "
                "Terapkan. DPA hasil cetak SIPD (Excel) juga dapat diunggah langsung."
            ),
            _("Jangan ubah kode berkas di bawah: sakip memeriksa OPD dan tahunnya."),
        ],
        penanda(opd, tahun),
    )
    lembar_pohon.tulis(book, [{"tingkat": _nama_tingkat(r["kode"]), **r} for r in rows])
    return isi_buku(book)


def _nama_tingkat(kode: str) -> str:
    tingkat = kodes.tingkat_dari(kode)
    return lembar_pohon.nama_tingkat(tingkat) if tingkat else ""


def pratinjau(content: bytes, opd, tahun: int) -> Pratinjau:
    """Every row of the file against the stored tree; nothing is written here."""
    report = Pratinjau()
    book, problem = buka_buku(content)
    if book is None:
        report.masalah_berkas.append(problem)
        return report
    try:
        spec = lembar_pohon.lembar()
        if spec.judul in book.sheetnames or penanda_berkas(book):
            problem = salah_penanda(
                book,
                penanda(opd, tahun),
                _(
                    "Berkas ini bukan unduhan pohon anggaran %(tahun)s %(opd)s (kode berkas "
                    "“%%(ada)s”). Unduh berkas dari halaman pohon anggaran tahun ini, isi, lalu "
                    "unggah."
                )
                % {"tahun": tahun, "opd": opd.nama},
            )
            if problem:
                report.masalah_berkas.append(problem)
                return report
            rows, problems = baca_lembar(book, spec)
            report.masalah_berkas += problems
            simpul = lembar_pohon.baca(rows, spec)
        else:
            simpul, notes, problems = lembar_dpa_sipd.baca(book, opd)
            report.catatan += notes
            report.masalah_berkas += problems
    finally:
        book.close()
    data = lembar_pohon.tersimpan(opd, tahun)
    report.baris += lembar_pohon.periksa(simpul, data)
    report.catatan += lembar_pohon.catatan(report.baris, data, tahun)
    return report


def terapkan(user, opd, tahun: int, report: Pratinjau, nama: str) -> int:
    """Write every new and changed row in one transaction, parents first (the file's order),
    then the pagu; the first refusal undoes them all and is raised naming its row."""
    perencanaan_actions.require_planner_of(user, opd, actions.SUSUN_POHON)
    alasan = _("impor %(berkas)s") % {"berkas": nama}
    rows = report.diterapkan
    with transaction.atomic():
        made, pagu, row_of = {}, {}, {}
        for b in rows:
            tulis = b.data
            try:
                node = _simpul(user, opd, tulis, made, alasan)
            except ValidationError as error:
                raise ValidationError(
                    f"{b.lembar}!{b.nomor}: {' '.join(error.messages)}"
                ) from error
            if tulis.ubah_pagu:
                pagu[node] = (tulis.pagu, tulis.versi_pagu)
                row_of[f"p{node.pk}"] = b
        if pagu:
            _simpan_pagu(user, opd, tahun, pagu, row_of, alasan)
    return len(rows)


def _simpul(user, opd, tulis: lembar_pohon.Tulis, made: dict, alasan: str):
    node = tulis.node
    if node is not None:
        if tulis.ubah_nama:
            actions.ubah_nama(user, node, tulis.uraian, tulis.sasaran, alasan=alasan)
        return node
    if tulis.tingkat == kodes.PROGRAM:
        node = actions.tambah_program(
            user, opd, tulis.kode, tulis.uraian, tulis.sasaran or "", alasan=alasan
        )
    else:
        parent_level, induk_kode = lembar_pohon.induk_dari(tulis.tingkat, tulis.kode)
        induk = made.get((parent_level, induk_kode)) or (
            actions.in_opd(opd, parent_level).get(kode=induk_kode)
        )
        node = actions.tambah_rincian(user, induk, tulis.kode, tulis.uraian, alasan=alasan)
    made[(tulis.tingkat, tulis.kode)] = node
    return node


def _simpan_pagu(user, opd, tahun: int, pagu: dict, row_of: dict, alasan: str) -> None:
    versi = VersiAnggaran.in_force(opd, tahun)
    try:
        if versi is None:
            actions.buat_dpa_murni(
                user, opd, tahun, {sub: jumlah for sub, (jumlah, _v) in pagu.items()}, alasan=alasan
            )
        else:
            actions.simpan_pagu_dpa(user, versi, pagu, alasan=alasan)
    except ValidationError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        named = []
        for key, messages in fields.items():
            b = row_of.get(key)
            where = f"{b.lembar}!{b.nomor}: " if b else ""
            named.append(where + " ".join(messages))
        raise ValidationError(named) from error
