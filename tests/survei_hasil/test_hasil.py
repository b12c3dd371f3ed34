"""The results engine through the database: sums in SQL, formulas from sakip.formulas.ikm."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.formulas.numbers import round_half_up
from sakip.organisasi.models import PerangkatDaerah
from sakip.survei.hasil import hasil_periode, ikm_periode, ikm_semua_opd, saran_periode
from tests.survei_hasil.helpers import (
    WORKED_TOTALS,
    add_responses,
    answers_for_totals,
    layanan,
    periode,
    totals_for_sum,
    world,
)

pytestmark = pytest.mark.django_db


def test_the_worked_example_from_raw_responses_gives_nik_91_48_a():
    opd = world()
    p = periode(opd)
    add_responses(p, layanan(opd), answers_for_totals(WORKED_TOTALS, 29))
    ikm = ikm_periode(p)
    assert ikm.responden == 29
    assert ikm.jumlah == tuple(WORKED_TOTALS)
    assert round_half_up(sum(ikm.nrr), 4) == Decimal("32.9310")
    assert round_half_up(ikm.ni, 4) == Decimal("3.6590")
    assert round_half_up(ikm.nik, 2) == Decimal("91.48")
    assert (ikm.mutu, ikm.kinerja) == ("A", "Sangat Baik")
    assert ikm.prioritas == (2,)  # U3, total 100, the lowest NRR


def test_voided_responses_are_not_counted():
    opd = world()
    p = periode(opd)
    service = layanan(opd)
    add_responses(p, service, answers_for_totals(WORKED_TOTALS, 29))
    add_responses(p, service, [[1] * 9] * 10, dibatalkan=True)
    ikm = ikm_periode(p)
    assert ikm.responden == 29
    assert round_half_up(ikm.nik, 2) == Decimal("91.48")


def _total_for(target: Decimal, n: int) -> int:
    """The answer total of n respondents whose NIK, rounded, is `target`."""
    guess = int(target * 9 * n / 25)
    for total in range(guess - 3, guess + 4):
        if round_half_up(Decimal(25 * total) / (9 * n), 2) == target:
            return total
    raise AssertionError(target)


@pytest.mark.parametrize(
    "nik, mutu",
    [
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
    ],
)
def test_mutu_at_the_exact_band_edges(nik, mutu):
    opd = world()
    p = periode(opd)
    n = 360
    total = _total_for(Decimal(nik), n)
    add_responses(p, layanan(opd), answers_for_totals(totals_for_sum(total), n))
    ikm = ikm_periode(p)
    assert round_half_up(ikm.nik, 2) == Decimal(nik)
    assert ikm.mutu == mutu


def test_no_priority_when_every_unsur_is_equal():
    opd = world()
    p = periode(opd)
    add_responses(p, layanan(opd), [[3] * 9] * 4)
    assert ikm_periode(p).prioritas == ()


def test_no_response_is_missing_not_zero():
    opd = world()
    ikm = ikm_periode(periode(opd))
    assert ikm.responden == 0
    assert not ikm.is_computed and ikm.nik is None and ikm.mutu is None


def test_period_results_per_service_sample_demography_and_trend():
    opd = world()
    old = periode(opd, tahun=2023)
    p = periode(opd, populasi=1000)
    ktp = layanan(opd, "ktp", "KTP dan KK", 1)
    sktm = layanan(opd, "sktm", "Surat keterangan tidak mampu", 2)
    add_responses(p, ktp, [[4] * 9] * 6, jenis_kelamin="P", usia=19, pendidikan="s1")
    add_responses(p, sktm, [[3] * 9] * 3, usia=60, pekerjaan="petani", saran="Antrean lama")
    add_responses(old, ktp, [[2] * 9] * 4)

    with CaptureQueriesContext(connection) as captured:
        h = hasil_periode(p)
    assert len(captured) <= 5

    assert h.ikm.responden == 9
    assert round_half_up(h.ikm.nik, 2) == Decimal("91.67")  # (6×4 + 3×3) / 9 × 25
    assert (h.populasi, h.sampel, h.sampel_cukup) == (1000, 278, False)
    assert [(b.nama, b.ikm.responden, b.ikm.nik) for b in h.layanan] == [
        ("KTP dan KK", 6, Decimal(100)),
        ("Surat keterangan tidak mampu", 3, Decimal(75)),
    ]
    sex = {b.label: (b.jumlah, round_half_up(b.persen, 2)) for b in h.demografi[0].baris}
    assert sex == {"Laki-laki": (3, Decimal("33.33")), "Perempuan": (6, Decimal("66.67"))}
    usia = {b.label: b.jumlah for b in h.demografi[1].baris}
    assert usia["< 20"] == 6 and usia["≥ 60"] == 3 and usia["30–39"] == 0
    assert [(t.tahun, t.ikm.nik) for t in h.tren] == [(2023, Decimal(50)), (2024, h.ikm.nik)]
    assert [r.saran for r in saran_periode(p)] == ["Antrean lama"] * 3


def test_a_period_without_population_says_so():
    opd = world()
    h = hasil_periode(periode(opd))
    assert h.sampel is None
    assert any("Populasi belum diisi" in c for c in h.catatan)


def test_every_opd_of_the_pemda_in_one_aggregate_query():
    opd = world()
    other = PerangkatDaerah.objects.create(pemda=opd.pemda, slug="dinas-b", nama="Dinas B")
    annual = periode(opd)
    add_responses(annual, layanan(opd), answers_for_totals(WORKED_TOTALS, 29))
    s1 = periode(other, jenis="semester_1")
    s2 = periode(other, jenis="semester_2")
    service = layanan(other, "izin", "Izin")
    add_responses(s1, service, [[4] * 9] * 2)
    add_responses(s2, service, [[2] * 9] * 2)
    add_responses(periode(other, tahun=2023), service, [[1] * 9] * 5)  # another year

    with CaptureQueriesContext(connection) as captured:
        rows = {r.slug: r for r in ikm_semua_opd(opd.pemda, 2024)}
    assert len(captured) == 3  # the year's periods, the aggregate, the OPD list
    assert round_half_up(rows["kecamatan-contoh"].ikm.nik, 2) == Decimal("91.48")
    assert rows["dinas-b"].ikm.responden == 4  # both semesters pooled
    assert rows["dinas-b"].ikm.nik == Decimal(75)
    assert (rows["dinas-b"].dasar, rows["kecamatan-contoh"].dasar) == (
        "Semester I dan II",
        "Tahunan",
    )
