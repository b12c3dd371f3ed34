"""The Perjanjian Kinerja document of one OPD-year (PermenPAN-RB 53/2014): the statement page
and the annex with sasaran, indicators, targets, programs and their budgets, from the records."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sakip.pelaporan.model import BarisPK, Pejabat
from sakip.pengukuran.measurement import load_year, stored_target
from sakip.perencanaan.models import PerjanjianKinerja, TargetPK


@dataclass(frozen=True)
class ProgramPK:
    kode: str
    nama: str
    anggaran: Decimal


@dataclass(frozen=True)
class DokumenPK:
    pemda: str
    opd: str
    tahun: int
    revisi: int
    ditandatangani: bool
    tempat: str
    tanggal: str
    pihak_pertama: Pejabat
    pihak_kedua: Pejabat
    pernyataan: list[str]
    baris: list[BarisPK]
    program: list[ProgramPK]
    jumlah_anggaran: Decimal | None
    sumber_anggaran: str  # e.g. "DPA Perubahan 2024"


class NoPK(LookupError):
    pass


def build_pk(opd, tahun: int, revisi: int | None = None) -> DokumenPK:
    revisions = PerjanjianKinerja.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun)
    if revisi is not None:
        pk = revisions.filter(revisi=revisi).first()
    else:
        from sakip.pengukuran.measurement import pk_in_force

        pk = pk_in_force(opd, tahun)
    if pk is None:
        raise NoPK(
            _("Belum ada Perjanjian Kinerja %(opd)s tahun %(tahun)s.")
            % {"opd": opd.nama, "tahun": tahun}
        )
    rows = [
        BarisPK(
            t.sasaran_pk.uraian,
            t.indikator.nama,
            t.indikator.satuan,
            t.indikator.presisi,
            stored_target(t.target, t.target_atas),
        )
        for t in TargetPK.objects.filter(pemda=opd.pemda, sasaran_pk__perjanjian=pk)
        .select_related("indikator", "sasaran_pk")
        .order_by("sasaran_pk__urutan", "urutan")
    ]
    records = load_year(opd.pemda, tahun, [opd])
    programs: dict = {}
    for pagu in records.pagu[opd.pk]:
        program = pagu.sub_kegiatan.kegiatan.program
        programs.setdefault(program, Decimal(0))
        programs[program] += pagu.jumlah
    versi = records.versi.get(opd.pk)
    first = Pejabat(
        pk.pihak_pertama_nama,
        pk.pihak_pertama_jabatan,
        pk.pihak_pertama_pangkat,
        pk.pihak_pertama_nip,
    )
    second = Pejabat(
        pk.pihak_kedua_nama, pk.pihak_kedua_jabatan, pk.pihak_kedua_pangkat, pk.pihak_kedua_nip
    )
    return DokumenPK(
        pemda=opd.pemda.nama,
        opd=opd.nama,
        tahun=tahun,
        revisi=pk.revisi,
        ditandatangani=pk.status == PerjanjianKinerja.Status.DITANDATANGANI,
        tempat=pk.tempat or opd.pemda.ibu_kota,
        tanggal=date_format(pk.tanggal, "j F Y") if pk.tanggal else "",
        pihak_pertama=first,
        pihak_kedua=second,
        pernyataan=statement(first, second, tahun),
        baris=rows,
        program=[ProgramPK(p.kode, p.nama, total) for p, total in programs.items()],
        jumlah_anggaran=sum(programs.values(), Decimal(0)) if programs else None,
        sumber_anggaran=f"{versi.get_jenis_display()} {tahun}" if versi else "",
    )


def _name(pejabat: Pejabat) -> str:
    return pejabat.nama or _("[nama belum diisi]")


def statement(first: Pejabat, second: Pejabat, tahun: int) -> list[str]:
    """The statement page's paragraphs (PermenPAN-RB 53/2014, Lampiran I)."""
    return [
        _(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
            "akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
        ),
        _("Nama: %(nama)s; Jabatan: %(jabatan)s, selanjutnya disebut pihak pertama.")
        % {"nama": _name(first), "jabatan": first.jabatan or "-"},
        _(
            "Nama: %(nama)s; Jabatan: %(jabatan)s, selaku atasan pihak pertama, selanjutnya "
            "disebut pihak kedua."
        )
        % {"nama": _name(second), "jabatan": second.jabatan or "-"},
        _(
            "Pihak pertama berjanji akan mewujudkan target kinerja tahun %(tahun)s sesuai "
            "lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah "
            "seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan "
            "pencapaian target kinerja tersebut menjadi tanggung jawab pihak pertama."
        )
        % {"tahun": tahun},
        _(
            "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
            "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
            "dalam rangka pemberian penghargaan dan sanksi."
        ),
    ]
