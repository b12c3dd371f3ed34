"""The LKjIP model of Kecamatan Jati 2024, built from the demo records: every headline of the
seed, and the missing parts said out loud."""

from decimal import Decimal
from pathlib import Path

import pytest

from sakip.dataset import load_file
from sakip.formulas.numbers import round_half_up
from sakip.organisasi.lookup import find_opd
from sakip.pelaporan import narasi
from sakip.pelaporan.build import build_lkjip
from sakip.pelaporan.models import LaporanTahunan

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "src/sakip/demo/data/kecamatan-jati.yaml"


@pytest.fixture
def report():
    load_file(DEMO)
    return build_lkjip(find_opd("kecamatan-jati"), 2024)


def shown(value):
    return round_half_up(value, 2)


def by_name(report, name):
    return next(a for a in report.bab3.analisis if a.indikator == name)


def test_nilai_sakip_headline_and_progress_against_the_renstra(report):
    sakip = by_name(report, "Nilai SAKIP")
    assert sakip.target.lower == 70 and sakip.realisasi.value == Decimal("73.36")
    assert shown(sakip.capaian.value) == Decimal("104.80") and sakip.predikat == "Sangat Baik"
    assert sakip.target_akhir.lower == 80
    assert shown(sakip.kemajuan.value) == Decimal("91.70")  # seed Tabel 3.4: 73,36 / 80


def test_multi_year_table_keeps_years_without_a_target_apart(report):
    sakip = by_name(report, "Nilai SAKIP")
    assert [c.tahun for c in sakip.riwayat] == [2022, 2023, 2024]
    earlier = sakip.riwayat[0]
    assert earlier.target is None and earlier.realisasi.value == Decimal("47.11")
    assert not earlier.capaian.is_computed  # no target: no capaian, never 0 or 100


def test_budget_and_plan_figures(report):
    total = report.bab3.anggaran
    assert (total.pagu, total.realisasi, total.selisih) == (
        Decimal(2000000000),
        Decimal(1866543961),
        Decimal(133456039),
    )
    assert shown(total.serapan.value) == Decimal("93.33")
    bab2 = report.bab2
    assert (bab2.pagu_murni, bab2.pagu_perubahan) == (Decimal(2300000000), Decimal(2000000000))
    assert bab2.jumlah_program == 6
    assert sum(r.pagu for r in bab2.program if r.tingkat == "program") == total.pagu


def test_efisiensi_uses_the_programs_linked_to_each_sasaran(report):
    rows = {e.sasaran: e for e in report.bab3.efisiensi}
    assert len(rows) == 2
    for row in rows.values():
        assert row.kategori == "Efisien"
        assert shown(row.serapan.value) < shown(row.rata_rata_capaian.value)


def test_written_parts_come_from_the_file_and_the_signature_is_complete(report):
    assert report.tanggal == "10 April 2025" and report.tempat == "Blora"
    assert report.penandatangan.nama.startswith("TULUS SETYONO")
    assert report.bab4.permasalahan[0].startswith("Belum optimalnya sarana")
    assert report.bab4.predikat_umum == "Sangat Baik"
    assert not [c for c in report.catatan if "belum ditulis" in c]


def test_missing_written_parts_are_drafted_and_flagged():
    load_file(DEMO)
    LaporanTahunan.objects.all().delete()
    report = build_lkjip(find_opd("kecamatan-jati"), 2024)
    assert report.bab4.rekomendasi == ["[perlu dilengkapi]"]
    assert "Kecamatan Jati" in report.kata_pengantar[0]  # a draft, not an empty page
    assert any("Rekomendasi (Bab IV) belum ditulis" in c for c in report.catatan)


def test_sentences_state_the_figures_of_their_table(report):
    sakip = by_name(report, "Nilai SAKIP")
    text = narasi.analisis_capaian(sakip, 2024)
    assert "73,36" in text and "70,00" in text and "104,80 %" in text and "Sangat Baik" in text
    assert "91,70 %" in narasi.analisis_renstra(sakip, 2024)
    assert "Rp 133.456.039" in narasi.realisasi_anggaran(report.bab3.anggaran, 2024)
    assert "6 (enam) program" in narasi.perjanjian(report.bab2, report.opd, 2024)
