"""The written parts of an LKjIP: what the OPD wrote, or a sensible draft that says plainly
what still has to be written."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sakip.pelaporan.models import LaporanTahunan

PERLU = _("[perlu dilengkapi]")


@dataclass
class LaporanTexts:
    tempat: str
    tanggal: str
    kata_pengantar: list[str]
    latar_belakang: list[str]  # empty: the OPD profile's
    penyebab: list[str]
    permasalahan: list[str]
    langkah_antisipatif: list[str]
    rekomendasi: list[str]
    catatan: list[str] = field(default_factory=list)


def draft_kata_pengantar(opd, tahun: int) -> list[str]:
    return [
        _(
            "Dengan memanjatkan puji syukur ke hadirat Tuhan Yang Maha Kuasa, Laporan Kinerja "
            "Instansi Pemerintah (LKjIP) %(opd)s Tahun %(tahun)s telah selesai disusun sebagai "
            "wujud pelaksanaan Sistem Akuntabilitas Kinerja Instansi Pemerintah sebagaimana "
            "diatur dalam Peraturan Presiden Nomor 29 Tahun 2014 dan Peraturan Menteri PAN dan "
            "RB Nomor 53 Tahun 2014."
        )
        % {"opd": opd.nama, "tahun": tahun},
        _(
            "LKjIP ini menyajikan capaian kinerja %(opd)s selama tahun %(tahun)s dibandingkan "
            "dengan target dalam Perjanjian Kinerja dan Rencana Strategis, beserta realisasi "
            "anggaran yang mendukungnya, sebagai bahan evaluasi dan perbaikan kinerja pada "
            "tahun berikutnya."
        )
        % {"opd": opd.nama, "tahun": tahun},
    ]


def laporan_texts(opd, tahun: int) -> LaporanTexts:
    row = LaporanTahunan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).first()
    catatan = []

    def part(value, label, draft=None):
        if value:
            return list(value)
        catatan.append(_("%(bagian)s belum ditulis.") % {"bagian": label})
        return draft if draft is not None else [PERLU]

    return LaporanTexts(
        tempat=(row.tempat if row else "") or opd.pemda.ibu_kota,
        tanggal=date_format(row.tanggal, "j F Y") if row and row.tanggal else "",
        kata_pengantar=part(
            row and row.kata_pengantar, _("Kata pengantar"), draft_kata_pengantar(opd, tahun)
        ),
        latar_belakang=list(row.latar_belakang) if row else [],
        penyebab=part(
            row and row.penyebab, _("Analisis penyebab keberhasilan/kegagalan (Bab III A.5)")
        ),
        permasalahan=part(row and row.permasalahan, _("Permasalahan (Bab IV)")),
        langkah_antisipatif=part(
            row and row.langkah_antisipatif, _("Langkah antisipatif (Bab IV)")
        ),
        rekomendasi=part(row and row.rekomendasi, _("Rekomendasi (Bab IV)")),
        catatan=catatan,
    )
