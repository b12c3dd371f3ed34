"""The PK targets as one XLSX, out and back in: "Petunjuk" and "Target PK"
(sakip.perencanaan.lembar_target_pk), previewed row by row and applied all or nothing through
actions.simpan_target_pk with the history reason "impor <nama berkas>"."""

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
from sakip.perencanaan import actions, lembar_target_pk
from sakip.perencanaan.models import PerjanjianKinerja

TEMPAT = TempatUnggahan("target-pk-impor")  # under MEDIA_ROOT


def pk_terakhir(opd, tahun: int) -> PerjanjianKinerja | None:
    """The revision the PK page shows first: the latest."""
    return (
        PerjanjianKinerja.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun)
        .order_by("-revisi")
        .first()
    )


def penanda(pk: PerjanjianKinerja) -> str:
    return f"sakip/target-pk/{pk.opd.slug}/{pk.tahun}/R{pk.revisi}"


def lingkup(pk: PerjanjianKinerja) -> str:
    return f"target-pk:{pk.pk}"


def ekspor(pk: PerjanjianKinerja) -> bytes:
    book = Workbook()
    spec = lembar_target_pk.lembar()
    tulis_petunjuk(
        book,
        _("Target Perjanjian Kinerja %(tahun)s revisi %(revisi)s · %(opd)s")
        % {"tahun": pk.tahun, "revisi": pk.revisi, "opd": pk.opd.nama},
        [
            _(
                "Isi sel berwarna kuning saja: target, dan batas atasnya bila targetnya rentang "
                "(mis. 7 sampai 8). Kolom abu-abu terkunci."
            ),
            _("Angka desimal dengan koma (86,86), sesuai presisi indikator."),
            _(
                "Hanya PK yang masih draf dapat diubah; PK yang sudah ditandatangani diubah lewat "
                "revisi PK."
            ),
            _(
                "Unggah berkas di halaman PK (Impor XLSX): sakip menampilkan pratinjau setiap "
                "baris; berkas dengan satu baris ditolak tidak dapat diterapkan."
            ),
            _("Jangan ubah kode berkas di bawah: sakip memeriksa OPD, tahun dan revisinya."),
        ],
        penanda(pk),
    )
    tulis_lembar(book, spec, lembar_target_pk.baris_ekspor(lembar_target_pk.targets_of(pk)))
    return isi_buku(book)


def pratinjau(content: bytes, pk: PerjanjianKinerja) -> Pratinjau:
    def periksa(book, report: Pratinjau) -> None:
        spec = lembar_target_pk.lembar()
        rows, problems = baca_lembar(book, spec)
        report.masalah_berkas += problems
        report.baris += lembar_target_pk.periksa(rows, spec, pk, lembar_target_pk.targets_of(pk))
        if pk.status != PerjanjianKinerja.Status.DRAFT:
            report.catatan.append(
                _("PK ini sudah ditandatangani: targetnya tidak dapat diubah lewat impor.")
            )

    pesan = _(
        "Berkas ini bukan unduhan target PK %(tahun)s revisi %(revisi)s %(opd)s (kode "
        "berkas “%%(ada)s”). Unduh berkas dari halaman PK, isi, lalu unggah."
    ) % {"tahun": pk.tahun, "revisi": pk.revisi, "opd": pk.opd.nama}
    return pratinjau_berkas(content, penanda(pk), pesan, periksa)


def terapkan(user, pk: PerjanjianKinerja, report: Pratinjau, nama: str) -> int:
    actions.require_planner_of(user, pk.opd, actions.UBAH_TARGET_PK)
    alasan = _("impor %(berkas)s") % {"berkas": nama}
    rows = report.diterapkan
    with transaction.atomic():
        for b in rows:
            target, nilai, atas, versi = b.data
            try:
                actions.simpan_target_pk(user, target, nilai, atas, versi, alasan=alasan)
            except ValidationError as error:
                raise ValidationError(
                    f"{b.lembar}!{b.nomor}: {' '.join(error.messages)}"
                ) from error
    return len(rows)
