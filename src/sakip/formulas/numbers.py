"""Decimal input, the formula arithmetic context, and Indonesian number formatting.

Two kinds of input:

- `to_decimal` takes machine values: Decimal, int, a float (via its repr) or a plain string with a
  dot as decimal point ("86.86", "-3"). Imports and APIs use it.
- `parse_angka` takes what a person types in Indonesian format: titik for ribuan, koma for desimal
  ("1.866.543.961", "93,33", "Rp 2.000.000.000", "86,86 %"). It refuses what it cannot read
  without guessing, and says how to write it:

  - one separator followed by exactly three digits ("1.500", "1,500") could be ribuan or desimal:
    refused as ambiguous, except where it cannot be ribuan: after a lone 0 ("0,500") or after
    four or more digits ("1500,250");
  - English style ("12,655.00", "1,234,567") and badly grouped dots ("1.23.456") are refused;
  - a single dot followed by 1-2 or 4+ digits ("93.33") is read as a decimal point, because
    people type it and it cannot be ribuan.

All arithmetic runs in `formula_context()`: 50 significant digits, so results keep full
precision; rounding half-up happens only in `round_half_up` and the `format_*` helpers.
Input magnitudes are bounded (|x| <= 10^18, non-zero |x| >= 10^-12) so no formula can overflow.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from sakip.formulas.result import FormulaInputError, Result, Status
from sakip.formulas.terbilang import terbilang

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

PRECISION = 50
MAX_ABS = Decimal("1e18")
MIN_ABS_NONZERO = Decimal("1e-12")
HUNDRED = Decimal(100)

_P = ParamSpec("_P")
_T = TypeVar("_T")

_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_GROUPED_DOTS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_GROUPED_COMMAS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_ENGLISH_DECIMAL = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)\.\d+")
_RUPIAH_PREFIX = re.compile(r"rp\.?\s*", re.IGNORECASE)
_EXAMPLES = "contoh penulisan: 1.866.543.961, 93,33 atau 1866543961"


def formula_context() -> AbstractContextManager[Context]:
    """A local decimal context for formula arithmetic, independent of the caller's context."""
    context = Context(
        prec=PRECISION,
        rounding=ROUND_HALF_EVEN,
        Emax=MAX_EMAX,
        Emin=MIN_EMIN,
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )
    return localcontext(context)


def uses_formula_context(func: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run `func` inside `formula_context()`."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with formula_context():
            return func(*args, **kwargs)

    return wrapper


def _shown(value: object) -> str:
    """The offending input as quoted in a message, shortened."""
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _finite_decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool):
        raise FormulaInputError(f"{what} harus berupa angka, bukan nilai benar/salah ({value})")
    if value is None:
        raise FormulaInputError(f"{what} belum diisi")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise FormulaInputError(f"{what} harus berupa angka, bukan {value}")
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise FormulaInputError(f"{what} belum diisi")
        if not _PLAIN_NUMBER.fullmatch(text):
            raise FormulaInputError(
                f"{what} harus berupa angka, bukan {_shown(value)}; "
                "tulis misalnya 1866543961 atau 86.86"
            )
        number = Decimal(text)
    else:
        raise FormulaInputError(f"{what} harus berupa angka, bukan {type(value).__name__}")
    if not number.is_finite():
        raise FormulaInputError(f"{what} harus berupa angka, bukan {_shown(number)}")
    return number


def to_decimal(value: object, what: str = "nilai") -> Decimal:
    """A machine value as Decimal; raises FormulaInputError naming `what` if it is not a number."""
    number = _finite_decimal(value, what)
    if abs(number) > MAX_ABS:
        raise FormulaInputError(
            f"{what} terlalu besar: batasnya {format_angka(MAX_ABS)}; periksa kembali angkanya"
        )
    if number != 0 and abs(number) < MIN_ABS_NONZERO:
        raise FormulaInputError(
            f"{what} terlalu kecil (kurang dari 0,000000000001); tulis 0 atau periksa angkanya"
        )
    return number


def _check_places(places: object) -> int:
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 20:
        raise FormulaInputError("jumlah angka di belakang koma harus bilangan bulat 0–20")
    return places


def round_half_up(value: Decimal | int, places: int = 2) -> Decimal:
    """`value` rounded half-up to `places` decimals (93,325 -> 93,33; -0,005 -> -0,01)."""
    number = _finite_decimal(value, "nilai")
    places = _check_places(places)
    with formula_context() as context:
        context.prec = max(PRECISION, number.adjusted() + places + 3)
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_angka(value: Decimal | int, places: int = 0) -> str:
    """Indonesian format: 1866543961 -> "1.866.543.961"; 93,3271 with places 2 -> "93,33"."""
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = rounded.copy_abs()  # never show "-0,00"
    english = f"{rounded:,f}"
    return english.translate(str.maketrans({",": ".", ".": ","}))


def format_persen(value: Decimal | int, places: int = 2) -> str:
    """93,3271 -> "93,33 %"."""
    return f"{format_angka(value, places)} %"


def format_rupiah(value: Decimal | int, places: int = 0) -> str:
    """2000000000 -> "Rp 2.000.000.000"; negative amounts as "-Rp 4.080.000"."""
    rounded = round_half_up(value, places)
    if rounded < 0:
        return f"-Rp {format_angka(-rounded, places)}"
    return f"Rp {format_angka(rounded, places)}"


def format_result(result: Result, places: int = 2, persen: bool = False) -> str:
    """The shown text of a Result: its value, "belum ada data" or "tidak dapat dihitung"."""
    if not isinstance(result, Result):
        raise FormulaInputError("yang diformat harus berupa hasil perhitungan (Result)")
    if result.status is Status.MISSING:
        return "belum ada data"
    if result.status is Status.NOT_COMPUTABLE:
        return "tidak dapat dihitung"
    assert result.value is not None
    if persen:
        return format_persen(result.value, places)
    return format_angka(result.value, places)


# --- parsing what a person types -------------------------------------------------------------


def parse_angka(text: str, what: str = "nilai") -> Decimal:
    """A number typed in Indonesian format (see the module docstring for what is refused)."""
    if isinstance(text, Decimal | int) and not isinstance(text, bool):
        return to_decimal(text, what)
    if not isinstance(text, str):
        raise FormulaInputError(f"{what} harus berupa angka, bukan {type(text).__name__}")
    body, negative = _strip_decorations(text)
    if not body:
        raise FormulaInputError(f"{what} belum diisi")
    if not re.fullmatch(r"[0-9.,]+", body) or body[0] in ".," or body[-1] in ".,":
        raise FormulaInputError(f"{what} harus berupa angka, bukan {_shown(text)}; {_EXAMPLES}")
    plain = _plain_number(body, "-" if negative else "", text, what)
    return to_decimal(f"-{plain}" if negative else plain, what)


def _strip_decorations(text: str) -> tuple[str, bool]:
    """Remove sign, "Rp", ",-" and "%" around the digits; return (digits, is_negative)."""
    body = text.strip().replace("\u2212", "-")
    sign = ""
    for _ in range(2):  # the sign may stand before or after "Rp": "-Rp 5" or "Rp -5"
        if not sign and body[:1] in ("+", "-"):
            sign, body = body[0], body[1:].lstrip()
        if _RUPIAH_PREFIX.match(body):
            body = _RUPIAH_PREFIX.sub("", body, count=1)
    negative = sign == "-"
    body = body.removesuffix("%").rstrip()
    body = body.removesuffix(",-")  # "Rp 2.000.000,-": whole rupiah
    return body, negative


def _plain_number(body: str, sign: str, text: str, what: str) -> str:
    """`body` (digits, dots, commas) rewritten in machine format, or FormulaInputError."""
    dots, commas = body.count("."), body.count(",")
    if dots == 0 and commas == 0:
        return body
    if commas == 0:
        if dots == 1:
            return _single_separator(body, ".", sign, text, what)
        if _GROUPED_DOTS.fullmatch(body):
            return body.replace(".", "")
        raise _bad_grouping(text, what)
    if dots == 0:
        if commas == 1:
            return _single_separator(body, ",", sign, text, what)
        if _GROUPED_COMMAS.fullmatch(body):
            raise FormulaInputError(
                f"{what} {_shown(text)} memakai koma sebagai pemisah ribuan (format Inggris); "
                f"dalam format Indonesia tulis {sign}{body.replace(',', '.')} "
                f"atau {sign}{body.replace(',', '')}"
            )
        raise FormulaInputError(f"{what} {_shown(text)} tidak dikenali sebagai angka; {_EXAMPLES}")
    if body.rfind(",") > body.rfind("."):
        integer, _, fraction = body.rpartition(",")
        if commas == 1 and _GROUPED_DOTS.fullmatch(integer):
            return f"{integer.replace('.', '')}.{fraction}"
        if commas == 1:
            raise _bad_grouping(text, what)
    elif _ENGLISH_DECIMAL.fullmatch(body):
        integer, _, fraction = body.rpartition(".")
        indonesian = f"{integer.replace(',', '.')},{fraction}"
        raise FormulaInputError(
            f"{what} {_shown(text)} memakai format Inggris; dalam format Indonesia titik "
            f"memisahkan ribuan dan koma memisahkan desimal: tulis {sign}{indonesian} "
            f"atau {sign}{integer.replace(',', '')},{fraction}"
        )
    raise FormulaInputError(f"{what} {_shown(text)} tidak dikenali sebagai angka; {_EXAMPLES}")


def _single_separator(body: str, separator: str, sign: str, text: str, what: str) -> str:
    integer, _, fraction = body.partition(separator)
    could_be_ribuan = len(fraction) == 3 and len(integer) <= 3 and integer[0] != "0"
    if could_be_ribuan:
        raise _ambiguous(sign, integer, fraction, text, what)
    return f"{integer}.{fraction}"


def _ambiguous(sign: str, integer: str, fraction: str, text: str, what: str) -> FormulaInputError:
    as_ribuan = Decimal(f"{sign}{integer}{fraction}")
    as_desimal = Decimal(f"{sign}{integer}.{fraction}")
    kept = fraction.rstrip("0")
    desimal_text = f"{sign}{integer},{kept}" if kept else f"{sign}{integer}"
    return FormulaInputError(
        f"{what} {_shown(text)} ambigu: tulis {sign}{integer}{fraction} untuk "
        f"{terbilang(as_ribuan)}, atau {desimal_text} untuk {terbilang(as_desimal)}"
    )


def _bad_grouping(text: str, what: str) -> FormulaInputError:
    return FormulaInputError(
        f"{what} {_shown(text)}: pengelompokan ribuan salah; titik memisahkan tiap tiga angka "
        "(mis. 1.234.567,89), atau tulis tanpa titik (1234567,89)"
    )


# --- rupiah: whole amounts only ----------------------------------------------------------------

MAX_RUPIAH = Decimal(10**16 - 1)  # what a rupiah column (18 digits, 2 after the point) holds
_RUPIAH_EXAMPLES = "contoh penulisan: 1.234.567, Rp 1.234.567 atau 1234567"


def parse_rupiah(text: str | int | Decimal, what: str = "rupiah") -> Decimal:
    """A whole rupiah amount as people type it: "1.234.567", "1234567", "Rp 1.234.567",
    "Rp 2.000.000,-" or "1.500.000,00". A dot always separates ribuan and must group exactly
    three digits; sen are refused ("1.234,5", "1.5"), and so is a group that is not three digits
    long ("170.0000": 170.000 or 1.700.000?). The sign is kept: callers refuse a negative amount
    in their own words. A machine value (int, Decimal) must be whole."""
    if not isinstance(text, str):
        amount = to_decimal(text, what)  # refuses None, True/False and what is not a number
        if amount != amount.to_integral_value():
            raise _sen(format_angka(amount, _places(amount)), amount)
        return _bounded(amount.quantize(Decimal(1)), what)
    body, negative = _strip_decorations(text)
    shown, sign = _short(text), "-" if negative else ""
    if not body:
        raise FormulaInputError(f"{what} belum diisi")
    if not re.fullmatch(r"[0-9.,]+", body) or body[0] in ".," or body[-1] in ".,":
        raise FormulaInputError(
            f"{what} harus berupa angka rupiah, bukan {shown}; {_RUPIAH_EXAMPLES}"
        )
    if body.count(",") > 1 or ("," in body and body.rfind(".") > body.rfind(",")):
        raise _english(body, shown, sign, what)
    integer, comma, fraction = body.partition(",")
    if comma and len(fraction) == 3 and "." not in integer and len(integer) <= 3:
        as_ribuan = f"{sign}{integer}.{fraction}"
        raise FormulaInputError(
            f"{shown} ambigu: koma memisahkan sen, dan rupiah ditulis tanpa sen. Titik memisahkan "
            f"ribuan: tulis {as_ribuan} untuk {terbilang(Decimal(as_ribuan.replace('.', '')))} rupiah"
        )
    amount = Decimal(f"{sign}{_whole_digits(integer, shown, sign, bool(comma))}")
    if fraction.strip("0"):
        raise _sen(shown, Decimal(f"{sign}{amount.copy_abs()}.{fraction}"))
    return _bounded(amount, what)


def _whole_digits(integer: str, shown: str, sign: str, before_comma: bool) -> str:
    """The digits before the comma, their dots checked and removed."""
    if "." not in integer:
        return integer
    groups = integer.split(".")
    if len(groups) == 2 and len(groups[1]) in (1, 2) and not before_comma:
        raise _sen(shown, Decimal(f"{sign}{integer}"))  # "1.5", "93.33": a decimal point
    if _GROUPED_DOTS.fullmatch(integer):
        return integer.replace(".", "")
    readings = []
    cut = [groups[0], *(g[:3] for g in groups[1:])]  # "170.0000": one digit too many
    if all(len(g) == 3 for g in cut[1:]) and groups[0][0] != "0":
        readings.append(format_angka(Decimal(sign + "".join(cut))))
    readings.append(format_angka(Decimal(sign + "".join(groups))))  # the dots were a slip
    raise FormulaInputError(
        f"{shown} bukan penulisan rupiah yang sah: titik memisahkan ribuan per tiga angka "
        f"({' atau '.join(dict.fromkeys(readings))})"
    )


def _english(body: str, shown: str, sign: str, what: str) -> FormulaInputError:
    if _GROUPED_COMMAS.fullmatch(body) or _ENGLISH_DECIMAL.fullmatch(body):
        amount = round_half_up(Decimal(sign + body.replace(",", "")), 0)
        return FormulaInputError(
            f"{shown} memakai koma sebagai pemisah ribuan (format Inggris); rupiah ditulis dengan "
            f"titik pemisah ribuan dan tanpa sen: {format_angka(amount)}"
        )
    return FormulaInputError(f"{what} {shown} tidak dikenali sebagai rupiah; {_RUPIAH_EXAMPLES}")


def _sen(shown: str, amount: Decimal) -> FormulaInputError:
    return FormulaInputError(
        f"Rupiah ditulis tanpa sen: {shown} memuat pecahan. Tulis bilangan bulat, "
        f"misalnya {format_angka(round_half_up(amount, 0))}."
    )


def _bounded(amount: Decimal, what: str) -> Decimal:
    if abs(amount) > MAX_RUPIAH:
        raise FormulaInputError(
            f"{what} terlalu besar: paling banyak {format_angka(MAX_RUPIAH)}; periksa angkanya"
        )
    return amount


def _places(amount: Decimal) -> int:
    exponent = amount.normalize().as_tuple().exponent
    return min(max(-exponent, 1), 20) if isinstance(exponent, int) else 1


def _short(text: str) -> str:
    """The typed text as a rupiah message quotes it: as typed, shortened."""
    typed = text.strip()
    return typed if len(typed) <= 40 else typed[:37] + "..."
