from decimal import Decimal
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.formulas import (
    KATEGORI_EFISIENSI,
    FormulaInputError,
    MetodeEfisiensi,
    Result,
    Status,
    efisiensi,
    rata_rata_capaian,
    round_half_up,
    serapan,
)

from .helpers import PROPERTY

D = Decimal
VS = MetodeEfisiensi.CAPAIAN_VS_SERAPAN
SISA = MetodeEfisiensi.SISA_ANGGARAN


def computed(value):
    return Result.computed(D(value))


@pytest.mark.parametrize(
    ("capaian", "serapan_value", "kategori"),
    [
        ("101.1", "93.33", "Efisien"),  # seed Tabel 3.5
        ("100", "100", "Kurang Efisien"),
        ("101", "105", "Kurang Efisien"),
        ("90", "80", "Cukup Efisien"),
        ("90", "90", "Cukup Efisien"),
        ("90", "95", "Tidak Efisien"),
    ],
)
def test_every_combination_of_capaian_and_serapan_has_a_category(capaian, serapan_value, kategori):
    result = efisiensi(computed(capaian), computed(serapan_value), VS)
    assert result.kategori == kategori
    assert result.status is Status.COMPUTED
    assert result.nilai is None


def test_category_table_covers_each_combination_exactly_once():
    keys = [
        (row.capaian_tercapai, row.serapan_dibanding_capaian)
        for row in KATEGORI_EFISIENSI
        if row.capaian_tercapai is not None
    ]
    assert sorted(keys) == sorted(product([True, False], ["<", "=", ">"]))
    assert {row.kategori for row in KATEGORI_EFISIENSI} == {
        "Efisien",
        "Kurang Efisien",
        "Cukup Efisien",
        "Tidak Efisien",
        "Belum Ada Data",
        "Tidak Dapat Dihitung",
    }


def test_sisa_anggaran_is_100_minus_serapan_when_the_target_is_met():
    budget = serapan(D(2000000000), D(1866543961))
    result = efisiensi(computed("101.1"), budget, SISA)
    assert result.kategori == "Efisien"
    assert result.nilai == D("6.67280195")
    assert round_half_up(result.nilai, 2) == D("6.67")


def test_sisa_anggaran_is_not_reported_when_the_target_is_missed():
    result = efisiensi(computed("95"), computed("80"), SISA)
    assert result.nilai is None
    assert result.kategori == "Cukup Efisien"
    assert "target belum tercapai" in result.reason


def test_comparison_uses_the_values_as_shown_rounded_to_2_decimals():
    result = efisiensi(computed("99.999"), computed("80"), VS)  # capaian shown as 100,00
    assert result.kategori == "Efisien"
    result = efisiensi(computed("95.001"), computed("95.004"), VS)  # both shown as 95,00
    assert result.kategori == "Cukup Efisien"


def test_missing_capaian_gives_no_category_and_no_value():
    result = efisiensi(Result.missing("realisasi belum diisi"), computed("90"), SISA)
    assert result.status is Status.MISSING
    assert result.kategori == "Belum Ada Data"
    assert result.nilai is None
    assert result.reason == "capaian: realisasi belum diisi"


def test_not_computable_wins_over_missing():
    result = efisiensi(Result.not_computable("target 0"), Result.missing("x"), VS)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.kategori == "Tidak Dapat Dihitung"
    assert result.reason == "capaian: target 0; serapan: x"


def test_method_may_be_given_by_its_stored_value():
    assert efisiensi(computed(101), computed(90), "sisa_anggaran").nilai == D(10)


def test_unknown_method_is_refused():
    with pytest.raises(FormulaInputError, match="metode efisiensi harus salah satu"):
        efisiensi(computed(1), computed(1), "eka")


def test_efisiensi_needs_results_not_bare_numbers():
    with pytest.raises(FormulaInputError):
        efisiensi(D(100), computed(1), VS)


def test_rata_rata_capaian_is_the_mean_of_computed_capaian():
    result = rata_rata_capaian([computed("101.1"), computed("104.8")])
    assert result.value == D("102.95")
    assert result.reason == ""


def test_rata_rata_capaian_leaves_out_missing_indicators_and_says_so():
    result = rata_rata_capaian([computed(100), Result.missing("x"), computed(90)])
    assert result.value == D(95)
    assert result.reason.startswith("rata-rata dari 2 dari 3 indikator")


def test_rata_rata_capaian_with_nothing_computed_is_missing():
    assert rata_rata_capaian([]).status is Status.MISSING
    assert rata_rata_capaian([Result.missing("x")]).status is Status.MISSING
    both = rata_rata_capaian([Result.missing("x"), Result.not_computable("y")])
    assert both.status is Status.MISSING
    assert both.value is None


def test_rata_rata_capaian_when_all_are_not_computable_is_not_computable():
    result = rata_rata_capaian([Result.not_computable("x"), Result.not_computable("y")])
    assert result.status is Status.NOT_COMPUTABLE


percent = st.decimals(min_value=0, max_value=300, places=4)
any_result = st.one_of(
    percent.map(Result.computed),
    st.just(Result.missing("x")),
    st.just(Result.not_computable("y")),
)


@PROPERTY
@given(any_result, any_result, st.sampled_from(list(MetodeEfisiensi)))
def test_efisiensi_always_gives_a_category_from_the_table(capaian, serapan_result, metode):
    result = efisiensi(capaian, serapan_result, metode)
    assert result.kategori in {row.kategori for row in KATEGORI_EFISIENSI}
    if result.nilai is not None:
        assert result.nilai == 100 - serapan_result.value
