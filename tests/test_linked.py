"""Realisations written by their source (SKM, Evaluasi AKIP) instead of an operator."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.actions import simpan_realisasi_kinerja
from sakip.pengukuran.linked import (
    linked_indicators,
    record_linked_realisasi,
    triwulan_for_period,
)
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from sakip.perencanaan.models import Indikator
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
SOURCE = "SKM Tahunan 2024: IKM 91,48 (A)"


@pytest.fixture
def ikm():
    data = dataset()
    data["indikator"][0]["sumber_realisasi"] = "skm"
    data["realisasi_kinerja"] = []
    load_data(data)
    opd = PerangkatDaerah.objects.get(slug="kecamatan-contoh")
    return Indikator.objects.select_related("opd__pemda").get(opd=opd, kode="IKM")


def capaian_ikm(opd):
    row = next(r for r in measure(opd, 2024).kinerja if r.kode == "IKM")
    return row.capaian


def test_the_loader_links_an_indicator_and_the_lookup_finds_it(ikm):
    assert ikm.sumber_realisasi == "skm"
    assert list(linked_indicators(ikm.opd, "skm")) == [ikm]
    assert list(linked_indicators(ikm.opd, "lke")) == []


def test_a_written_value_moves_the_capaian_and_the_history_says_where_from(ikm):
    assert not capaian_ikm(ikm.opd).is_computed
    result = record_linked_realisasi(ikm, 2024, 4, Decimal("91.4827"), SOURCE)
    assert result.written and "91,48" in result.message
    row = RealisasiKinerja.objects.get(indikator=ikm, tahun=2024, triwulan=4)
    assert row.nilai == Decimal("91.48") and row.sumber == SOURCE  # rounded to presisi 2
    # target 85 (PK): 91,48 / 85 = 107,62 %
    assert capaian_ikm(ikm.opd).value.quantize(Decimal("0.01")) == Decimal("107.62")
    assert row.history.first().history_change_reason == SOURCE


def test_the_same_value_again_writes_nothing_and_none_clears(ikm):
    record_linked_realisasi(ikm, 2024, 4, Decimal("91.48"), SOURCE)
    again = record_linked_realisasi(ikm, 2024, 4, Decimal("91.48"), SOURCE)
    assert not again.written and again.message == ""
    assert RealisasiKinerja.history.filter(indikator_id=ikm.pk).count() == 1
    cleared = record_linked_realisasi(ikm, 2024, 4, None, SOURCE)
    assert cleared.written
    assert not RealisasiKinerja.objects.filter(indikator=ikm).exists()


def test_a_quarter_no_longer_editable_is_left_alone_with_a_message(ikm):
    PeriodeLaporan.objects.create(
        pemda=ikm.pemda, opd=ikm.opd, tahun=2024, triwulan=4, status="dikunci"
    )
    result = record_linked_realisasi(ikm, 2024, 4, Decimal("91.48"), SOURCE)
    assert not result.written
    assert "dikunci" in result.message
    assert not RealisasiKinerja.objects.filter(indikator=ikm).exists()


def test_a_value_outside_the_scale_is_refused_with_the_reason(ikm):
    result = record_linked_realisasi(ikm, 2024, 4, Decimal("3.66"), SOURCE)
    assert not result.written and "skala NI" in result.message
    assert not RealisasiKinerja.objects.filter(indikator=ikm).exists()


def test_an_operator_cannot_type_a_linked_realisation(ikm):
    operator = make_user(ikm.pemda, "operator", ikm.opd)
    with pytest.raises(ValidationError) as refused:
        simpan_realisasi_kinerja(operator, ikm, 2024, 4, Decimal("90"), "", 0)
    assert "ditulis otomatis dari hasil Survei Kepuasan Masyarakat (IKM)." in str(refused.value)


def test_a_manual_indicator_cannot_be_written_by_a_source(ikm):
    ikm.sumber_realisasi = "manual"
    with pytest.raises(ValueError):
        record_linked_realisasi(ikm, 2024, 4, Decimal("90"), SOURCE)


def test_periods_write_to_their_last_quarter():
    assert [triwulan_for_period(j) for j in ("semester_1", "semester_2", "tahun")] == [2, 4, 4]


def test_the_entry_page_shows_the_source_instead_of_an_input(client, ikm):
    from django.urls import reverse

    record_linked_realisasi(ikm, 2024, 4, Decimal("91.48"), SOURCE)
    client.force_login(make_user(ikm.pemda, "operator", ikm.opd))
    page = client.get(reverse("triwulan", args=["kecamatan-contoh", 2024, 4])).content.decode()
    assert SOURCE in page
    assert 'name="r-IKM-nilai"' not in page
    history = client.get(reverse("riwayat_kinerja", args=["kecamatan-contoh", 2024, 4, "IKM"]))
    assert SOURCE in history.content.decode()


def test_reopening_a_quarter_tells_the_sources(ikm):
    from sakip.pengukuran.actions import buka, kembalikan
    from sakip.pengukuran.linked import quarter_reopened

    heard = []

    def listener(sender, opd, tahun, triwulan, **kwargs):
        heard.append((opd.slug, tahun, triwulan))

    quarter_reopened.connect(listener)
    try:
        PeriodeLaporan.objects.create(
            pemda=ikm.pemda, opd=ikm.opd, tahun=2024, triwulan=4, status="dikunci"
        )
        buka(make_user(ikm.pemda, "admin_pemda"), ikm.opd, 2024, 4, "koreksi IKM")
        PeriodeLaporan.objects.create(
            pemda=ikm.pemda, opd=ikm.opd, tahun=2024, triwulan=2, status="diajukan"
        )
        kembalikan(make_user(ikm.pemda, "pimpinan", ikm.opd), ikm.opd, 2024, 2, "cek lagi")
    finally:
        quarter_reopened.disconnect(listener)
    assert heard == [("kecamatan-contoh", 2024, 4), ("kecamatan-contoh", 2024, 2)]
