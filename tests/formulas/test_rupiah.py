"""parse_rupiah: whole rupiah as people type them; sen and badly grouped dots are refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.formulas import FormulaInputError, format_angka, format_rupiah, parse_rupiah
from sakip.formulas.numbers import MAX_RUPIAH

from .helpers import ANY_INPUT, PROPERTY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.567", 1234567),
        ("1234567", 1234567),
        ("Rp 1.234.567", 1234567),
        ("Rp. 1.234.567", 1234567),
        ("rp1.234.567", 1234567),
        ("Rp 2.000.000,-", 2000000),
        ("1.500.000,00", 1500000),  # zero sen, as DPA documents print it
        (" 170.000 ", 170000),
        ("0", 0),
        ("-1.500", -1500),  # the sign is kept: the caller refuses it in its own words
        (7, 7),
        (Decimal("2.00"), 2),
    ],
)
def test_it_reads_whole_rupiah(text, expected):
    amount = parse_rupiah(text)
    assert amount == Decimal(expected)
    assert amount.as_tuple().exponent == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "1.234,5",
            "Rupiah ditulis tanpa sen: 1.234,5 memuat pecahan. Tulis bilangan bulat, "
            "misalnya 1.235.",
        ),
        ("1.5", "Rupiah ditulis tanpa sen: 1.5 memuat pecahan. Tulis bilangan bulat, misalnya 2."),
        (
            "170.0000",
            "170.0000 bukan penulisan rupiah yang sah: titik memisahkan ribuan per tiga angka "
            "(170.000 atau 1.700.000)",
        ),
    ],
)
def test_it_refuses_sen_and_bad_grouping_with_the_reason(text, message):
    with pytest.raises(FormulaInputError) as error:
        parse_rupiah(text, "pagu")
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("12.34", "memuat pecahan. Tulis bilangan bulat, misalnya 12."),
        ("0,5", "memuat pecahan"),
        ("1.234.567,89", "memuat pecahan. Tulis bilangan bulat, misalnya 1.234.568."),
        ("1.23.456", "titik memisahkan ribuan per tiga angka (123.456)"),
        ("1.2345.678", "(1.234.678 atau 12.345.678)"),
        ("1,500", "1,500 ambigu: koma memisahkan sen"),
        ("1,234,567", "format Inggris); rupiah ditulis dengan titik pemisah ribuan dan tanpa sen"),
        ("1,234.56", "tanpa sen: 1.235"),
        ("satu juta", "pagu harus berupa angka rupiah, bukan satu juta"),
        ("", "pagu belum diisi"),
        ("Rp", "pagu belum diisi"),
        ("1e6", "harus berupa angka rupiah"),
        (1.5, "Rupiah ditulis tanpa sen: 1,5 memuat pecahan"),
        (Decimal("0.25"), "Rupiah ditulis tanpa sen: 0,25 memuat pecahan"),
        ("10.000.000.000.000.000", "pagu terlalu besar: paling banyak 9.999.999.999.999.999"),
        (True, "bukan nilai benar/salah"),
        (None, "pagu belum diisi"),
    ],
)
def test_other_refusals_say_what_to_type(text, part):
    with pytest.raises(FormulaInputError) as error:
        parse_rupiah(text, "pagu")
    assert part in str(error.value)


@PROPERTY
@given(st.integers(min_value=0, max_value=int(MAX_RUPIAH)))
def test_every_amount_format_rupiah_writes_is_read_back(amount):
    assert parse_rupiah(format_rupiah(amount)) == amount
    assert parse_rupiah(format_angka(amount)) == amount
    assert parse_rupiah(str(amount)) == amount


@PROPERTY
@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=1, max_value=99).filter(lambda sen: sen % 10),
)
def test_an_amount_with_sen_is_always_refused(amount, sen):
    with pytest.raises(FormulaInputError, match="memuat pecahan"):
        parse_rupiah(f"{format_angka(amount)},{sen}")


@PROPERTY
@given(st.one_of(ANY_INPUT, st.text(alphabet="0123456789.,Rp -", max_size=16)))
def test_it_raises_only_formula_input_error_and_returns_whole_amounts(value):
    try:
        amount = parse_rupiah(value)
    except FormulaInputError:
        return
    assert amount == amount.to_integral_value()
    assert abs(amount) <= MAX_RUPIAH
