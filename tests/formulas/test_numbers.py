from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.formulas import (
    FormulaInputError,
    Result,
    format_angka,
    format_persen,
    format_result,
    format_rupiah,
    parse_angka,
    round_half_up,
    to_decimal,
)

from .helpers import ANY_INPUT, PROPERTY

# --- to_decimal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("86.86"), Decimal("86.86")),
        (7, Decimal(7)),
        ("86.86", Decimal("86.86")),
        ("-3", Decimal(-3)),
        (" 1866543961 ", Decimal(1866543961)),
        (0.1, Decimal("0.1")),
        (Decimal("1e18"), Decimal("1e18")),
    ],
)
def test_to_decimal_accepts_machine_numbers(value, expected):
    assert to_decimal(value) == expected


def test_to_decimal_reads_a_float_through_its_repr_not_its_binary_value():
    assert to_decimal(0.1) == Decimal("0.1")
    assert to_decimal(0.1) != Decimal(0.1)


def test_to_decimal_names_what_is_wrong_for_text():
    with pytest.raises(FormulaInputError, match="realisasi harus berupa angka, bukan 'abc'"):
        to_decimal("abc", "realisasi")


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        None,
        "",
        "  ",
        "abc",
        "1.866.543.961",
        "93,33",
        "1e5",
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("-Infinity"),
        [1],
        object(),
    ],
)
def test_to_decimal_rejects_what_is_not_a_plain_number(value):
    with pytest.raises(FormulaInputError):
        to_decimal(value, "target")


def test_to_decimal_says_an_empty_value_is_not_filled_in():
    with pytest.raises(FormulaInputError, match="^target belum diisi$"):
        to_decimal(None, "target")


@pytest.mark.parametrize("value", [10**18 + 1, Decimal("-1e19"), Decimal("1E+999999")])
def test_to_decimal_rejects_values_too_large_for_any_report(value):
    with pytest.raises(FormulaInputError, match="terlalu besar"):
        to_decimal(value, "pagu")


def test_to_decimal_rejects_values_too_small_to_be_meant():
    with pytest.raises(FormulaInputError, match="terlalu kecil"):
        to_decimal(Decimal("1e-13"))


@PROPERTY
@given(ANY_INPUT)
def test_to_decimal_raises_only_formula_input_error(value):
    try:
        to_decimal(value)
    except FormulaInputError:
        pass


# --- rounding and formatting ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("93.325"), 2, Decimal("93.33")),
        (Decimal("0.125"), 2, Decimal("0.13")),
        (Decimal("2.5"), 0, Decimal(3)),
        (Decimal("-0.005"), 2, Decimal("-0.01")),
        (Decimal("93.3271980500"), 2, Decimal("93.33")),
        (Decimal("88.305"), 2, Decimal("88.31")),
    ],
)
def test_round_half_up_rounds_a_half_away_from_zero(value, places, expected):
    assert round_half_up(value, places) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (1866543961, 0, "1.866.543.961"),
        (Decimal("93.3271"), 2, "93,33"),
        (-4080000, 0, "-4.080.000"),
        (Decimal("0.125"), 2, "0,13"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (Decimal("999.995"), 2, "1.000,00"),
        (0, 2, "0,00"),
        (Decimal("-0.001"), 2, "0,00"),
        (Decimal("107.142857"), 2, "107,14"),
    ],
)
def test_format_angka_uses_titik_for_ribuan_and_koma_for_desimal(value, places, expected):
    assert format_angka(value, places) == expected


def test_format_persen_and_rupiah():
    assert format_persen(Decimal("93.3271980500")) == "93,33 %"
    assert format_rupiah(2000000000) == "Rp 2.000.000.000"
    assert format_rupiah(Decimal("133456039")) == "Rp 133.456.039"
    assert format_rupiah(-4080000) == "-Rp 4.080.000"


def test_format_result_never_shows_a_number_for_missing_or_not_computable():
    assert format_result(Result.missing("x")) == "belum ada data"
    assert format_result(Result.not_computable("x")) == "tidak dapat dihitung"
    assert format_result(Result.computed(Decimal("93.3271980500")), persen=True) == "93,33 %"
    assert format_result(Result.computed(Decimal("91.4750957")), places=2) == "91,48"


@pytest.mark.parametrize("places", [-1, 21, 1.5, True])
def test_formatting_rejects_a_bad_number_of_decimals(places):
    with pytest.raises(FormulaInputError):
        format_angka(1, places)


# --- parse_angka ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.866.543.961", Decimal(1866543961)),
        ("93,33", Decimal("93.33")),
        ("1866543961", Decimal(1866543961)),
        ("-4.080.000", Decimal(-4080000)),
        ("Rp 2.000.000.000", Decimal(2000000000)),
        ("Rp. 133.456.039", Decimal(133456039)),
        ("Rp 2.000.000.000,-", Decimal(2000000000)),
        ("Rp2.000.000,50", Decimal("2000000.50")),
        ("-Rp 4.080.000", Decimal(-4080000)),
        ("Rp -4.080.000", Decimal(-4080000)),
        ("86,86 %", Decimal("86.86")),
        ("93,33%", Decimal("93.33")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("93.33", Decimal("93.33")),
        ("3.4", Decimal("3.4")),
        ("1500.2575", Decimal("1500.2575")),
        ("0,500", Decimal("0.5")),
        ("0.125", Decimal("0.125")),
        ("1500,250", Decimal("1500.25")),
        ("\u22125", Decimal(-5)),
        (" 12 ", Decimal(12)),
    ],
)
def test_parse_angka_reads_indonesian_number_format(text, expected):
    assert parse_angka(text) == expected


def test_parse_angka_refuses_one_comma_before_three_digits_as_ambiguous():
    with pytest.raises(FormulaInputError) as error:
        parse_angka("1,500", "realisasi")
    assert str(error.value) == (
        "realisasi '1,500' ambigu: tulis 1500 untuk seribu lima ratus, "
        "atau 1,5 untuk satu koma lima"
    )


def test_parse_angka_refuses_one_dot_before_three_digits_as_ambiguous():
    with pytest.raises(FormulaInputError) as error:
        parse_angka("12.340")
    assert str(error.value) == (
        "nilai '12.340' ambigu: tulis 12340 untuk dua belas ribu tiga ratus empat puluh, "
        "atau 12,34 untuk dua belas koma tiga empat"
    )


def test_parse_angka_ambiguity_message_keeps_the_sign():
    with pytest.raises(FormulaInputError, match="tulis -1000 untuk minus seribu, atau -1 "):
        parse_angka("-1.000")


def test_parse_angka_explains_english_format():
    with pytest.raises(FormulaInputError) as error:
        parse_angka("12,655.00", "pagu")
    message = str(error.value)
    assert "format Inggris" in message
    assert "titik memisahkan ribuan dan koma memisahkan desimal" in message
    assert "tulis 12.655,00" in message


def test_parse_angka_explains_commas_used_as_thousand_separators():
    with pytest.raises(FormulaInputError, match="tulis 1.234.567 atau 1234567"):
        parse_angka("1,234,567")


@pytest.mark.parametrize("text", ["1.23.456", "12.3456.789", "1.2345", "1.23.456,5"])
def test_parse_angka_refuses_badly_grouped_dots(text):
    if text == "1.2345":  # a single dot before four digits is a decimal point
        assert parse_angka(text) == Decimal("1.2345")
        return
    with pytest.raises(FormulaInputError, match="pengelompokan ribuan salah"):
        parse_angka(text)


@pytest.mark.parametrize(
    "text", ["", "Rp", "abc", ",5", "5,", "1 500", "1,2,3", "1.234,5.6", "12a", "--5", "%"]
)
def test_parse_angka_refuses_text_that_is_not_a_number(text):
    with pytest.raises(FormulaInputError):
        parse_angka(text, "realisasi")


def test_parse_angka_names_the_field_in_its_message():
    with pytest.raises(FormulaInputError, match="^realisasi harus berupa angka, bukan 'abc'"):
        parse_angka("abc", "realisasi")


@PROPERTY
@given(st.decimals(min_value=-(10**15), max_value=10**15, places=2))
def test_parse_angka_reads_back_what_format_angka_writes(value):
    assert parse_angka(format_angka(value, 2)) == value


@PROPERTY
@given(st.text(alphabet="0123456789.,-+ Rp%\u2212a", max_size=20))
def test_parse_angka_raises_only_formula_input_error(text):
    try:
        parse_angka(text)
    except FormulaInputError:
        pass
