"""Numbers in Indonesian words ("terbilang"), as written on budget documents.

`terbilang(1500)` is "seribu lima ratus"; digits after the decimal comma are read one by one:
`terbilang(Decimal("93.05"))` is "sembilan puluh tiga koma nol lima".
"""

from __future__ import annotations

from decimal import Decimal

from sakip.formulas.result import FormulaInputError

_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_SCALES = (
    (10**15, "kuadriliun"),
    (10**12, "triliun"),
    (10**9, "miliar"),
    (10**6, "juta"),
    (10**3, "ribu"),
)
LIMIT = 10**18


def _below_hundred(number: int) -> str:
    if number < 10:
        return _DIGITS[number]
    if number == 10:
        return "sepuluh"
    if number == 11:
        return "sebelas"
    if number < 20:
        return f"{_DIGITS[number - 10]} belas"
    tens, ones = divmod(number, 10)
    words = f"{_DIGITS[tens]} puluh"
    return f"{words} {_DIGITS[ones]}" if ones else words


def _below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    parts = []
    if hundreds:
        parts.append("seratus" if hundreds == 1 else f"{_DIGITS[hundreds]} ratus")
    if rest:
        parts.append(_below_hundred(rest))
    return " ".join(parts)


def _integer_words(number: int) -> str:
    if number == 0:
        return "nol"
    parts = []
    for size, name in _SCALES:
        count, number = divmod(number, size)
        if count == 1 and size == 1000:
            parts.append("seribu")
        elif count:
            parts.append(f"{_integer_words(count)} {name}")
    if number:
        parts.append(_below_thousand(number))
    return " ".join(parts)


def terbilang(value: Decimal | int) -> str:
    """Indonesian words for `value` (absolute value below 10^18)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise FormulaInputError("terbilang hanya untuk angka")
    number = Decimal(value)
    if not number.is_finite() or abs(number) >= LIMIT:
        raise FormulaInputError("angka terlalu besar untuk ditulis dengan kata-kata")
    text = format(abs(number), "f")
    integer_text, _, fraction_text = text.partition(".")
    words = _integer_words(int(integer_text))
    fraction_text = fraction_text.rstrip("0")
    if fraction_text:
        words += " koma " + " ".join(_DIGITS[int(digit)] for digit in fraction_text)
    if number < 0:
        words = "minus " + words
    return words
