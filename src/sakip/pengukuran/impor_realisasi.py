"""The quarterly realisations of an OPD as one XLSX, out and back in: "Petunjuk", "Kinerja TW n"
and "Anggaran TW n" (sakip.pengukuran.lembar_kinerja, lembar_anggaran). The import previews every
row, refuses a file with any refused row, and applies all or nothing in one transaction through
the page's own actions, with the history reason "impor <nama berkas>"."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from sakip.impor.lembar import (
    baca_lembar,
    isi_buku,
    pratinjau_berkas,
    tulis_lembar,
    tulis_petunjuk,
)
from sakip.impor.pratinjau import Pratinjau
from sakip.impor.unggahan import TempatUnggahan
from sakip.pengukuran import actions, lembar_anggaran, lembar_kinerja
from sakip.pengukuran.entry import entry_sheet

TEMPAT = TempatUnggahan("realisasi-impor")  # under MEDIA_ROOT


def penanda(opd, tahun: int, triwulan: int) -> str:
    """Which OPD, year and quarter a file was made for; not translated (it is compared)."""
    return f"sakip/realisasi/{opd.slug}/{tahun}/TW{triwulan}"


def lingkup(opd, tahun: int, triwulan: int) -> str:
    return f"realisasi:{opd.pk}:{tahun}:{triwulan}"


def ekspor(opd, tahun: int, triwulan: int) -> bytes:
    sheet = entry_sheet(opd, tahun, triwulan)
    book = Workbook()
    kinerja, anggaran = lembar_kinerja.lembar(triwulan), lembar_anggaran.lembar(triwulan)
    tulis_petunjuk(
        book,
        _("Realisasi triwulan %(tw)s tahun %(tahun)s · %(opd)s")
        % {"tw": triwulan, "tahun": tahun, "opd": opd.nama},
        [
            _(
                "Isi sel berwarna kuning saja. Kolom abu-abu (kode, nama, satuan, target, pagu) "
                "terkunci: jangan diubah, dipindah atau dihapus."
            ),
            _(
                "Lembar “%(kinerja)s”: realisasi kinerja triwulan ini per indikator. Angka desimal "
                "dengan koma (86,86) sesuai presisi indikator; keterangan wajib bila capaian di "
                "bawah rentang Baik."
            )
            % {"kinerja": kinerja.judul},
            _(
                "Lembar “%(anggaran)s”: realisasi anggaran triwulan ini per sub-kegiatan, dalam "
                "rupiah utuh tanpa sen (1250000 atau 1.250.000). Realisasi setahun tidak boleh "
                "melebihi pagu."
            )
            % {"anggaran": anggaran.judul},
            _(
                "Indikator yang realisasinya ditulis otomatis (dari SKM atau Evaluasi AKIP) "
                "terkunci dan tidak dapat diimpor."
            ),
            _(
                "Sel yang dikosongkan mengosongkan realisasi yang tersimpan. Baris yang dihapus "
                "tidak diubah."
            ),
            _(
                "Unggah berkas di halaman triwulan (Impor XLSX): sakip menampilkan pratinjau "
                "setiap baris (baru, berubah, tidak berubah, ditolak). Berkas dengan satu baris "
                "ditolak tidak dapat diterapkan; tidak ada yang disimpan sebelum Terapkan."
            ),
            _("Jangan ubah kode berkas di bawah: sakip memeriksa OPD, tahun dan triwulannya."),
        ],
        penanda(opd, tahun, triwulan),
    )
    rows, locked = lembar_kinerja.baris_ekspor(sheet)
    tulis_lembar(book, kinerja, rows, locked)
    tulis_lembar(book, anggaran, lembar_anggaran.baris_ekspor(sheet))
    return isi_buku(book)


def pratinjau(content: bytes, opd, tahun: int, triwulan: int) -> Pratinjau:
    """Every row of the file against the stored data; nothing is written here."""

    def periksa(book, report: Pratinjau) -> None:
        sheet = entry_sheet(opd, tahun, triwulan)
        for module in (lembar_kinerja, lembar_anggaran):
            spec = module.lembar(triwulan)
            rows, problems = baca_lembar(book, spec)
            report.masalah_berkas += problems
            report.baris += module.periksa(rows, spec, sheet, opd, tahun, triwulan)
        if not sheet.periode.editable:
            report.catatan.append(
                _(
                    "Triwulan ini berstatus %(status)s: tidak ada nilai yang dapat diubah sampai "
                    "admin SAKIP membukanya kembali."
                )
                % {"status": sheet.periode.get_status_display().lower()}
            )

    pesan = _(
        "Berkas ini bukan unduhan realisasi triwulan %(tw)s tahun %(tahun)s %(opd)s (kode "
        "berkas “%%(ada)s”). Unduh berkas dari halaman triwulan ini, isi, lalu unggah."
    ) % {"tw": triwulan, "tahun": tahun, "opd": opd.nama}
    return pratinjau_berkas(content, penanda(opd, tahun, triwulan), pesan, periksa)


def terapkan(user, opd, tahun: int, triwulan: int, report: Pratinjau, nama: str) -> int:
    """Write every new and changed row in one transaction, through the page's actions; the first
    refusal undoes them all and is raised naming its cell."""
    actions.require_operator_of(user, opd)
    alasan = _("impor %(berkas)s") % {"berkas": nama}
    rows = report.diterapkan
    with transaction.atomic():
        for b in rows:
            try:
                _tulis(user, tahun, triwulan, b.data, alasan)
            except ValidationError as error:
                raise ValidationError(
                    f"{b.lembar}!{b.nomor}: {' '.join(error.messages)}"
                ) from error
    return len(rows)


def _tulis(user, tahun, triwulan, data, alasan) -> None:
    if data[0] == lembar_kinerja.JENIS:
        _jenis, indikator, nilai, keterangan, versi = data
        actions.simpan_realisasi_kinerja(
            user, indikator, tahun, triwulan, nilai, keterangan, versi, alasan=alasan
        )
    else:
        _jenis, sub_kegiatan, jumlah, versi = data
        actions.simpan_realisasi_anggaran(
            user, sub_kegiatan, tahun, triwulan, jumlah, versi, alasan=alasan
        )
