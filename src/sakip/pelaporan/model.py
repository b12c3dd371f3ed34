"""The LKjIP of one OPD-year as plain data (PermenPAN-RB 53/2014, the seed report's parts).

Built by `sakip.pelaporan.build.build_lkjip` from the records and the measurement; rendered
by the DOCX/PDF renderers and checked by the consistency tests. Figures are Decimals and
Results exactly as the formulas computed them; renderers only format. Where data is missing
the model says so (`None`, an empty list, a Result that is not computed) instead of inventing
it, and the renderers write "data belum tersedia"."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sakip.formulas.anggaran import BudgetLine
from sakip.formulas.capaian import Target
from sakip.formulas.predikat import PredikatScale
from sakip.formulas.result import Result


@dataclass(frozen=True)
class Pejabat:
    nama: str
    jabatan: str
    pangkat: str = ""
    nip: str = ""


@dataclass(frozen=True)
class Unit:
    nama: str
    uraian_tugas: str
    tugas: list[str]


@dataclass(frozen=True)
class BarisPegawai:
    uraian: str  # golongan with pangkat, or jabatan
    eselon: str
    formasi: int | None
    jumlah: int  # terisi for jabatan


@dataclass(frozen=True)
class Sarpras:
    nama: str
    jumlah: int
    satuan: str
    keterangan: str


@dataclass(frozen=True)
class Wilayah:
    uraian: str
    angka: list[tuple[str, Decimal | int | None]]  # (label, value) e.g. ("Desa", 12)
    batas: list[tuple[str, str]]  # (arah, wilayah)


@dataclass(frozen=True)
class BabI:
    latar_belakang: list[str]
    dasar_pembentukan: str
    tugas: str
    fungsi: list[str]
    struktur: list[Unit]
    pegawai_golongan: list[BarisPegawai]
    pegawai_jabatan: list[BarisPegawai]
    wilayah: Wilayah | None
    sarpras: list[Sarpras]
    fungsi_strategis: str
    tantangan: list[str]
    peluang: list[str]
    isu_strategis: list[str]
    landasan_hukum: list[str]
    sistematika: list[tuple[str, list[str]]]  # (bab, its parts)


@dataclass(frozen=True)
class TargetRenstraRow:
    tujuan: str
    sasaran: str
    indikator: str
    satuan: str
    presisi: int
    per_tahun: list[tuple[int, Target | None]]
    target_akhir: Target | None


@dataclass(frozen=True)
class LembarIku:
    sasaran: str
    indikator: str
    satuan: str
    alasan_pemilihan: str
    formulasi: str
    definisi_operasional: str
    tipe_penghitungan: str
    sumber_data: str


@dataclass(frozen=True)
class BarisPK:
    sasaran: str
    indikator: str
    satuan: str
    presisi: int
    target: Target | None


@dataclass(frozen=True)
class BarisProgram:
    """One line of Tabel 2.3-1: a program, kegiatan or sub-kegiatan with its indicator."""

    tingkat: str  # program | kegiatan | sub_kegiatan
    kode: str
    nama: str
    indikator: list[tuple[str, str, Target | None, int]]  # (nama, satuan, target, presisi)
    pagu: Decimal


@dataclass(frozen=True)
class BabII:
    renstra: str  # e.g. "Renstra Perubahan 2021–2026", "" when there is none
    visi_pemda: str
    penjelasan_visi_pemda: list
    misi_pemda: list[str]
    visi_opd: str
    penjelasan_visi_opd: list[str]
    misi_opd: list[str]
    tujuan: list[str]
    sasaran: list[str]
    tahun_renstra: list[int]
    target_renstra: list[TargetRenstraRow]
    iku: list[LembarIku]
    pk_sumber: str  # which PK revision; "" when the year has none
    pk: list[BarisPK]
    pihak_pertama: Pejabat | None
    pihak_kedua: Pejabat | None
    pagu_murni: Decimal | None
    pagu_perubahan: Decimal | None
    jumlah_program: int
    jumlah_kegiatan: int
    jumlah_sub_kegiatan: int
    program: list[BarisProgram]


@dataclass(frozen=True)
class CapaianTahun:
    tahun: int
    target: Target | None
    realisasi: Result
    capaian: Result


@dataclass(frozen=True)
class AnalisisIndikator:
    """Everything Bab III says about one PK indicator."""

    sasaran: str
    indikator: str
    satuan: str
    presisi: int
    arah: str
    target: Target | None
    realisasi: Result
    capaian: Result
    predikat: str | None
    riwayat: list[CapaianTahun]  # this year and the ones before (Tabel 3.3)
    realisasi_kemajuan: Result  # realisasi up to this year, for Tabel 3.4
    target_akhir: Target | None
    tahun_akhir: int | None
    kemajuan: Result  # against the Renstra end target
    standar_nasional: Decimal | None


@dataclass(frozen=True)
class Efisiensi:
    sasaran: str
    indikator: list[str]
    rata_rata_capaian: Result
    anggaran: Decimal | None
    realisasi: Decimal | None
    serapan: Result
    kategori: str
    nilai: Decimal | None  # efisiensi anggaran (100 - serapan) with method sisa_anggaran
    alasan: str


@dataclass(frozen=True)
class Dukungan:
    """Tabel 3.6: a program or kegiatan that supports a sasaran, with its own capaian."""

    sasaran: str
    indikator_sasaran: str
    capaian_sasaran: Result
    tingkat: str
    nama: str
    indikator: str
    capaian: Result
    menunjang: bool | None  # None when its capaian is not known


@dataclass(frozen=True)
class BabIII:
    skala: PredikatScale
    analisis: list[AnalisisIndikator]
    tahun_pembanding: list[int]
    penyebab: list[str]  # A.5, written by the OPD
    metode_efisiensi: str
    efisiensi: list[Efisiensi]
    dukungan: list[Dukungan]
    anggaran: BudgetLine | None
    versi_anggaran: str


@dataclass(frozen=True)
class Kesimpulan:
    sasaran: str
    indikator: str
    capaian: Result
    predikat: str | None


@dataclass(frozen=True)
class BabIV:
    kesimpulan: list[Kesimpulan]
    predikat_umum: str | None  # the predikat every indicator shares, None when they differ
    permasalahan: list[str]
    langkah_antisipatif: list[str]
    rekomendasi: list[str]


@dataclass(frozen=True)
class Lkjip:
    pemda: str
    opd: str
    tahun: int
    tempat: str
    tanggal: str  # as written under the signature, "" when not set
    penandatangan: Pejabat | None
    kata_pengantar: list[str]
    bab1: BabI
    bab2: BabII
    bab3: BabIII
    bab4: BabIV
    catatan: list[str] = field(default_factory=list)  # what is missing, for the OPD to fill
