from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.formulas import FormulaInputError, Status, TipePenghitungan, aggregate_quarters

from .helpers import ANY_INPUT, PROPERTY

D = Decimal
QUARTERS = [D(20), D(25), D(30), D(25)]


def test_worked_example_kumulatif_is_the_sum_of_quarters():
    assert aggregate_quarters(QUARTERS, TipePenghitungan.KUMULATIF).value == D(100)


def test_worked_example_posisi_akhir_is_the_last_quarter():
    assert aggregate_quarters(QUARTERS, TipePenghitungan.POSISI_AKHIR).value == D(25)


def test_worked_example_rata_rata_is_the_mean_of_quarters():
    assert aggregate_quarters(QUARTERS, TipePenghitungan.RATA_RATA).value == D(25)


def test_quarters_may_be_given_as_a_mapping_in_any_order():
    values = {4: D(25), 1: D(20), 3: D(30), 2: D(25)}
    assert aggregate_quarters(values, "posisi_akhir").value == D(25)
    assert aggregate_quarters(values, "kumulatif").value == D(100)


def test_posisi_akhir_counts_a_filled_zero_as_filled():
    assert aggregate_quarters([D(20), D(25), D(0), None], "posisi_akhir").value == D(0)


def test_posisi_akhir_skips_empty_quarters_instead_of_reading_them_as_zero():
    assert aggregate_quarters([D(20), None, None, None], "posisi_akhir").value == D(20)
    assert aggregate_quarters({1: D(20), 4: None}, "posisi_akhir").value == D(20)


def test_rata_rata_leaves_empty_quarters_out_of_the_mean():
    assert aggregate_quarters([D(20), None, D(30)], "rata_rata").value == D(25)


def test_nothing_filled_is_missing_not_zero():
    for values in ([], [None, None, None, None], {}):
        result = aggregate_quarters(values, "kumulatif")
        assert result.status is Status.MISSING
        assert result.value is None
        assert result.reason == "belum ada realisasi triwulan yang diisi"


@pytest.mark.parametrize("quarter", [0, 5, -1, "1", True])
def test_quarter_numbers_other_than_1_to_4_are_refused(quarter):
    with pytest.raises(FormulaInputError, match="triwulan harus 1–4"):
        aggregate_quarters({quarter: D(1)}, "kumulatif")


def test_more_than_four_quarters_are_refused():
    with pytest.raises(FormulaInputError, match="paling banyak 4"):
        aggregate_quarters([D(1)] * 5, "kumulatif")


def test_a_quarter_with_text_names_the_quarter():
    with pytest.raises(FormulaInputError, match="^realisasi TW III harus berupa angka"):
        aggregate_quarters([D(1), D(2), "tiga"], "kumulatif")


def test_unknown_tipe_is_refused():
    with pytest.raises(FormulaInputError, match="tipe penghitungan harus salah satu"):
        aggregate_quarters(QUARTERS, "jumlah")


quarter_value = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2))


@PROPERTY
@given(st.lists(quarter_value, max_size=4))
def test_kumulatif_is_at_least_each_filled_quarter_for_non_negative_values(values):
    result = aggregate_quarters(values, TipePenghitungan.KUMULATIF)
    filled = [value for value in values if value is not None]
    if not filled:
        assert result.status is Status.MISSING
        return
    assert all(result.value >= value for value in filled)
    assert result.value == sum(filled)


@PROPERTY
@given(st.lists(quarter_value, max_size=4))
def test_posisi_akhir_is_the_last_filled_quarter(values):
    result = aggregate_quarters(values, TipePenghitungan.POSISI_AKHIR)
    filled = [value for value in values if value is not None]
    assert result.value == (filled[-1] if filled else None)


@PROPERTY
@given(st.lists(quarter_value, min_size=1, max_size=4))
def test_rata_rata_lies_between_the_smallest_and_largest_filled_quarter(values):
    result = aggregate_quarters(values, TipePenghitungan.RATA_RATA)
    filled = [value for value in values if value is not None]
    if filled:
        assert min(filled) <= result.value <= max(filled)


@PROPERTY
@given(st.lists(ANY_INPUT, max_size=5), st.sampled_from(list(TipePenghitungan)))
def test_aggregate_quarters_raises_nothing_but_formula_input_error(values, tipe):
    try:
        aggregate_quarters(values, tipe)
    except FormulaInputError:
        pass
