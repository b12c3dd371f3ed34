"""The demo tells one story: Kecamatan Jati's survey gives the IKM the demo reports."""

from decimal import Decimal
from pathlib import Path

import pytest

import sakip.demo
from sakip.dataset import load_file
from sakip.formulas.numbers import round_half_up
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import RealisasiKinerja
from sakip.survei.demo import load_demo
from sakip.survei.hasil import hasil_periode, ikm_periode
from sakip.survei.models import PeriodeSurvei, Respons

pytestmark = pytest.mark.django_db
DEMO_FILE = Path(sakip.demo.__file__).parent / "data" / "kecamatan-jati.yaml"


@pytest.fixture
def jati():
    load_file(DEMO_FILE)
    opd = PerangkatDaerah.objects.get(slug="kecamatan-jati")
    load_demo(opd)
    return opd


def test_the_survey_gives_the_demo_ikm(jati):
    p2024 = PeriodeSurvei.objects.get(opd=jati, tahun=2024)
    p2023 = PeriodeSurvei.objects.get(opd=jati, tahun=2023)
    h = hasil_periode(p2024)
    assert round_half_up(h.ikm.nik, 2) == Decimal("86.66") and h.ikm.mutu == "B"
    assert round_half_up(ikm_periode(p2023).nik, 2) == Decimal("85.00")
    assert (h.ikm.responden, h.populasi, h.sampel) == (400, 12000, 372)
    assert [kode for kode, _n, _v in h.prioritas] == ["U8"]
    assert len(h.layanan) == 5 and all(b.ikm.responden for b in h.layanan)
    assert {d.judul: sum(b.jumlah for b in d.baris) for d in h.demografi} == dict.fromkeys(
        ["Jenis kelamin", "Usia", "Pendidikan", "Pekerjaan"], 400
    )
    assert Respons.objects.filter(periode=p2024).exclude(saran="").exists()
    assert not Respons.objects.filter(periode=p2024, diterima__year=2025).exists()


def test_the_linked_indicators_take_their_realisation_from_the_survey(jati):
    for kode in ("IKM", "P-7.01.02"):
        row = RealisasiKinerja.objects.get(
            indikator__opd=jati, indikator__kode=kode, tahun=2024, triwulan=4
        )
        assert row.nilai == Decimal("86.66")
        assert row.sumber == "SKM Tahunan 2024: IKM 86,66 (B)"
    row = RealisasiKinerja.objects.get(indikator__kode="IKM", tahun=2023, triwulan=4)
    assert (row.nilai, row.sumber[:16]) == (Decimal("85.00"), "SKM Tahunan 2023")
    ikm = next(r for r in measure(jati, 2024).kinerja if r.kode == "IKM")
    assert round_half_up(ikm.capaian.value, 2) == Decimal("101.95")  # 86,66 / 85


def test_it_loads_once(jati):
    count = Respons.objects.count()
    assert load_demo(jati) == []
    assert Respons.objects.count() == count


def test_the_demo_seeds_the_questions_as_the_first_service_does(jati):
    """The same seeding as `actions.siapkan_unsur`: nine rows, versi 1, with the reason in
    their history."""
    from sakip.survei.models import PertanyaanUnsur

    rows = PertanyaanUnsur.objects.filter(opd=jati).order_by("kode")
    assert [u.kode for u in rows] == [f"U{i}" for i in range(1, 10)]
    assert {u.versi for u in rows} == {1}
    reasons = {u.history.first().history_change_reason for u in rows}
    assert reasons == {"pertanyaan standar PermenPAN-RB 14/2017"}


def test_the_public_form_of_the_demo_is_open_today(jati):
    from django.utils import timezone

    from sakip.survei.publik import periode_berjalan

    this_year = PeriodeSurvei.objects.get(opd=jati, tahun=timezone.localdate().year)
    assert this_year.dibuka and not this_year.respons.exists()
    assert periode_berjalan(jati.layanan.first()) == this_year
    past = PeriodeSurvei.objects.get(opd=jati, tahun=2024)
    assert not past.dibuka and past.keadaan_formulir == "ditutup"
