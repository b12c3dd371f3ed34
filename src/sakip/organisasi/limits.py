"""How long free text may be, and rupiah in whole rupiah: the limits and the checks that apply them.

One limit per kind of text, in characters:

| kind | limit | e.g. |
|---|---|---|
| `URAIAN` | 1.000 | one statement: a tujuan, sasaran, LKE criterion or sub-component |
| `ALASAN` | 1.000 | a reason given for a step: reopening a PK or quarter, voiding an SKM response |
| `SARAN` | 2.000 | a respondent's suggestion in the SKM |
| `CATATAN` | 5.000 | notes and explanations: a realisation's keterangan, the IKU sheet, evaluator notes, recommendations and their follow-up |
| `NARASI` | 10.000 | narratives: the parts of the LKjIP an OPD writes, the OPD profile, tugas and fungsi |

Names keep their CharField's length (200, 300 or 400). Measured on the Kecamatan Jati LKjIP and
demo: the longest keterangan has 1.350 characters, the longest narrative (the list of tasks of one
seksi) about 3.100, the whole kata pengantar 1.800.

Each limit holds in three places: the form (maxlength, the hint "Paling banyak 2.000 karakter."
and the same refusal; see `sakip.organisasi.fields`), the model (`max_length` with
`TextLimitValidator`, because Django's TextField does not validate its max_length), and the
writes that do not come through a form (`check_text` in actions, `check_limits` on save and in
the data file loader). The refusal names the limit and the length: "Paling banyak 2.000 karakter
(sekarang 2.001)."."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator, MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.formulas.numbers import format_angka

URAIAN = 1_000
ALASAN = 1_000
SARAN = 2_000
CATATAN = 5_000
NARASI = 10_000

CHANGE_REASON_MAX = 100  # django-simple-history's history_change_reason is a varchar(100)


def length_of(value) -> int:
    """Characters of a text, or of a list of paragraphs as edited: one per line."""
    if isinstance(value, list | tuple):
        return len("\n".join(str(item) for item in value))
    return len(value)


def limit_hint(limit: int) -> str:
    return _("Paling banyak %(batas)s karakter.") % {"batas": format_angka(limit)}


def too_long(limit: int, length: int, label: str = "") -> str:
    """The refusal; with `label` it names the field, for messages shown away from it."""
    params = {"batas": format_angka(limit), "panjang": format_angka(length)}
    if label:
        params["nama"] = str(label)[:1].upper() + str(label)[1:]
        return (
            _("%(nama)s terlalu panjang: paling banyak %(batas)s karakter (sekarang %(panjang)s).")
            % params
        )
    return _("Paling banyak %(batas)s karakter (sekarang %(panjang)s).") % params


@deconstructible(path="sakip.organisasi.limits.TextLimitValidator")
class TextLimitValidator(MaxLengthValidator):
    """MaxLengthValidator with Indonesian figures (2.000) that also counts a list of paragraphs."""

    message = gettext_lazy("Paling banyak %(batas)s karakter (sekarang %(panjang)s).")

    def clean(self, x):
        return length_of(x)

    def __call__(self, value):
        length = self.clean(value)
        if length > self.limit_value:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit_value": self.limit_value,
                    "show_value": length,
                    "value": value,
                    "batas": format_angka(self.limit_value),
                    "panjang": format_angka(length),
                },
            )


@deconstructible(path="sakip.organisasi.limits.WholeRupiahValidator")
class WholeRupiahValidator(BaseValidator):
    """A rupiah amount has no sen."""

    message = gettext_lazy(
        "Rupiah ditulis tanpa sen: %(nilai)s memuat pecahan. Tulis bilangan bulat, misalnya "
        "%(bulat)s."
    )
    code = "rupiah_sen"

    def __init__(self, message=None):
        super().__init__(0, message)

    def compare(self, a, b):
        return a != a.to_integral_value()

    def clean(self, x):
        return Decimal(x)

    def __call__(self, value):
        amount = self.clean(value)
        if self.compare(amount, None):
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "value": value,
                    "nilai": format_angka(amount, 2),
                    "bulat": format_angka(amount, 0),
                },
            )


def text_field(limit: int, *args, **kwargs) -> models.TextField:
    """A TextField that refuses text longer than `limit` characters."""
    return models.TextField(
        *args, max_length=limit, validators=[TextLimitValidator(limit)], **kwargs
    )


def paragraphs_field(limit: int, *args, **kwargs) -> models.JSONField:
    """A list of paragraphs (JSON) whose text, one paragraph per line, is at most `limit`."""
    kwargs.setdefault("default", list)
    kwargs.setdefault("blank", True)
    return models.JSONField(*args, validators=[TextLimitValidator(limit)], **kwargs)


def limit_of(field) -> int | None:
    for validator in field.validators:
        if isinstance(validator, TextLimitValidator):
            return validator.limit_value
    if isinstance(field, models.CharField | models.TextField):
        return field.max_length
    return None


def check_limits(obj, fields=None) -> None:
    """Refuse, before saving, the texts of `obj` longer than their field allows and rupiah with
    sen: a ValidationError keyed by field whose messages name the field and the limit."""
    errors = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        limit = limit_of(field)
        if limit is not None and isinstance(value, str | list) and length_of(value) > limit:
            errors[field.name] = too_long(limit, length_of(value), field.verbose_name)
        if isinstance(value, Decimal | int):
            for validator in field.validators:
                if isinstance(validator, WholeRupiahValidator):
                    try:
                        validator(value)
                    except ValidationError as error:
                        errors[field.name] = error.messages
    if errors:
        raise ValidationError(errors)


def check_text(text, limit: int, field: str, label: str) -> str:
    """`text` stripped, or a ValidationError {field: "<label> terlalu panjang: …"}."""
    text = (text or "").strip()
    if len(text) > limit:
        raise ValidationError({field: too_long(limit, len(text), label)})
    return text


def check_rupiah(amount, field: str) -> None:
    """A rupiah amount with sen is refused: ValidationError {field: "Rupiah ditulis tanpa sen…"}."""
    try:
        WholeRupiahValidator()(amount)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def change_reason(reason: str) -> str:
    """A history row's reason, cut to fit its column (the full text stays in the event log)."""
    reason = str(reason)
    if len(reason) <= CHANGE_REASON_MAX:
        return reason
    return reason[: CHANGE_REASON_MAX - 1] + "…"
