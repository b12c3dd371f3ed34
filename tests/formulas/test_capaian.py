from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sakip.formulas import (
    Arah,
    FormulaInputError,
    Status,
    Target,
    TipePenghitungan,
    capaian,
    format_result,
    realisasi_sampai_tahun,
    round_half_up,
    tingkat_kemajuan,
)
from sakip.formulas.capaian import REASON_TARGET_NOL
from sakip.formulas.numbers import formula_context

from .helpers import ANY_INPUT, PROPERTY

D = Decimal


def exactly(numerator, denominator, times=100):
    with formula_context():
        return D(numerator) / D(denominator) * times


# --- the formulas -----------------------------------------------------------------------------


def test_higher_is_better_is_realisasi_over_target_times_100():
    # Seed Tabel 3.2: Nilai SAKIP target 70, realisasi 73,36 -> 104,8 %
    result = capaian(D("73.36"), D(70), Arah.NAIK)
    assert result.status is Status.COMPUTED
    assert result.value == D("104.8")


def test_lower_is_better_uses_two_target_minus_realisasi_not_target_over_realisasi():
    result = capaian(D("6.5"), D(7), Arah.TURUN)
    with formula_context():
        expected = (2 - D("6.5") / D(7)) * 100
    assert result.value == expected
    assert round_half_up(result.value, 2) == D("107.14")
    assert round_half_up(result.value, 2) != round_half_up(exactly(7, D("6.5")), 2)  # 107,69


def test_lower_is_better_at_target_is_100_and_double_the_target_is_0():
    assert capaian(7, 7, Arah.TURUN).value == 100
    assert capaian(14, 7, Arah.TURUN).value == 0


def test_lower_is_better_never_goes_below_0():
    result = capaian(15, 7, Arah.TURUN)
    assert result.value == 0
    assert "dibatasi 0" in result.reason


def test_higher_is_better_with_negative_realisasi_is_floored_at_0():
    result = capaian(-5, 10, Arah.NAIK)
    assert result.value == 0
    assert result.status is Status.COMPUTED


def test_range_target_lower_is_better_below_the_range_uses_the_lower_bound():
    # DOMAIN.md: target 7-8 months, realisasi 6,5 -> 1 + (1 - 6,5/7) = 107,14 %
    result = capaian(D("6.5"), Target(D(7), D(8)), Arah.TURUN)
    with formula_context():
        assert result.value == (1 + (1 - D("6.5") / 7)) * 100
    assert str(round_half_up(result.value, 6)) == "107.142857"


def test_range_target_lower_is_better_above_the_range_uses_the_upper_bound():
    # DOMAIN.md: realisasi 9 -> 1 + (1 - 9/8) = 87,50 %
    assert capaian(9, Target(7, 8), Arah.TURUN).value == D("87.5")


@pytest.mark.parametrize("realisasi", [D(7), D("7.5"), D(8)])
@pytest.mark.parametrize("arah", [Arah.NAIK, Arah.TURUN])
def test_range_target_inside_the_range_bounds_included_is_100(realisasi, arah):
    assert capaian(realisasi, Target(7, 8), arah).value == 100


def test_range_target_higher_is_better_uses_the_nearer_bound():
    assert capaian(6, Target(8, 10), Arah.NAIK).value == D(75)  # 6 / 8
    assert capaian(12, Target(8, 10), Arah.NAIK).value == D(120)  # 12 / 10


def test_target_with_equal_bounds_is_a_single_target():
    assert capaian(9, Target(10, 10), Arah.NAIK).value == D(90)


def test_target_range_with_upper_below_lower_is_refused():
    with pytest.raises(FormulaInputError, match="tukar urutannya"):
        Target(D(8), D(7))


def test_target_accepts_machine_strings_and_ints():
    assert Target("7", 8) == Target(D(7), D(8))


# --- no silent 0 or 100 -------------------------------------------------------------------------


@pytest.mark.parametrize("arah", [Arah.NAIK, Arah.TURUN])
@pytest.mark.parametrize("realisasi", [D(0), D(5), D(-1)])
def test_target_0_is_not_computable_never_0_or_100(arah, realisasi):
    result = capaian(realisasi, D(0), arah)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.value is None
    assert result.reason == (
        "target 0: capaian tidak dapat dihitung karena pembagian dengan nol; "
        "tetapkan target selain 0 atau jelaskan di catatan"
    )
    assert result.reason == REASON_TARGET_NOL
    assert format_result(result, persen=True) == "tidak dapat dihitung"


def test_range_bound_0_is_not_computable_only_when_the_formula_needs_it():
    assert capaian(3, Target(0, 5), Arah.TURUN).value == 100
    assert capaian(6, Target(0, 5), Arah.TURUN).value == D(80)  # 2 - 6/5
    below = capaian(-1, Target(0, 5), Arah.NAIK)
    assert below.status is Status.NOT_COMPUTABLE
    assert below.reason == REASON_TARGET_NOL


def test_negative_target_is_not_computable_with_a_reason():
    result = capaian(5, D(-3), Arah.NAIK)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.value is None
    assert result.reason.startswith("target negatif (-3,00)")


def test_missing_realisasi_is_missing_not_0():
    result = capaian(None, D(85), Arah.NAIK)
    assert result.status is Status.MISSING
    assert result.value is None
    assert result.reason == "realisasi belum diisi"


def test_missing_target_is_missing():
    result = capaian(D(5), None, Arah.NAIK)
    assert result.status is Status.MISSING
    assert result.reason == "target belum ditetapkan"


def test_text_where_a_number_belongs_is_refused_with_the_field_name():
    with pytest.raises(FormulaInputError, match="realisasi harus berupa angka, bukan 'abc'"):
        capaian("abc", D(85), Arah.NAIK)


def test_unknown_arah_is_refused():
    with pytest.raises(FormulaInputError, match="arah harus 'naik' atau 'turun'"):
        capaian(1, 1, "maksimal")


def test_arah_accepts_its_stored_value():
    assert capaian(5, 10, "turun").value == D(150)


# --- cap ----------------------------------------------------------------------------------------


def test_no_cap_by_default_so_over_achievement_stays_visible():
    assert capaian(150, 100, Arah.NAIK).value == D(150)


def test_cap_limits_the_value_and_says_so():
    result = capaian(150, 100, Arah.NAIK, cap=D(120))
    assert result.value == D(120)
    assert "dibatasi 120,00 %" in result.reason
    assert capaian(110, 100, Arah.NAIK, cap=D(120)).value == D(110)


def test_cap_does_not_turn_a_missing_result_into_a_value():
    assert capaian(None, 100, Arah.NAIK, cap=D(120)).value is None


def test_cap_must_be_positive():
    with pytest.raises(FormulaInputError):
        capaian(1, 1, Arah.NAIK, cap=0)


# --- against the Renstra end target ------------------------------------------------------------


def test_tingkat_kemajuan_is_realisasi_over_the_renstra_end_target():
    # Seed Tabel 3.4: 73,36 / 80 = 91,70
    result = tingkat_kemajuan(D("73.36"), D(80), Arah.NAIK)
    assert result.value == D("91.7")


def test_tingkat_kemajuan_without_end_target_is_missing():
    result = tingkat_kemajuan(D("73.36"), None, Arah.NAIK)
    assert result.status is Status.MISSING
    assert result.reason == "target akhir Renstra belum ditetapkan"


def test_tingkat_kemajuan_target_0_is_not_computable():
    assert tingkat_kemajuan(5, 0, Arah.NAIK).status is Status.NOT_COMPUTABLE


def test_realisasi_sampai_tahun_kumulatif_sums_the_filled_years():
    years = [D(10), None, D(15), D(0)]
    assert realisasi_sampai_tahun(years, TipePenghitungan.KUMULATIF).value == D(25)
    assert realisasi_sampai_tahun(years, TipePenghitungan.POSISI_AKHIR).value == D(0)
    rata_rata = realisasi_sampai_tahun(years, TipePenghitungan.RATA_RATA)
    assert rata_rata.value == exactly(25, 3, times=1)


def test_realisasi_sampai_tahun_for_a_kumulatif_indicator_feeds_tingkat_kemajuan():
    total = realisasi_sampai_tahun([D(30), D(25), D(20)], "kumulatif")
    assert tingkat_kemajuan(total.value, D(100), Arah.NAIK).value == D(75)


def test_realisasi_sampai_tahun_without_any_year_is_missing():
    result = realisasi_sampai_tahun([None, None], TipePenghitungan.KUMULATIF)
    assert result.status is Status.MISSING
    assert result.value is None


# --- properties ---------------------------------------------------------------------------------

positive = st.decimals(min_value=D("0.01"), max_value=D(10**9), places=4)
realisasi_values = st.decimals(min_value=D(-(10**9)), max_value=D(10**9), places=4)
targets = st.one_of(
    positive.map(Target),
    st.tuples(positive, positive).map(lambda pair: Target(min(pair), max(pair))),
)


@PROPERTY
@given(realisasi_values, realisasi_values, targets)
def test_capaian_never_decreases_when_realisasi_grows_for_naik(first, second, target):
    low, high = min(first, second), max(first, second)
    assert capaian(low, target, Arah.NAIK).value <= capaian(high, target, Arah.NAIK).value


@PROPERTY
@given(realisasi_values, realisasi_values, targets)
def test_capaian_never_increases_when_realisasi_grows_for_turun(first, second, target):
    low, high = min(first, second), max(first, second)
    assert capaian(low, target, Arah.TURUN).value >= capaian(high, target, Arah.TURUN).value


@PROPERTY
@given(positive, st.decimals(min_value=0, max_value=2, places=6))
def test_naik_plus_turun_is_200_when_no_floor_applies(target, fraction):
    realisasi = target * fraction  # 0 <= R <= 2T
    assume(realisasi <= 2 * target)
    naik = capaian(realisasi, target, Arah.NAIK).value
    turun = capaian(realisasi, target, Arah.TURUN).value
    with formula_context():
        assert naik + turun == 200


@PROPERTY
@given(ANY_INPUT, ANY_INPUT, st.sampled_from(list(Arah)), st.one_of(st.none(), ANY_INPUT))
def test_capaian_raises_nothing_but_formula_input_error(realisasi, target, arah, cap):
    try:
        result = capaian(realisasi, target, arah, cap)
    except FormulaInputError:
        return
    assert (result.value is None) != result.is_computed
    format_result(result, persen=True)


@PROPERTY
@given(ANY_INPUT, ANY_INPUT, ANY_INPUT)
def test_range_targets_raise_nothing_but_formula_input_error(realisasi, lower, upper):
    try:
        result = capaian(realisasi, Target(lower, upper), Arah.TURUN)
    except FormulaInputError:
        return
    format_result(result, persen=True)


@PROPERTY
@given(ANY_INPUT, ANY_INPUT, st.lists(ANY_INPUT, max_size=6))
def test_renstra_functions_raise_nothing_but_formula_input_error(realisasi, target, years):
    for call in (
        lambda: tingkat_kemajuan(realisasi, target, Arah.NAIK),
        lambda: realisasi_sampai_tahun(years, TipePenghitungan.RATA_RATA),
    ):
        try:
            format_result(call())
        except FormulaInputError:
            pass
