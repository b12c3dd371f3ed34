"""Checks on a value before it is stored, shared by the loader and the entry forms.
Each returns a message (through gettext) that says what to do, or None when the value is fine."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakip.formulas.numbers import format_angka

NIK_MIN, NIK_MAX = Decimal(25), Decimal(100)


def check_realisasi_kinerja(indikator, nilai: Decimal) -> str | None:
    """The indicator's scale and storage precision; catches an IKM typed on the NI (1–4) scale."""
    low, high = indikator.skala_min, indikator.skala_max
    outside = (low is not None and nilai < low) or (high is not None and nilai > high)
    if outside:
        shown = format_angka(nilai, max(_places(nilai), 0))
        if low == NIK_MIN and high == NIK_MAX and Decimal(1) <= nilai <= Decimal(4):
            return _(
                "nilai %(nilai)s tampaknya skala NI (1–4), sedangkan %(indikator)s disimpan "
                "pada skala NIK 25–100: kalikan dengan 25 (= %(dikali)s)"
            ) % {"nilai": shown, "indikator": indikator.nama, "dikali": format_angka(nilai * 25, 2)}
        bounds = f"{_fmt(low)}–{_fmt(high)}"
        return _("nilai %(nilai)s di luar skala %(indikator)s (%(rentang)s)") % {
            "nilai": shown,
            "indikator": indikator.nama,
            "rentang": bounds,
        }
    if _places(nilai) > indikator.presisi:
        return ngettext(
            "nilai %(nilai)s memiliki lebih dari %(presisi)s angka desimal; "
            "bulatkan ke %(presisi)s desimal",
            "nilai %(nilai)s memiliki lebih dari %(presisi)s angka desimal; "
            "bulatkan ke %(presisi)s desimal",
            indikator.presisi,
        ) % {"nilai": nilai, "presisi": indikator.presisi}
    return None


def _places(value: Decimal) -> int:
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _fmt(value) -> str:
    return "…" if value is None else format_angka(value, _places(value))
