"""Checks on a value before it is stored, shared by the loader and the entry forms.
Each returns a message in Bahasa Indonesia that says what to do, or None when the value is fine."""

from decimal import Decimal

from sakip.formulas.numbers import format_angka

NIK_MIN, NIK_MAX = Decimal(25), Decimal(100)


def check_realisasi_kinerja(indikator, nilai: Decimal) -> str | None:
    """The indicator's scale and storage precision; catches an IKM typed on the NI (1–4) scale."""
    low, high = indikator.skala_min, indikator.skala_max
    outside = (low is not None and nilai < low) or (high is not None and nilai > high)
    if outside:
        shown = format_angka(nilai, max(_places(nilai), 0))
        if low == NIK_MIN and high == NIK_MAX and Decimal(1) <= nilai <= Decimal(4):
            return (
                f"nilai {shown} tampaknya skala NI (1–4), sedangkan {indikator.nama} disimpan "
                f"pada skala NIK 25–100: kalikan dengan 25 (= {format_angka(nilai * 25, 2)})"
            )
        bounds = f"{_fmt(low)}–{_fmt(high)}"
        return f"nilai {shown} di luar skala {indikator.nama} ({bounds})"
    if _places(nilai) > indikator.presisi:
        return (
            f"nilai {nilai} memiliki lebih dari {indikator.presisi} angka desimal; "
            f"bulatkan ke {indikator.presisi} desimal"
        )
    return None


def _places(value: Decimal) -> int:
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _fmt(value) -> str:
    return "…" if value is None else format_angka(value, _places(value))
