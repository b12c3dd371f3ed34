"""The "Laporan Hasil SKM" of one OPD and period as a plain model, computed from
`sakip.survei.hasil` (no figure is computed here or in the renderer). Rendered to Word by
`sakip.survei.laporan_docx` and to PDF through LibreOffice, as the LKjIP."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sakip.formulas.ikm import SKALA_MUTU_IKM
from sakip.formulas.numbers import format_angka
from sakip.pelaporan.model import Pejabat
from sakip.survei.hasil import HasilPeriode, hasil_periode, saran_periode

SARAN_MAKS = 60  # suggestions printed in the report; the XLSX export has them all


@dataclass
class LaporanSkm:
    opd: str
    pemda: str
    periode: str
    tahun: int
    mulai: datetime.date
    selesai: datetime.date
    tempat: str
    kepala: Pejabat | None
    hasil: HasilPeriode
    layanan_aktif: list[str]
    saran: list[tuple[str, str]]  # (layanan, saran)
    saran_total: int
    tindak_lanjut: list[str] = field(default_factory=list)  # empty: "perlu dilengkapi"

    @property
    def skala_mutu(self) -> list[tuple[str, str, str]]:
        """(mutu, NIK range, kinerja) rows of the regulation's table."""
        from sakip.formulas.ikm import KINERJA_IKM

        ranges = {"D": "25,00 – 64,99", "C": "65,00 – 76,60", "B": "76,61 – 88,30"}
        ranges["A"] = "88,31 – 100,00"
        return [(b.label, ranges[b.label], KINERJA_IKM[b.label]) for b in SKALA_MUTU_IKM.bands]

    @property
    def ringkasan(self) -> str:
        ikm = self.hasil.ikm
        if not ikm.is_computed:
            return _("Belum ada respons yang dihitung pada periode ini, sehingga IKM belum ada.")
        text = _(
            "Dari %(n)s responden, Indeks Kepuasan Masyarakat %(opd)s periode %(periode)s adalah "
            "%(nik)s (NI %(ni)s), mutu pelayanan %(mutu)s dengan kinerja unit pelayanan "
            "%(kinerja)s."
        ) % {
            "n": format_angka(ikm.responden),
            "opd": self.opd,
            "periode": self.periode,
            "nik": format_angka(ikm.nik, 2),
            "ni": format_angka(ikm.ni, 4),
            "mutu": ikm.mutu,
            "kinerja": ikm.kinerja,
        }
        if self.hasil.prioritas:
            prioritas = ", ".join(f"{kode} {nama}" for kode, nama, _nrr in self.hasil.prioritas)
            text += " " + _(
                "Unsur dengan nilai terendah, yang menjadi prioritas perbaikan: %(prioritas)s."
            ) % {"prioritas": prioritas}
        return text


def build_laporan(periode) -> LaporanSkm:
    opd = periode.opd
    hasil = hasil_periode(periode)
    saran_qs = saran_periode(periode)
    saran = [(r.layanan.nama, r.saran) for r in saran_qs[:SARAN_MAKS]]
    kepala = None
    if opd.kepala_nama or opd.kepala_jabatan:
        kepala = Pejabat(opd.kepala_nama, opd.kepala_jabatan, opd.kepala_pangkat, opd.kepala_nip)
    return LaporanSkm(
        opd=opd.nama,
        pemda=opd.pemda.nama,
        periode=str(periode),
        tahun=periode.tahun,
        mulai=periode.mulai,
        selesai=periode.selesai,
        tempat=opd.pemda.ibu_kota,
        kepala=kepala,
        hasil=hasil,
        layanan_aktif=list(opd.layanan.filter(aktif=True).values_list("nama", flat=True)),
        saran=saran,
        saran_total=saran_qs.count() if len(saran) == SARAN_MAKS else len(saran),
    )
