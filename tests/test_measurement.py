from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.dataset import load_data
from sakip.formulas.result import Status
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.measurement import measure
from tests.factories import dataset, sub_kegiatan

pytestmark = pytest.mark.django_db


def opd():
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")


def test_capaian_uses_the_last_filled_quarter_of_a_posisi_akhir_indicator():
    load_data(dataset())
    row = measure(opd(), 2024).kinerja[0]
    assert row.realisasi.value == Decimal("86.86")
    assert row.capaian.value.quantize(Decimal("0.0001")) == Decimal("102.1882")
    assert row.predikat == "Sangat Baik"


def test_a_missing_realisasi_is_a_state_not_a_zero():
    data = dataset()
    data["realisasi_kinerja"] = []
    load_data(data)
    result = measure(opd(), 2024)
    row = result.kinerja[0]
    assert row.realisasi.status is Status.MISSING
    assert row.capaian.status is Status.MISSING and row.capaian.value is None
    assert row.predikat is None
    assert any("belum diisi" in note for note in result.catatan)


def test_a_sub_kegiatan_without_realisasi_keeps_the_totals_missing_and_says_which():
    load_data(dataset())
    total = measure(opd(), 2024).anggaran
    assert total.pagu == Decimal(1300000)
    assert total.serapan.status is Status.MISSING
    assert "7.01.02.2.01.0002" in total.serapan.reason


def test_budget_parents_are_sums_of_their_children_and_serapan_comes_from_sums():
    data = dataset()
    sub_kegiatan(data, 1)["realisasi"] = [0, 0, 0, 450000]
    load_data(data)
    total = measure(opd(), 2024).anggaran
    (program,) = total.children
    (kegiatan,) = program.children
    assert [s.realisasi for s in kegiatan.children] == [Decimal(600000), Decimal(450000)]
    assert kegiatan.pagu == program.pagu == total.pagu == Decimal(1300000)
    assert total.realisasi == Decimal(1050000)
    assert total.selisih == Decimal(250000)
    # 1.050.000 / 1.300.000, not the mean of 75 % and 90 %
    assert total.serapan.value.quantize(Decimal("0.01")) == Decimal("80.77")


def test_without_a_pk_the_targets_come_from_the_renstra():
    data = dataset(perjanjian_kinerja=[])
    data["renstra"] = [
        {
            "versi": "murni",
            "tahun_awal": 2021,
            "tahun_akhir": 2026,
            "tujuan": [
                {
                    "kode": "T1",
                    "uraian": "Kepuasan",
                    "indikator": [{"kode": "IKM", "target": {2024: "90"}, "target_akhir": "95"}],
                }
            ],
        }
    ]
    load_data(data)
    result = measure(opd(), 2024)
    assert result.kinerja[0].target.lower == Decimal(90)
    assert any("Belum ada Perjanjian Kinerja" in note for note in result.catatan)


def bigger_dataset(extra: int, slug: str = "kecamatan-contoh"):
    data = dataset()
    data["opd"] = {**data["opd"], "slug": slug}
    kegiatan = data["anggaran"][0]["program"][0]["kegiatan"][0]
    pk_targets = data["perjanjian_kinerja"][0]["sasaran"][0]["indikator"]
    for i in range(extra):
        kode = f"X{i}"
        data["indikator"].append({"kode": kode, "nama": f"Indikator {i}", "satuan": "%"})
        pk_targets.append({"kode": kode, "target": "100"})
        data["realisasi_kinerja"].append(
            {"kode": kode, "tahun": 2024, "triwulan": ["10", "20", "30", "40"]}
        )
        kegiatan["sub_kegiatan"].append(
            {
                "kode": f"7.01.02.2.01.{100 + i:04d}",
                "nama": f"Sub {i}",
                "indikator": [
                    {
                        "kode": f"SK{i}",
                        "nama": f"Keluaran {i}",
                        "satuan": "laporan",
                        "tipe_penghitungan": "kumulatif",
                        "target": "4",
                    }
                ],
                "pagu": {"murni": 1000, "perubahan": 1000},
                "realisasi": [100, 100, 100, 100],
            }
        )
    return data


def queries_for(data) -> int:
    load_data(data)
    unit = PerangkatDaerah.objects.select_related("pemda").get(slug=data["opd"]["slug"])
    with CaptureQueriesContext(connection) as captured:
        measure(unit, 2024)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_number_of_indicators():
    small = queries_for(bigger_dataset(1, "opd-kecil"))
    large = queries_for(bigger_dataset(40, "opd-besar"))
    assert large == small
    assert small <= 10
