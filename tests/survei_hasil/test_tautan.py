"""The IKM of a period becomes the realisation of the SKM-linked indicators."""

from decimal import Decimal

import pytest

from sakip.formulas.numbers import round_half_up
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from sakip.perencanaan.models import Indikator
from sakip.survei.models import Respons
from sakip.survei.tautan import keadaan_tautan, perbarui_realisasi
from tests.survei_hasil.helpers import (
    WORKED_TOTALS,
    add_responses,
    answers_for_totals,
    layanan,
    periode,
    world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    opd = world()
    Indikator.objects.filter(opd=opd, kode="IKM").update(sumber_realisasi="skm")
    p = periode(opd)
    add_responses(p, layanan(opd), answers_for_totals(WORKED_TOTALS, 29))
    return p


def _ikm_row(p):
    return RealisasiKinerja.objects.get(
        indikator__opd=p.opd, indikator__kode="IKM", tahun=2024, triwulan=4
    )


def _capaian(p):
    found = next(r for r in measure(p.opd, 2024).kinerja if r.kode == "IKM").capaian
    return round_half_up(found.value, 2)


def test_the_ikm_becomes_the_realisation_and_the_capaian_follows(linked):
    assert _capaian(linked) == Decimal("102.19")  # typed TW IV
    results = perbarui_realisasi(linked)
    assert [r.written for r in results] == [True]
    row = _ikm_row(linked)
    assert row.nilai == Decimal("91.48")
    assert row.sumber == "SKM Tahunan 2024: IKM 91,48 (A)"
    assert row.history.first().history_change_reason == row.sumber
    assert _capaian(linked) == Decimal("107.62")
    assert all(k.sama for k in keadaan_tautan(linked))


def test_a_manual_indicator_is_left_alone():
    opd = world()
    p = periode(opd)
    add_responses(p, layanan(opd), [[4] * 9])
    assert perbarui_realisasi(p) == []
    assert RealisasiKinerja.objects.get(indikator__opd=opd, triwulan=4).nilai == Decimal("86.86")


def test_a_new_response_updates_it_and_voiding_all_clears_it(linked):
    perbarui_realisasi(linked)
    add_responses(linked, linked.opd.layanan.first(), [[1] * 9])
    perbarui_realisasi(linked)
    assert _ikm_row(linked).sumber == "SKM Tahunan 2024: IKM 89,26 (A)"  # 964 / 30 / 9 × 25
    Respons.objects.filter(periode=linked).update(dibatalkan=True)
    results = perbarui_realisasi(linked)
    assert results[0].written
    assert not RealisasiKinerja.objects.filter(indikator__kode="IKM", triwulan=4).exists()


def test_a_locked_quarter_is_not_written_and_the_results_page_says_why(linked):
    PeriodeLaporan.objects.create(
        pemda=linked.pemda, opd=linked.opd, tahun=2024, triwulan=4, status="dikunci"
    )
    results = perbarui_realisasi(linked)
    assert [r.written for r in results] == [False]
    assert "dikunci" in results[0].message
    assert _ikm_row(linked).nilai == Decimal("86.86")
    [state] = keadaan_tautan(linked)
    assert not state.sama
    assert "IKM terbaru belum masuk ke realisasi karena triwulan IV sudah dikunci" in state.pesan


def test_a_semester_writes_to_its_quarter():
    opd = world()
    Indikator.objects.filter(opd=opd, kode="IKM").update(sumber_realisasi="skm")
    p = periode(opd, jenis="semester_1")
    add_responses(p, layanan(opd), [[3] * 9] * 4)
    perbarui_realisasi(p)
    row = RealisasiKinerja.objects.get(indikator__kode="IKM", tahun=2024, triwulan=2)
    assert (row.nilai, row.sumber[:17]) == (Decimal("75.00"), "SKM Semester I 20")


def test_the_year_is_both_semesters_pooled_as_on_the_pemda_page():
    from sakip.survei.hasil import ikm_semua_opd

    opd = world()
    Indikator.objects.filter(opd=opd, kode="IKM").update(sumber_realisasi="skm")
    service = layanan(opd)
    first = periode(opd, jenis="semester_1")
    second = periode(opd, jenis="semester_2")
    add_responses(first, service, [[3] * 9] * 4)  # NIK 75,00
    add_responses(second, service, [[4] * 9] * 4)  # NIK 100,00
    perbarui_realisasi(second)
    quarters = dict(
        RealisasiKinerja.objects.filter(indikator__kode="IKM", tahun=2024).values_list(
            "triwulan", "sumber"
        )
    )
    assert quarters == {
        2: "SKM Semester I 2024: IKM 75,00 (C)",
        4: "SKM Semester I dan II 2024: IKM 87,50 (B)",
    }
    [row] = [r for r in ikm_semua_opd(opd.pemda, 2024) if r.opd_id == opd.pk]
    assert (row.ikm.nik, row.dasar) == (Decimal("87.5"), "Semester I dan II")


def test_a_value_typed_before_the_link_stays_and_one_the_survey_wrote_goes():
    opd = world()  # the dataset has a typed TW II realisation of 80,50
    Indikator.objects.filter(opd=opd, kode="IKM").update(sumber_realisasi="skm")
    p = periode(opd, jenis="semester_1")
    responses = add_responses(p, layanan(opd), [[3] * 9] * 4)
    perbarui_realisasi(p)
    tw2 = RealisasiKinerja.objects.filter(indikator__kode="IKM", tahun=2024, triwulan=2)
    assert tw2.get().nilai == Decimal("75.00")
    Respons.objects.filter(pk__in=[r.pk for r in responses]).update(dibatalkan=True)
    perbarui_realisasi(p)
    assert not tw2.exists()  # the survey's value goes with its responses

    typed = RealisasiKinerja.objects.create(
        pemda=opd.pemda,
        indikator=Indikator.objects.get(opd=opd, kode="IKM"),
        tahun=2024,
        triwulan=2,
        nilai=Decimal("80.50"),
    )
    assert perbarui_realisasi(p) == []
    assert tw2.get() == typed
