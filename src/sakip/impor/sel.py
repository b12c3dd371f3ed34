"""Numbers read from cells strictly, with sakip.formulas.numbers: never guessed.

A number cell gives a number; a text cell is read as a person types it in Indonesian (koma for
desimal, titik for ribuan). Rupiah are whole: "170.0000" or 1250000,5 is an error, never Rp 170.
Each returns None for an empty cell and raises FormulaInputError with the reason otherwise."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sakip.formulas.numbers import parse_angka, parse_rupiah, to_decimal
from sakip.formulas.result import FormulaInputError
from sakip.impor.buku import teks_sel


def _kosong(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _bukan_angka(value, what: str):
    if isinstance(value, bool | datetime.date | datetime.time | datetime.timedelta):
        raise FormulaInputError(f"{what} harus berupa angka, bukan {teks_sel(value)!r}")


def angka(value, what: str) -> Decimal | None:
    if _kosong(value):
        return None
    _bukan_angka(value, what)
    if isinstance(value, int | float | Decimal):
        return to_decimal(value, what)
    return parse_angka(teks_sel(value), what)


def rupiah(value, what: str) -> Decimal | None:
    if _kosong(value):
        return None
    _bukan_angka(value, what)
    if isinstance(value, float):
        value = to_decimal(value, what)
    if isinstance(value, int | Decimal):
        return parse_rupiah(value, what)
    return parse_rupiah(teks_sel(value), what)
