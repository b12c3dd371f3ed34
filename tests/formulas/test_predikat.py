import re
from decimal import Decimal

import pytest
from hypothesis import given

from sakip.formulas import (
    SKALA_BLORA,
    SKALA_PERMENDAGRI_86,
    Band,
    FormulaInputError,
    PredikatScale,
    Result,
    predikat,
)

from .helpers import ANY_INPUT, PROPERTY

D = Decimal


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (D("150"), "Sangat Baik"),
        (D("100.01"), "Sangat Baik"),
        (D("100"), "Baik"),
        (D("85"), "Baik"),
        (D("84.99"), "Cukup"),
        (D("65"), "Cukup"),
        (D("64.99"), "Kurang"),
        (D("50"), "Kurang"),
        (D("49.99"), "Sangat Kurang"),
        (D("0"), "Sangat Kurang"),
    ],
)
def test_blora_scale_edges(value, label):
    assert SKALA_BLORA.classify(value) == label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (D("90.01"), "Sangat Tinggi"),
        (D("90"), "Tinggi"),
        (D("75.01"), "Tinggi"),
        (D("75"), "Sedang"),
        (D("65.01"), "Sedang"),
        (D("65"), "Rendah"),
        (D("50.01"), "Rendah"),
        (D("50"), "Sangat Rendah"),
        (D("0"), "Sangat Rendah"),
    ],
)
def test_permendagri_86_scale_edges(value, label):
    assert SKALA_PERMENDAGRI_86.classify(value) == label


def test_classification_uses_the_value_rounded_to_2_decimals_as_shown():
    assert SKALA_BLORA.classify(D("99.999")) == "Baik"  # shown as 100,00
    assert SKALA_BLORA.classify(D("100.004")) == "Baik"  # shown as 100,00
    assert SKALA_BLORA.classify(D("100.005")) == "Sangat Baik"  # shown as 100,01
    assert SKALA_BLORA.classify(D("84.995")) == "Baik"  # shown as 85,00
    assert SKALA_BLORA.classify(D("84.994")) == "Cukup"


def test_classify_none_is_none():
    assert SKALA_BLORA.classify(None) is None


def test_predikat_is_none_unless_the_result_is_computed():
    assert predikat(Result.missing("x"), SKALA_BLORA) is None
    assert predikat(Result.not_computable("x"), SKALA_BLORA) is None
    assert predikat(Result.computed(D("101.95")), SKALA_BLORA) == "Sangat Baik"


def test_every_band_of_the_built_in_scales_has_a_hex_color():
    for scale in (SKALA_BLORA, SKALA_PERMENDAGRI_86):
        for band in scale.bands:
            assert re.fullmatch(r"#[0-9a-f]{6}", band.color)


def as_decimal(bound):
    return None if bound is None else D(bound)


def band(label, lower, lower_inclusive, upper, upper_inclusive):
    return Band(label, as_decimal(lower), lower_inclusive, as_decimal(upper), upper_inclusive)


def test_scale_with_a_gap_between_bands_is_refused():
    with pytest.raises(FormulaInputError, match="celah antara 50,00 dan 60,00"):
        PredikatScale("x", (band("a", None, False, 50, False), band("b", 60, True, None, False)))


def test_scale_with_a_gap_at_a_shared_bound_is_refused():
    with pytest.raises(FormulaInputError, match="celah tepat di 50,00"):
        PredikatScale("x", (band("a", None, False, 50, False), band("b", 50, False, None, False)))


def test_scale_with_overlapping_bands_is_refused():
    with pytest.raises(FormulaInputError, match="tumpang tindih"):
        PredikatScale("x", (band("a", None, False, 60, False), band("b", 50, True, None, False)))


def test_scale_where_both_bands_include_the_shared_bound_is_refused():
    with pytest.raises(FormulaInputError, match="tumpang tindih"):
        PredikatScale("x", (band("a", None, False, 50, True), band("b", 50, True, None, False)))


def test_scale_with_two_unbounded_bands_on_the_same_side_is_refused():
    with pytest.raises(FormulaInputError, match="tumpang tindih"):
        PredikatScale("x", (band("a", None, False, 50, True), band("b", None, False, 60, False)))


def test_scale_bands_may_be_given_in_any_order():
    scale = PredikatScale(
        "x", (band("tinggi", 50, False, None, False), band("rendah", None, False, 50, True))
    )
    assert scale.classify(D(50)) == "rendah"
    assert scale.classify(D("50.01")) == "tinggi"


def test_empty_scale_is_refused():
    with pytest.raises(FormulaInputError):
        PredikatScale("x", ())


def test_band_with_lower_above_upper_is_refused():
    with pytest.raises(FormulaInputError):
        band("a", 60, True, 50, True)


def test_value_outside_a_bounded_scale_is_refused():
    scale = PredikatScale("nilai", (band("a", 0, True, 100, True),))
    with pytest.raises(FormulaInputError, match="di luar skala nilai"):
        scale.classify(D("100.01"))


def test_validate_passes_for_the_built_in_scales():
    SKALA_BLORA.validate()
    SKALA_PERMENDAGRI_86.validate()


@PROPERTY
@given(ANY_INPUT)
def test_classify_raises_nothing_but_formula_input_error(value):
    try:
        label = SKALA_BLORA.classify(value)
    except FormulaInputError:
        return
    assert label is None or label in {band.label for band in SKALA_BLORA.bands}
