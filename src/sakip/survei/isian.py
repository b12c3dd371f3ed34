"""Reading one questionnaire's values as people give them: on the paper grid, in an XLSX row,
in the public form. A choice may be typed as its number on the questionnaire (1, 2, …), its
stored value (L, sma) or its label (Laki-laki, SMA/SMK); an answer is a digit 1–4. Every refusal
is a whole Indonesian sentence that says what to type instead."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.formulas.ikm import UNSUR
from sakip.organisasi import limits
from sakip.survei.models import UNSUR_FIELDS, Respons

PILIHAN = {
    "jenis_kelamin": Respons.JenisKelamin,
    "pendidikan": Respons.Pendidikan,
    "pekerjaan": Respons.Pekerjaan,
}
JUDUL = {
    "layanan": gettext_lazy("Layanan"),
    "jenis_kelamin": gettext_lazy("Jenis kelamin"),
    "usia": gettext_lazy("Usia"),
    "pendidikan": gettext_lazy("Pendidikan"),
    "pekerjaan": gettext_lazy("Pekerjaan"),
    "saran": gettext_lazy("Saran"),
    **{field: kode for field, (kode, _nama) in zip(UNSUR_FIELDS, UNSUR, strict=True)},
}
USIA_MIN, USIA_MAX = 10, 120
SARAN_MAX = limits.SARAN


def bilangan_ascii(text) -> int | None:
    """The whole number typed with ASCII digits only, else None: "²".isdigit() is True but
    int("²") raises, and "١٢" (Arabic-Indic) would be read as 12."""
    typed = "" if text is None else str(text).strip()
    if typed.isascii() and typed.isdigit():
        return int(typed)
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def pilihan_bernomor(field: str) -> list[tuple[int, str, str]]:
    """(number on the questionnaire, stored value, label) of a profile choice."""
    return [
        (nomor, value, str(label))
        for nomor, (value, label) in enumerate(PILIHAN[field].choices, start=1)
    ]


def baca_pilihan(field: str, text) -> str:
    """The stored value of a profile choice typed as number, value or label."""
    typed = _norm("" if text is None else text)
    if not typed:
        raise ValidationError(_("%(judul)s wajib diisi.") % {"judul": JUDUL[field]})
    for nomor, value, label in pilihan_bernomor(field):
        if typed in (str(nomor), value.casefold(), _norm(label)):
            return value
    choices = "; ".join(
        _("%(nomor)s atau %(kode)s = %(label)s")
        % {"nomor": nomor, "kode": value.upper(), "label": label}
        for nomor, value, label in pilihan_bernomor(field)
    )
    raise ValidationError(
        _("%(judul)s “%(isi)s” tidak dikenal. Isi salah satu: %(pilihan)s.")
        % {"judul": JUDUL[field], "isi": str(text).strip(), "pilihan": choices}
    )


def baca_jawaban(field: str, text) -> int:
    """An answer 1–4 to unsur `field` (u1…u9)."""
    kode = JUDUL[field]
    typed = "" if text is None else str(text).strip()
    if typed.endswith(".0"):  # a spreadsheet number cell read back as 3.0
        typed = typed[:-2]
    if not typed:
        raise ValidationError(_("Jawaban %(kode)s wajib diisi (1–4).") % {"kode": kode})
    if typed not in ("1", "2", "3", "4"):
        raise ValidationError(
            _("Jawaban %(kode)s harus angka 1, 2, 3 atau 4, bukan “%(isi)s”.")
            % {"kode": kode, "isi": typed}
        )
    return int(typed)


def baca_usia(text) -> int:
    typed = "" if text is None else str(text).strip()
    if typed.endswith(".0"):
        typed = typed[:-2]
    if not typed:
        raise ValidationError(_("Usia wajib diisi (dalam tahun)."))
    usia = bilangan_ascii(typed)
    if usia is None:
        raise ValidationError(
            _("Usia harus bilangan bulat tahun, bukan “%(isi)s”.") % {"isi": typed}
        )
    if not USIA_MIN <= usia <= USIA_MAX:
        raise ValidationError(
            _("Usia %(usia)s di luar batas wajar %(min)s–%(max)s tahun.")
            % {"usia": usia, "min": USIA_MIN, "max": USIA_MAX}
        )
    return usia


def baca_saran(text) -> str:
    saran = "" if text is None else str(text).strip()
    if len(saran) > SARAN_MAX:
        raise ValidationError(limits.too_long(SARAN_MAX, len(saran), JUDUL["saran"]))
    return saran


def baca_respons(values: dict) -> dict:
    """Clean values of one questionnaire (without the service) from what was typed; every
    problem at once, keyed by field, as a ValidationError."""
    readers = {
        "jenis_kelamin": lambda v: baca_pilihan("jenis_kelamin", v),
        "usia": baca_usia,
        "pendidikan": lambda v: baca_pilihan("pendidikan", v),
        "pekerjaan": lambda v: baca_pilihan("pekerjaan", v),
        **{field: (lambda v, f=field: baca_jawaban(f, v)) for field in UNSUR_FIELDS},
        "saran": baca_saran,
    }
    clean, errors = {}, {}
    for field, read in readers.items():
        try:
            clean[field] = read(values.get(field))
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)
    return clean
