"""The IKM of a period becomes the realisation of the SKM-linked indicators."""

from decimal import Decimal

import pytest

from sakip.formulas.numbers import round_half_up
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from sakip.perencanaan.models import Indikator
from sakip.survei.hasil import ikm_periode
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
    assert all(k.sama for k in keadaan_tautan(linked, ikm_periode(linked)))


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
    [state] = keadaan_tautan(linked, ikm_periode(linked))
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
