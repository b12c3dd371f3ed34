from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.formulas import (
    UNSUR,
    Bobot,
    FormulaInputError,
    Result,
    Status,
    check_nik_scale,
    ikm_from_answers,
    ikm_from_nrr,
    krejcie_morgan,
    mutu_from_nik,
    ni_from_nik,
    nrr_from_answers,
    round_half_up,
)
from sakip.formulas.numbers import formula_context

from .helpers import ANY_INPUT, PROPERTY

D = Decimal
SEED_TOTALS = (105, 101, 100, 116, 102, 105, 106, 105, 115)
RESPONDENTS = 29


def answers_with_totals(totals, respondents):
    """A respondents x 9 matrix of answers 1-4 whose column sums are `totals`.

    Each column mixes 2s, 3s and 4s and is rotated so that respondents differ.
    """
    columns = []
    for index, total in enumerate(totals):
        column = [3] * respondents
        extra = total - 3 * respondents
        position = 0
        while extra > 0:  # raise some 3s to 4
            column[position] = 4
            extra -= 1
            position += 1
        for step in range(2):  # swap a 3+3 for a 2+4, same total, when room allows
            low, high = respondents - 1 - step, position + step
            if high < low and column[low] == 3 and column[high] == 3:
                column[low], column[high] = 2, 4
        shift = (index * 7) % respondents
        columns.append(column[shift:] + column[:shift])
    return [[column[row] for column in columns] for row in range(respondents)]


SEED_ANSWERS = answers_with_totals(SEED_TOTALS, RESPONDENTS)


def test_unsur_are_the_nine_of_permenpan_rb_14_2017():
    assert UNSUR == (
        ("U1", "Persyaratan"),
        ("U2", "Sistem, Mekanisme dan Prosedur"),
        ("U3", "Waktu Penyelesaian"),
        ("U4", "Biaya/Tarif"),
        ("U5", "Produk Spesifikasi Jenis Pelayanan"),
        ("U6", "Kompetensi Pelaksana"),
        ("U7", "Perilaku Pelaksana"),
        ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
        ("U9", "Sarana dan Prasarana"),
    )


def test_seed_answer_matrix_has_the_seed_column_totals():
    assert len(SEED_ANSWERS) == RESPONDENTS
    assert tuple(sum(row[u] for row in SEED_ANSWERS) for u in range(9)) == SEED_TOTALS
    assert {answer for row in SEED_ANSWERS for answer in row} <= {1, 2, 3, 4}


def test_worked_example_29_respondents_gives_nik_91_48_grade_a():
    result = ikm_from_answers(SEED_ANSWERS)
    assert result.status is Status.COMPUTED
    with formula_context():
        nrr_sum = sum((nrr.value for nrr in result.nrr), D(0))
        assert nrr_sum == D(955) / 29
        assert result.ni == D(955) / 29 / 9
        assert result.nik == D(955) / 29 / 9 * 25
    assert round_half_up(nrr_sum, 4) == D("32.9310")
    assert round_half_up(result.ni, 4) == D("3.6590")
    assert round_half_up(result.nik, 2) == D("91.48")
    assert result.mutu == "A"
    assert result.kinerja == "Sangat Baik"


def test_nrr_is_the_total_over_respondents_per_unsur():
    nrr = nrr_from_answers(SEED_ANSWERS)
    with formula_context():
        assert [r.value for r in nrr] == [D(total) / 29 for total in SEED_TOTALS]


def test_unanswered_unsur_is_not_counted_in_its_nrr():
    responses = [[4] * 9, [2] * 9, [None] + [1] * 8]
    nrr = nrr_from_answers(responses)
    assert nrr[0].value == D(3)  # (4 + 2) / 2, not / 3
    with formula_context():
        assert nrr[1].value == D(7) / 3


def test_unsur_without_any_answer_is_missing_and_ikm_is_not_computed_from_8():
    responses = [[4] * 8 + [None], [3] * 8 + [None]]
    nrr = nrr_from_answers(responses)
    assert nrr[8].status is Status.MISSING
    result = ikm_from_answers(responses)
    assert result.status is Status.MISSING
    assert result.nik is None and result.ni is None and result.mutu is None
    assert "U9" in result.reason


def test_no_respondents_gives_nine_missing_nrr():
    assert all(r.status is Status.MISSING for r in nrr_from_answers([]))
    assert ikm_from_answers([]).status is Status.MISSING


def test_answer_out_of_range_names_respondent_and_unsur():
    responses = [[4] * 9, [4] * 9, [4, 4, 4, 5, 4, 4, 4, 4, 4]]
    with pytest.raises(FormulaInputError) as error:
        nrr_from_answers(responses)
    assert str(error.value) == "responden ke-3, U4: jawaban harus 1–4, bukan 5"


@pytest.mark.parametrize("answer", [0, 2.5, "3", True, D(3)])
def test_answer_that_is_not_an_integer_1_to_4_is_refused(answer):
    with pytest.raises(FormulaInputError, match="^responden ke-1, U1: jawaban harus"):
        nrr_from_answers([[answer] + [3] * 8])


def test_response_with_the_wrong_number_of_answers_is_refused():
    with pytest.raises(FormulaInputError, match="responden ke-2: harus ada 9 jawaban"):
        nrr_from_answers([[3] * 9, [3] * 8])


def test_ikm_from_nrr_accepts_decimals_and_needs_all_nine():
    assert ikm_from_nrr([D(4)] * 9).nik == D(100)
    assert ikm_from_nrr([D(1)] * 9).nik == D(25)
    assert ikm_from_nrr([D(4)] * 8 + [None]).status is Status.MISSING
    assert ikm_from_nrr([D(4)] * 8 + [Result.missing("x")]).status is Status.MISSING
    with pytest.raises(FormulaInputError, match="tepat 9"):
        ikm_from_nrr([D(4)] * 8)


def test_ikm_from_nrr_refuses_an_nrr_outside_1_to_4():
    with pytest.raises(FormulaInputError, match="NRR U3 harus antara 1 dan 4"):
        ikm_from_nrr([D(3), D(3), D(5)] + [D(3)] * 6)


def test_exact_weight_is_one_ninth_as_a_division_and_legacy_is_0_111():
    with formula_context():
        assert Bobot.EXACT.weight == D(1) / D(9)
    assert Bobot.LEGACY_0111.weight == D("0.111")


def test_legacy_weight_reproduces_publications_and_differs_from_exact():
    legacy = ikm_from_answers(SEED_ANSWERS, Bobot.LEGACY_0111)
    with formula_context():
        assert legacy.nik == D(955) / 29 * D("0.111") * 25
    assert round_half_up(legacy.nik, 2) == D("91.38")
    assert legacy.bobot is Bobot.LEGACY_0111
    assert round_half_up(ikm_from_answers(SEED_ANSWERS).nik, 2) == D("91.48")


@pytest.mark.parametrize(
    ("nik", "mutu"),
    [
        ("25", "D"),
        ("64.99", "D"),
        ("64.994", "D"),
        ("64.995", "C"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.604", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.304", "B"),
        ("88.305", "A"),
        ("88.31", "A"),
        ("100", "A"),
    ],
)
def test_mutu_band_edges_on_nik_rounded_to_2_decimals(nik, mutu):
    assert mutu_from_nik(D(nik)) == mutu


def test_value_on_the_ni_scale_is_refused_with_the_conversion():
    with pytest.raises(FormulaInputError) as error:
        check_nik_scale(D("3.44"))
    assert str(error.value) == (
        "nilai 3,44 tampaknya skala NI (1–4); IKM disimpan pada skala NIK 25–100: "
        "kalikan dengan 25 (= 86,00)"
    )


@pytest.mark.parametrize("value", ["0", "4.5", "24.99", "100.01", "-3"])
def test_value_outside_the_nik_scale_is_refused(value):
    with pytest.raises(FormulaInputError, match="di luar skala NIK 25–100"):
        check_nik_scale(D(value), "realisasi IKM")


def test_value_on_the_nik_scale_is_accepted():
    assert check_nik_scale(D("86.86")) == D("86.86")
    assert check_nik_scale(25) == D(25)


def test_ni_from_nik_shows_the_stored_nik_on_the_ni_scale():
    assert ni_from_nik(D("86")) == D("3.44")
    assert ni_from_nik(D(100)) == D(4)
    with pytest.raises(FormulaInputError, match="skala NI"):
        ni_from_nik(D("3.44"))


def test_mutu_from_nik_refuses_the_ni_scale():
    with pytest.raises(FormulaInputError, match="skala NI"):
        mutu_from_nik(D("3.44"))


@pytest.mark.parametrize(
    ("population", "sample"),
    [(1, 1), (10, 10), (15, 14), (20, 19), (100, 80), (1000, 278), (10000, 370)],
)
def test_krejcie_morgan_sample_size_rounded_half_up(population, sample):
    assert krejcie_morgan(population) == sample


@pytest.mark.parametrize("population", [0, -5, 1.5, "100", True, None])
def test_krejcie_morgan_refuses_a_population_below_1_or_not_an_integer(population):
    with pytest.raises(FormulaInputError, match="jumlah populasi"):
        krejcie_morgan(population)


answer = st.one_of(st.integers(min_value=1, max_value=4), st.none())


@PROPERTY
@given(st.lists(st.lists(answer, min_size=9, max_size=9), min_size=1, max_size=40))
def test_nik_is_always_between_25_and_100_for_valid_answers(responses):
    result = ikm_from_answers(responses)
    if result.status is Status.MISSING:
        assert any(not nrr.is_computed for nrr in result.nrr)
        return
    assert D(25) <= result.nik <= D(100)
    assert result.mutu in {"A", "B", "C", "D"}


@PROPERTY
@given(st.integers(min_value=1, max_value=10**9))
def test_krejcie_morgan_never_exceeds_the_population_nor_384(population):
    sample = krejcie_morgan(population)
    assert 1 <= sample <= min(population, 384)


@PROPERTY
@given(ANY_INPUT)
def test_check_nik_scale_raises_nothing_but_formula_input_error(value):
    try:
        checked = check_nik_scale(value)
    except FormulaInputError:
        return
    assert D(25) <= checked <= D(100)


@PROPERTY
@given(st.lists(st.lists(ANY_INPUT, max_size=10), max_size=4))
def test_nrr_from_answers_raises_nothing_but_formula_input_error(responses):
    try:
        nrr_from_answers(responses)
    except FormulaInputError:
        pass


@PROPERTY
@given(st.lists(ANY_INPUT, min_size=8, max_size=10), st.sampled_from(list(Bobot)))
def test_ikm_from_nrr_raises_nothing_but_formula_input_error(nrr, bobot):
    try:
        result = ikm_from_nrr(nrr, bobot)
    except FormulaInputError:
        return
    assert (result.nik is None) != result.is_computed


@PROPERTY
@given(ANY_INPUT)
def test_krejcie_morgan_raises_nothing_but_formula_input_error(population):
    try:
        krejcie_morgan(population)
    except FormulaInputError:
        pass
