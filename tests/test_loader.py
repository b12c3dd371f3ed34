from decimal import Decimal

import pytest

from sakip.dataset import DatasetError, load_data
from sakip.organisasi.models import Pemda
from sakip.pengukuran.models import RealisasiAnggaran, RealisasiKinerja
from sakip.perencanaan.models import Pagu
from tests.factories import dataset, sub_kegiatan

pytestmark = pytest.mark.django_db


def load_expecting_error(data) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        load_data(data, source="uji.yaml")
    assert Pemda.objects.count() == 0, "a refused file must save nothing"
    return caught.value


def test_it_loads_quarters_as_rows_and_skips_empty_quarters():
    load_data(dataset())
    assert sorted(RealisasiAnggaran.objects.values_list("triwulan", flat=True)) == [1, 2, 4]
    assert list(RealisasiKinerja.objects.order_by("triwulan").values_list("triwulan", "nilai")) == [
        (2, Decimal("80.50")),
        (4, Decimal("86.86")),
    ]


def test_loading_the_same_file_twice_changes_nothing():
    load_data(dataset())
    history_before = Pagu.history.count()
    second = load_data(dataset())
    assert not second.changed
    assert Pagu.history.count() == history_before


def test_a_changed_value_is_written_with_history_and_reason():
    load_data(dataset())
    data = dataset()
    sub_kegiatan(data)["pagu"]["perubahan"] = 900000
    report = load_data(data, source="revisi.yaml")
    assert report.written["Pagu"] == 1
    latest = Pagu.history.order_by("-history_date").first()
    assert latest.jumlah == 900000
    assert latest.history_change_reason == "dimuat dari revisi.yaml"


def test_a_quarter_emptied_in_the_file_is_removed():
    load_data(dataset())
    data = dataset()
    sub_kegiatan(data)["realisasi"] = [100000, None, None, None]
    load_data(data)
    assert RealisasiAnggaran.objects.count() == 1


def test_it_refuses_realisasi_above_pagu_and_names_the_sub_kegiatan():
    data = dataset()
    sub_kegiatan(data)["realisasi"] = [500000, 400000, None, None]
    error = load_expecting_error(data)
    assert "7.01.02.2.01.0001" in str(error)
    assert "Rp 900.000 melebihi pagu Rp 800.000" in str(error)


def test_it_refuses_a_negative_budget():
    data = dataset()
    sub_kegiatan(data, 1)["pagu"]["perubahan"] = -5
    error = load_expecting_error(data)
    assert "7.01.02.2.01.0002" in str(error)
    assert "negatif" in str(error)


def test_it_refuses_text_where_a_number_belongs():
    data = dataset()
    data["realisasi_kinerja"][0]["triwulan"] = [None, None, None, "delapan puluh"]
    error = load_expecting_error(data)
    assert "IKM 2024" in str(error)
    assert "delapan puluh" in str(error)


def test_it_refuses_an_ikm_on_the_ni_scale_and_says_how_to_convert():
    data = dataset()
    data["realisasi_kinerja"][0]["triwulan"] = [None, None, None, "3.44"]
    error = load_expecting_error(data)
    assert "skala NI" in str(error)
    assert "86,00" in str(error)


def test_it_refuses_an_unknown_indicator_in_the_pk():
    data = dataset()
    data["perjanjian_kinerja"][0]["sasaran"][0]["indikator"][0]["kode"] = "XYZ"
    error = load_expecting_error(data)
    assert "perjanjian_kinerja[0]" in str(error)
    assert "'XYZ'" in str(error)


def test_it_refuses_a_pagu_missing_for_the_version_in_force():
    data = dataset()
    sub_kegiatan(data)["pagu"] = {"murni": 1000000}
    error = load_expecting_error(data)
    assert "perubahan" in str(error)


def test_a_file_cannot_change_a_signed_pk():
    load_data(dataset())
    data = dataset()
    data["perjanjian_kinerja"][0]["sasaran"][0]["indikator"][0]["target"] = "90"
    with pytest.raises(DatasetError) as caught:
        load_data(data)
    assert "sudah ditandatangani" in str(caught.value)
    from sakip.perencanaan.models import TargetPK

    assert TargetPK.objects.get().target == Decimal(85)
    assert not load_data(dataset()).changed  # the same file still loads


def test_a_file_cannot_change_a_submitted_quarter():
    from sakip.organisasi.models import PerangkatDaerah
    from sakip.pengukuran.models import PeriodeLaporan

    load_data(dataset())
    opd = PerangkatDaerah.objects.get()
    PeriodeLaporan.objects.create(
        pemda=opd.pemda, opd=opd, tahun=2024, triwulan=4, status="dikunci"
    )
    data = dataset()
    data["realisasi_kinerja"][0]["triwulan"] = [None, "80.50", None, "90"]
    with pytest.raises(DatasetError) as caught:
        load_data(data)
    assert "triwulan 4 tahun 2024 berstatus dikunci" in str(caught.value)
    data = dataset()
    sub_kegiatan(data)["realisasi"] = [100000, 200000, None, None]  # removing TW IV
    with pytest.raises(DatasetError):
        load_data(data)
    assert RealisasiAnggaran.objects.filter(triwulan=4).count() == 1
    data = dataset()
    data["realisasi_kinerja"][0]["triwulan"] = [None, "81", None, "86.86"]  # TW II is open
    load_data(data)
    assert RealisasiKinerja.objects.get(triwulan=2).nilai == Decimal(81)
