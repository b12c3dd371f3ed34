"""A value a closed quarter kept out arrives when the quarter is reopened."""

from decimal import Decimal

import pytest

from sakip.pengukuran.actions import buka
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from sakip.perencanaan.models import Indikator
from sakip.survei.tautan import perbarui_realisasi
from tests.personas import make_user
from tests.survei_hasil.helpers import (
    WORKED_TOTALS,
    add_responses,
    answers_for_totals,
    layanan,
    periode,
    world,
)

pytestmark = pytest.mark.django_db


def test_the_ikm_arrives_when_the_locked_quarter_is_reopened():
    opd = world()
    Indikator.objects.filter(opd=opd, kode="IKM").update(sumber_realisasi="skm")
    RealisasiKinerja.objects.filter(indikator__opd=opd, indikator__kode="IKM").delete()
    PeriodeLaporan.objects.create(
        pemda=opd.pemda, opd=opd, tahun=2024, triwulan=4, status="dikunci"
    )
    survey = periode(opd)
    add_responses(survey, layanan(opd), answers_for_totals(WORKED_TOTALS, 29))
    [kept_out] = perbarui_realisasi(survey)
    assert not kept_out.written and "dikunci" in kept_out.message
    ikm = RealisasiKinerja.objects.filter(indikator__kode="IKM", tahun=2024, triwulan=4)
    assert not ikm.exists()

    buka(make_user(opd.pemda, "admin_pemda"), opd, 2024, 4, "IKM survei tahunan")

    assert ikm.get().nilai == Decimal("91.48")


def test_the_nilai_sakip_arrives_when_the_locked_quarter_is_reopened(settings, tmp_path):
    from sakip.dataset import load_data
    from sakip.evaluasi.actions import tuliskan_nilai_sakip
    from sakip.organisasi.models import PerangkatDaerah
    from tests.evaluasi.conftest import with_nilai_sakip
    from tests.evaluasi_output.factories import evaluation
    from tests.factories import dataset

    settings.DATA_DIR = tmp_path
    load_data(with_nilai_sakip(dataset()))
    opd = PerangkatDaerah.objects.get(slug="kecamatan-contoh")
    PeriodeLaporan.objects.create(
        pemda=opd.pemda, opd=opd, tahun=2024, triwulan=4, status="dikunci"
    )
    published = evaluation(opd, grade="B")  # every criterion B (70) → total 70,00
    [kept_out] = tuliskan_nilai_sakip(published)
    assert not kept_out.written
    nilai_sakip = RealisasiKinerja.objects.filter(indikator__kode="SAKIP", tahun=2024, triwulan=4)
    assert not nilai_sakip.exists()

    buka(make_user(opd.pemda, "admin_pemda"), opd, 2024, 4, "Nilai SAKIP terbit")

    assert nilai_sakip.get().nilai == published.nilai_akhir == Decimal("70.00")
