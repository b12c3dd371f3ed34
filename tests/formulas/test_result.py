from decimal import Decimal

import pytest

from sakip.formulas import FormulaInputError, Result, Status


def test_status_values_are_the_stored_codes():
    assert Status.COMPUTED == "dihitung"
    assert Status.MISSING == "belum_ada_data"
    assert Status.NOT_COMPUTABLE == "tidak_dapat_dihitung"


def test_computed_result_carries_its_value():
    result = Result.computed(Decimal("93.33"))
    assert result.status is Status.COMPUTED
    assert result.value == Decimal("93.33")
    assert result.is_computed


def test_missing_result_has_no_value_and_a_reason():
    result = Result.missing("realisasi belum diisi")
    assert result.status is Status.MISSING
    assert result.value is None
    assert result.reason == "realisasi belum diisi"
    assert not result.is_computed


def test_not_computable_result_has_no_value():
    result = Result.not_computable("target 0")
    assert result.status is Status.NOT_COMPUTABLE
    assert result.value is None
    assert not result.is_computed


@pytest.mark.parametrize("status", [Status.MISSING, Status.NOT_COMPUTABLE])
def test_missing_or_not_computable_result_refuses_a_value(status):
    with pytest.raises(FormulaInputError):
        Result(status, Decimal(0), "x")


@pytest.mark.parametrize("value", [None, 5, 5.0, Decimal("NaN"), Decimal("Infinity")])
def test_computed_result_requires_a_finite_decimal(value):
    with pytest.raises(FormulaInputError):
        Result(Status.COMPUTED, value)


def test_formula_input_error_is_a_value_error():
    assert issubclass(FormulaInputError, ValueError)


def test_result_is_immutable():
    result = Result.computed(Decimal(1))
    with pytest.raises(AttributeError):
        result.value = Decimal(2)
