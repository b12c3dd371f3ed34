"""A Renstra (murni or perubahan) as one XLSX, out and back in: "Petunjuk", "Tujuan dan
Sasaran" and "Indikator" (sakip.perencanaan.lembar_renstra), previewed row by row and applied all
or nothing through the Renstra authoring actions with the history reason "impor <nama berkas>".
What the Renstra holds and the file lacks stays: a file adds and changes, it never deletes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from sakip.impor.lembar import baca_lembar, isi_buku, pratinjau_berkas, tulis_petunjuk
from sakip.impor.pratinjau import BarisImpor, Pratinjau
from sakip.impor.unggahan import TempatUnggahan
from sakip.perencanaan import actions, actions_renstra, lembar_renstra
from sakip.perencanaan.lembar_renstra import SASARAN, TUJUAN, IsiRenstra
from sakip.perencanaan.models import Renstra, Sasaran, Tujuan

TEMPAT = TempatUnggahan("renstra-impor")  # under MEDIA_ROOT


def penanda(renstra: Renstra) -> str:
    return (
        f"sakip/renstra/{renstra.opd.slug}/{renstra.tahun_awal}-{renstra.tahun_akhir}/"
        f"{renstra.versi}"
    )


def lingkup(renstra: Renstra) -> str:
    return f"renstra:{renstra.pk}"


def nama_berkas(renstra: Renstra) -> str:
    return (
        f"renstra-{renstra.opd.slug}-{renstra.tahun_awal}-{renstra.tahun_akhir}-"
        f"{renstra.versi}.xlsx"
    )


def _petunjuk(renstra: Renstra) -> list[str]:
    return [
        _(
            "Lembar “Tujuan dan Sasaran”: satu baris per tujuan atau sasaran. Kode adalah "
            "kuncinya: baris dengan kode yang sudah ada mengubah butir itu (jenis dan kodenya "
            "terkunci); kode baru di baris kosong di bawah menambah butir baru. Sasaran menulis "
            "kode tujuannya."
        ),
        _(
            "Lembar “Indikator”: satu baris per indikator, dengan kode tujuan atau sasaran yang "
            "diukurnya (dari lembar pertama atau yang sudah ada di Renstra). Arah, tipe "
            "penghitungan, frekuensi dan IKU dipilih dari daftar. Satu kolom target per tahun "
            "%(awal)s–%(akhir)s, lalu target akhir."
        )
        % {"awal": renstra.tahun_awal, "akhir": renstra.tahun_akhir},
        _(
            "Angka desimal dengan koma (86,86), paling banyak sebanyak presisi indikator; titik "
            "hanya pemisah ribuan. Sel target yang dikosongkan menghapus target tahun itu. Target "
            "rentang hanya menampilkan batas bawahnya; batas atasnya tetap."
        ),
        _(
            "Impor tidak menghapus apa pun: tujuan, sasaran dan indikator yang tidak ada di "
            "berkas tetap tersimpan; hapus di halaman Susun Renstra. Visi dan misi juga diubah "
            "di halaman itu."
        ),
        _(
            "Nama dan lembar IKU indikator dipakai semua versi Renstra. Arah, tipe penghitungan "
            "dan presisi tidak dapat diubah bila indikatornya dipakai PK yang sudah "
            "ditandatangani atau realisasinya sudah diajukan atau dikunci."
        ),
        _(
            "Unggah berkas di halaman Susun Renstra (Impor XLSX): sakip menampilkan pratinjau "
            "setiap baris; berkas dengan satu baris ditolak tidak dapat diterapkan."
        ),
        _("Jangan ubah kode berkas di bawah: sakip memeriksa OPD, periode dan versi Renstra-nya."),
    ]


def ekspor(renstra: Renstra) -> bytes:
    book = Workbook()
    tulis_petunjuk(
        book,
        _("%(renstra)s · %(opd)s") % {"renstra": renstra, "opd": renstra.opd.nama},
        _petunjuk(renstra),
        penanda(renstra),
    )
    lembar_renstra.tulis(book, lembar_renstra.isi_of(renstra))
    return isi_buku(book)


def pratinjau(content: bytes, renstra: Renstra) -> Pratinjau:
    def periksa(book, report: Pratinjau) -> None:
        isi = lembar_renstra.isi_of(renstra)
        spec_butir = lembar_renstra.lembar_butir()
        spec_indikator = lembar_renstra.lembar_indikator(isi.years)
        butir_rows, problems = baca_lembar(book, spec_butir)
        indikator_rows, more = baca_lembar(book, spec_indikator)
        report.masalah_berkas += problems + more
        if report.masalah_berkas:
            return
        report.baris += lembar_renstra.periksa_butir(butir_rows, spec_butir, isi)
        report.baris += lembar_renstra.periksa_indikator(
            indikator_rows, spec_indikator, isi, lembar_renstra.kode_di_berkas(butir_rows)
        )
        _catat_yang_tidak_ada(report, isi)

    pesan = _(
        "Berkas ini bukan unduhan %(renstra)s %(opd)s (kode berkas “%%(ada)s”). Unduh "
        "berkas dari halaman Renstra, isi, lalu unggah."
    ) % {"renstra": renstra, "opd": renstra.opd.nama}
    return pratinjau_berkas(content, penanda(renstra), pesan, periksa)


def _catat_yang_tidak_ada(report: Pratinjau, isi: IsiRenstra) -> None:
    """The note that what the Renstra holds and the file lacks is kept, naming it."""
    in_file = {(b.lembar, b.kode) for b in report.baris}
    butir_sheet = lembar_renstra.lembar_butir().judul
    indikator_sheet = lembar_renstra.lembar_indikator(isi.years).judul
    missing = [k for k in (*isi.tujuan, *isi.sasaran) if (butir_sheet, k) not in in_file]
    missing += [k for k in isi.links if (indikator_sheet, k) not in in_file]
    if missing:
        report.catatan.append(
            _(
                "Tidak ada di berkas, tetap tersimpan (impor tidak menghapus): %(daftar)s. "
                "Hapus di halaman Susun Renstra bila memang tidak dipakai lagi."
            )
            % {"daftar": ", ".join(missing)}
        )


def _goal(renstra: Renstra, kode: str) -> Tujuan | Sasaran:
    """A tujuan or sasaran of the Renstra by kode, those the apply just added too."""
    found = Sasaran.objects.filter(pemda=renstra.pemda, renstra=renstra, kode=kode).first()
    return found or Tujuan.objects.get(pemda=renstra.pemda, renstra=renstra, kode=kode)


def _tulis_butir(user, renstra: Renstra, data, alasan: str) -> None:
    if data.obj is not None:
        changes = {"kode": data.kode, "uraian": data.uraian}
        if data.jenis == SASARAN:
            changes["tujuan"] = _goal(renstra, data.tujuan)
        actions_renstra.ubah_butir(user, data.obj, changes, data.sidik, alasan)
    elif data.jenis == TUJUAN:
        actions_renstra.tambah_tujuan(user, renstra, data.kode, data.uraian, alasan)
    else:
        tujuan = _goal(renstra, data.tujuan)
        actions_renstra.tambah_sasaran(user, tujuan, data.kode, data.uraian, alasan)


def _tulis_indikator(user, renstra: Renstra, data, alasan: str) -> None:
    link = data.link
    if link is None:
        actions_renstra.tambah_indikator_renstra(
            user,
            renstra,
            _goal(renstra, data.butir),
            {"kode": data.kode, **data.sheet},
            data.targets,
            data.akhir,
            alasan,
        )
        return
    if data.sheet:
        actions.simpan_indikator(user, link.indikator, data.sheet, data.versi_indikator, alasan)
    if data.ubah_target:
        actions.simpan_target_renstra(user, link, data.targets, data.akhir, data.versi_link, alasan)


def terapkan(user, renstra: Renstra, report: Pratinjau, nama: str) -> int:
    """Every new and changed row, tujuan before sasaran before indicators, in one transaction:
    the first refusal undoes all, naming the row."""
    actions.require_planner_of(user, renstra.opd, actions_renstra.SUSUN_RENSTRA)
    alasan = _("impor %(berkas)s") % {"berkas": nama}
    rows = report.diterapkan

    def order(b: BarisImpor) -> int:
        if isinstance(b.data, lembar_renstra.ButirBaru):
            return 0 if b.data.jenis == TUJUAN else 1
        return 2

    with transaction.atomic():
        for b in sorted(rows, key=order):
            try:
                if order(b) < 2:
                    _tulis_butir(user, renstra, b.data, alasan)
                else:
                    _tulis_indikator(user, renstra, b.data, alasan)
            except ValidationError as error:
                raise ValidationError(
                    f"{b.lembar}!{b.nomor}: {' '.join(error.messages)}"
                ) from error
    return len(rows)
