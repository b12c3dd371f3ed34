"""The recap's ranking and averages from the engine's results, and its chart (no database)."""

from decimal import Decimal

from sakip.evaluasi.rekap import mean, susun_rekap
from sakip.evaluasi.rekap_chart import nilai_per_opd
from sakip.formulas.lke import LKE_88_2021, lke_total


def hasil(grade: str, slug: str, nama: str, missing: bool = False):
    grades = {kode: [grade] for kode in LKE_88_2021.subcomponent_kodes}
    if missing:
        grades["2.b"] = [None]
    return slug, nama, lke_total(grades)


def test_ranks_by_total_with_shared_ranks_and_the_ungraded_last():
    rekap = susun_rekap(
        "Kabupaten Contoh",
        2024,
        LKE_88_2021,
        [
            hasil("B", "c", "Camat C"),
            hasil("A", "a", "Dinas A"),
            hasil("AA", "x", "Belum Lengkap", missing=True),
            hasil("B", "b", "Badan B"),
            hasil("CC", "d", "Dinas D"),
        ],
    )
    order = [(b.opd, b.peringkat, b.total, b.predikat) for b in rekap.baris]
    assert order == [
        ("Dinas A", 1, Decimal(90), "A"),
        ("Badan B", 2, Decimal(70), "B"),  # equal totals: same rank, by name
        ("Camat C", 2, Decimal(70), "B"),
        ("Dinas D", 4, Decimal(60), "CC"),
        ("Belum Lengkap", None, None, None),
    ]
    assert [k.nama for k in rekap.komponen][0] == "Perencanaan Kinerja"
    assert rekap.baris[0].komponen == (Decimal(27), Decimal(27), Decimal("13.5"), Decimal("22.5"))


def test_averages_leave_out_what_is_missing():
    rekap = susun_rekap(
        "Kabupaten Contoh",
        2024,
        LKE_88_2021,
        [hasil("A", "a", "A"), hasil("B", "b", "B"), hasil("AA", "c", "C", missing=True)],
    )
    assert rekap.rata_total == Decimal(80)  # (90 + 70) / 2, not / 3
    assert rekap.predikat_rata == "BB"  # 80 is not > 80
    # Pengukuran: C's 2.b is ungraded, so its component has no score
    assert rekap.rata_komponen[1] == Decimal(24)
    assert rekap.rata_komponen[0] == Decimal("26.00")  # (27 + 21 + 30) / 3, to 2 decimals
    assert mean([None, None]) is None


def test_the_average_row_adds_up_like_every_other_row():
    # component means 23 / 23 / 11,5 / 19,1666.. → 19,17; the average total is their sum, 76,67
    rekap = susun_rekap(
        "Kabupaten Contoh",
        2024,
        LKE_88_2021,
        [hasil("A", "a", "A"), hasil("B", "b", "B"), hasil("B", "c", "B")],
    )
    assert all(v == v.quantize(Decimal("0.01")) for v in rekap.rata_komponen)
    assert rekap.rata_total == sum(rekap.rata_komponen)
    for row in rekap.baris:
        assert row.total == sum(row.komponen)


def test_an_empty_year_has_no_averages():
    rekap = susun_rekap("Kabupaten Contoh", 2024, LKE_88_2021, [])
    assert rekap.baris == () and rekap.rata_total is None and rekap.predikat_rata is None


def test_the_chart_is_a_deterministic_png():
    items = [("Dinas A", Decimal("84.12"), "A"), ("Kecamatan B", None, None)]
    first = nilai_per_opd(items, Decimal("84.12"), "Nilai Evaluasi AKIP 2024")
    assert first.startswith(b"\x89PNG")
    assert first == nilai_per_opd(items, Decimal("84.12"), "Nilai Evaluasi AKIP 2024")
    assert first != nilai_per_opd(items[:1], Decimal("84.12"), "Nilai Evaluasi AKIP 2024")
    assert nilai_per_opd([], None, "kosong").startswith(b"\x89PNG")
