from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.formulas import (
    BudgetLine,
    FormulaInputError,
    Status,
    format_result,
    format_rupiah,
    round_half_up,
    selisih,
    serapan,
    validate_leaf,
)
from sakip.formulas.numbers import formula_context

from .helpers import ANY_INPUT, PROPERTY, money

D = Decimal


def test_seed_totals_selisih_and_serapan():
    # Seed Tabel 3.7: 2.000.000.000 / 1.866.543.961
    assert selisih(D(2000000000), D(1866543961)) == D(133456039)
    result = serapan(D(2000000000), D(1866543961))
    assert result.value == D("93.32719805")
    assert round_half_up(result.value, 2) == D("93.33")
    assert format_result(result, persen=True) == "93,33 %"


def test_serapan_with_pagu_0_is_not_computable():
    result = serapan(D(0), D(0))
    assert result.status is Status.NOT_COMPUTABLE
    assert result.value is None
    assert "pagu 0" in result.reason


def test_serapan_without_realisasi_is_missing_not_0():
    result = serapan(D(1000), None)
    assert result.status is Status.MISSING
    assert result.value is None


def test_serapan_refuses_negative_amounts():
    with pytest.raises(FormulaInputError, match="pagu tidak boleh negatif"):
        serapan(D(-1), D(0))


def test_selisih_of_an_imported_overspending_is_negative():
    assert selisih(D(100), D(150)) == D(-50)


def test_validate_leaf_refuses_realisasi_above_pagu():
    with pytest.raises(FormulaInputError) as error:
        validate_leaf(D(2000000000), D(2000000001), "7.01.01.2.01.0001 Penyusunan Dokumen")
    assert str(error.value) == (
        "realisasi Rp 2.000.000.001 melebihi pagu Rp 2.000.000.000 pada "
        "7.01.01.2.01.0001 Penyusunan Dokumen; realisasi di atas pagu bukan belanja yang sah"
    )


def test_validate_leaf_refuses_a_negative_budget():
    with pytest.raises(FormulaInputError, match="pagu -Rp 4.080.000 pada X negatif"):
        validate_leaf(D(-4080000), None, "X")


def test_validate_leaf_refuses_negative_realisasi():
    with pytest.raises(FormulaInputError, match="realisasi -Rp 5 pada X negatif"):
        validate_leaf(D(10), D(-5), "X")


def test_validate_leaf_refuses_text_for_an_amount():
    with pytest.raises(FormulaInputError, match="^pagu X harus berupa angka"):
        validate_leaf("dua juta", None, "X")


def test_validate_leaf_returns_decimals_and_keeps_missing_realisasi():
    assert validate_leaf(1000, None, "X") == (D(1000), None)
    assert validate_leaf("1000", "1000", "X") == (D(1000), D(1000))


def test_leaf_refuses_realisasi_above_pagu():
    with pytest.raises(FormulaInputError, match="melebihi pagu"):
        BudgetLine.leaf("7.01.01.2.01.0001", "Sub", D(100), D(101))


def test_parent_sums_its_children():
    parent = BudgetLine.parent(
        "7.01.01",
        "Program",
        [BudgetLine.leaf("a", "A", D(100), D(50)), BudgetLine.leaf("b", "B", D(1000), D(1000))],
    )
    assert parent.pagu == D(1100)
    assert parent.realisasi == D(1050)
    assert parent.selisih == D(50)


def test_parent_serapan_comes_from_summed_amounts_not_the_average_of_percentages():
    parent = BudgetLine.parent(
        "7.01.01",
        "Program",
        [BudgetLine.leaf("a", "A", D(100), D(50)), BudgetLine.leaf("b", "B", D(1000), D(1000))],
    )
    with formula_context():
        assert parent.serapan.value == D(1050) / D(1100) * 100  # 95,45
    assert round_half_up(parent.serapan.value, 2) == D("95.45")
    assert round_half_up(parent.serapan.value, 2) != D(75)  # mean of 50 % and 100 %


def test_nested_parents_sum_all_the_way_up():
    kegiatan = BudgetLine.parent("k", "K", [BudgetLine.leaf("s1", "S1", D(300), D(200))])
    program = BudgetLine.parent("p", "P", [kegiatan, BudgetLine.leaf("s2", "S2", D(700), D(600))])
    total = BudgetLine.parent("", "JUMLAH", [program])
    assert (total.pagu, total.realisasi) == (D(1000), D(800))
    assert total.serapan.value == D(80)


def test_parent_with_a_child_without_realisasi_is_missing_and_names_it():
    children = [BudgetLine.leaf("s1", "S1", D(300), D(200)), BudgetLine.leaf("s2", "S2", 5, None)]
    parent = BudgetLine.parent("p", "P", children)
    assert parent.realisasi is None
    assert parent.selisih is None
    assert parent.serapan.status is Status.MISSING
    assert parent.serapan.reason == "realisasi anggaran belum diisi: s2"


def test_parent_without_children_is_refused():
    with pytest.raises(FormulaInputError, match="tidak memiliki rincian"):
        BudgetLine.parent("p", "P", [])


def test_parent_cannot_be_built_with_amounts_that_are_not_the_sum_of_its_children():
    child = BudgetLine.leaf("s", "S", D(100), D(50))
    with pytest.raises(FormulaInputError, match="harus jumlah rinciannya"):
        BudgetLine("p", "P", D(999), D(50), (child,))


def test_budget_line_is_immutable():
    line = BudgetLine.leaf("s", "S", D(100), D(50))
    with pytest.raises(AttributeError):
        line.pagu = D(1)


def test_format_rupiah_of_the_seed_selisih():
    assert format_rupiah(selisih(D(2000000000), D(1866543961))) == "Rp 133.456.039"


leaf_amounts = money().flatmap(
    lambda pagu: st.tuples(st.just(pagu), st.decimals(min_value=0, max_value=pagu, places=2))
)


@PROPERTY
@given(st.lists(leaf_amounts, min_size=1, max_size=8))
def test_parent_serapan_equals_summed_realisasi_over_summed_pagu(amounts):
    leaves = [
        BudgetLine.leaf(f"s{index}", "S", pagu, realisasi)
        for index, (pagu, realisasi) in enumerate(amounts)
    ]
    parent = BudgetLine.parent("p", "P", leaves)
    total_pagu = sum(pagu for pagu, _ in amounts)
    total_realisasi = sum(realisasi for _, realisasi in amounts)
    assert parent.pagu == total_pagu
    assert parent.selisih == total_pagu - total_realisasi
    if total_pagu == 0:
        assert parent.serapan.status is Status.NOT_COMPUTABLE
    else:
        with formula_context():
            assert parent.serapan.value == total_realisasi / total_pagu * 100
        assert 0 <= parent.serapan.value <= 100


@PROPERTY
@given(ANY_INPUT, ANY_INPUT)
def test_budget_functions_raise_nothing_but_formula_input_error(pagu, realisasi):
    for call in (
        lambda: serapan(pagu, realisasi),
        lambda: selisih(pagu, realisasi),
        lambda: validate_leaf(pagu, realisasi, "X"),
        lambda: BudgetLine.leaf("X", "Y", pagu, realisasi).serapan,
    ):
        try:
            result = call()
        except FormulaInputError:
            continue
        if hasattr(result, "status"):
            format_result(result, persen=True)
