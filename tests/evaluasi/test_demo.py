"""Kecamatan Jati's Evaluasi AKIP 2024: from criterion grades to the reported Nilai SAKIP
73,36 (BB), written into the indicator with its source; loaded once."""

from decimal import Decimal
from fractions import Fraction

import pytest

from sakip.dataset import load_file
from sakip.demo.management.commands.demo import DEMO_FILE
from sakip.evaluasi import demo, reachable, scoring
from sakip.evaluasi.models import Evaluasi, JawabanKriteria, Rekomendasi
from sakip.formulas.numbers import round_half_up
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import RealisasiKinerja

pytestmark = pytest.mark.django_db


@pytest.fixture
def jati(db):
    load_file(DEMO_FILE)
    return PerangkatDaerah.objects.get(slug="kecamatan-jati")


def test_the_demo_evaluation_arrives_at_73_36_bb_from_grades(jati):
    lines = demo.load_demo(jati)
    evaluasi = Evaluasi.objects.get(opd=jati, tahun=2024)
    assert evaluasi.dipublikasikan and evaluasi.predikat == "BB"
    result = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.EVALUATOR)
    assert result.total == Decimal("73.36")
    assert evaluasi.nilai_akhir == Decimal("73.36")
    assert "Evaluasi AKIP demo 2024: nilai 73,36 (BB) dari 80 kriteria." in lines
    # self-assessment and grades are separate, and the OPD rated itself higher
    mandiri = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.MANDIRI)
    assert mandiri.total > result.total
    assert not JawabanKriteria.objects.filter(evaluasi=evaluasi, catatan_evaluator="").exists()


def test_the_nilai_sakip_indicator_takes_the_evaluation_with_its_source(jati):
    demo.load_demo(jati)
    row = RealisasiKinerja.objects.get(indikator__kode="SAKIP", tahun=2024, triwulan=4)
    assert row.nilai == Decimal("73.36")
    assert row.sumber == "Evaluasi AKIP 2024 (LKE PermenPAN-RB 88/2021), diterbitkan 12 Maret 2025"
    sakip = {r.kode: r for r in measure(jati, 2024).kinerja}["SAKIP"]
    assert sakip.realisasi.value == Decimal("73.36")
    assert round_half_up(sakip.capaian.value, 2) == Decimal("104.80")  # 73,36 / 70


def test_73_36_is_reached_exactly_and_every_figure_adds_up(jati):
    from sakip.evaluasi.instrument import shipped_for

    total, grades = demo.demo_grades(shipped_for(jati.pemda))
    assert total == Fraction(7336, 100)
    assert len(grades) == 80
    demo.load_demo(jati)
    evaluasi = Evaluasi.objects.get(opd=jati, tahun=2024)
    assert evaluasi.nilai_akhir == Decimal("73.36") and evaluasi.predikat == "BB"
    result = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.EVALUATOR)
    assert result.total == Decimal("73.36")
    assert sum(c.score for c in result.components) == result.total
    for component in result.components:
        assert component.score == sum(s.score for s in component.subcomponents)


def test_recommendations_one_closed_one_waiting_one_open(jati):
    demo.load_demo(jati)
    statuses = list(Rekomendasi.objects.order_by("urutan").values_list("status", flat=True))
    assert statuses == ["selesai", "menunggu", "terbuka"]


def test_running_the_demo_twice_changes_nothing(jati):
    demo.load_demo(jati)
    counts = (
        Evaluasi.objects.count(),
        JawabanKriteria.objects.count(),
        JawabanKriteria.history.count(),
        RealisasiKinerja.history.count(),
    )
    assert demo.load_demo(jati) == []
    assert counts == (
        Evaluasi.objects.count(),
        JawabanKriteria.objects.count(),
        JawabanKriteria.history.count(),
        RealisasiKinerja.history.count(),
    )


def test_nearest_finds_an_exact_total_when_there_is_one_and_the_closest_otherwise():
    # a: weight 50, two criteria → 0, 20, 25, 40, 45, 50; b: weight 50, one criterion → 0, 40, 50
    subs = [reachable.Sub("a", Fraction(50), 2), reachable.Sub("b", Fraction(50), 1)]
    total, sums = reachable.nearest(subs, [100, 80, 0], Fraction(65))
    assert total == 65 and sums == {"a": 100, "b": 80}  # 25 + 40
    total, _sums = reachable.nearest(subs, [100, 80, 0], Fraction(66))
    assert total == 65
    assert sorted(reachable.split(100, 2, [100, 80, 0], 50)) == [0, 100]


def test_nearest_counts_in_the_engines_rounded_cents():
    # weight 5, three criteria of 90 or 70: 3,50; 3,8333.. → 3,83; 4,1666.. → 4,17; 4,50
    sub = reachable.Sub("a", Fraction(5), 3)
    assert [reachable.cents(sub, s) for s in (210, 230, 250, 270)] == [350, 383, 417, 450]
    total, sums = reachable.nearest([sub], [90, 70], Fraction(383, 100))
    assert total == Fraction(383, 100) and sums == {"a": 230}
    total, _sums = reachable.nearest([sub], [90, 70], Fraction(4))  # 3,83 and 4,17 are 0,17 off
    assert total == Fraction(383, 100)  # the lower on a tie
    # 7,5 × 75 / 100 = 5,625 rounds half-up to 5,63 as the engine does
    assert reachable.cents(reachable.Sub("b", Fraction(15, 2), 2), 150) == 563


def test_the_team_is_the_demo_accounts_and_made_without_password_when_missing(jati):
    from django.contrib.auth import get_user_model

    from sakip.demo.accounts import ensure_demo_accounts

    made = {a.username: a.password for a in ensure_demo_accounts(jati)}
    assert made["evaluator-blora"] and made["ketua-tim-blora"]
    demo.load_demo(jati)
    evaluasi = Evaluasi.objects.get(opd=jati, tahun=demo.TAHUN)
    assert (evaluasi.evaluator.username, evaluasi.ketua_tim.username) == (
        "evaluator-blora",
        "ketua-tim-blora",
    )
    assert evaluasi.evaluator.has_usable_password()  # the demo's password still holds
    assert not get_user_model().objects.filter(username="auditor-blora").exists()


def test_the_loader_alone_makes_the_team_without_a_password(jati):
    demo.load_demo(jati)
    evaluasi = Evaluasi.objects.get(opd=jati, tahun=demo.TAHUN)
    assert evaluasi.evaluator.username == "evaluator-blora"
    assert not evaluasi.ketua_tim.has_usable_password()
    assert evaluasi.ketua_tim.akun.peran == "evaluator"
