"""Form fields for numbers as people type them in Indonesia (1.866.543.961; 93,33; whole
rupiah), and the text limits shown on forms (sakip.organisasi.limits)."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy

from sakip.formulas.numbers import format_angka, parse_angka, parse_rupiah
from sakip.formulas.result import FormulaInputError
from sakip.organisasi.limits import TextLimitValidator, limit_hint


class _TypedNumberField(forms.CharField):
    """A number typed in Indonesian format, read by `parse` (a sakip.formulas.numbers reader
    that refuses ambiguous input with the reason)."""

    default_label = gettext_lazy("nilai")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def parse(self, text: str, what: str):
        raise NotImplementedError

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return self.parse(text, str(self.label or self.default_label))
        except FormulaInputError as exc:
            raise forms.ValidationError(str(exc)) from exc


class AngkaField(_TypedNumberField):
    """A decimal typed in Indonesian format; ambiguous input is refused with a hint."""

    def __init__(self, *args, places: int | None = None, **kwargs):
        self.places = places
        super().__init__(*args, **kwargs)

    def parse(self, text, what):
        return parse_angka(text, what)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        places = self.places if self.places is not None else _places(value)
        return format_angka(value, places)


def _places(value) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


class RupiahField(_TypedNumberField):
    """A whole rupiah amount (pagu, realisasi anggaran) typed in Indonesian format: 1.234.567,
    Rp 1.234.567 or 1234567. Sen and dots that do not group three digits are refused with the
    reason (sakip.formulas.numbers.parse_rupiah)."""

    default_label = gettext_lazy("rupiah")

    def parse(self, text, what):
        return parse_rupiah(text, what)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return format_angka(value, 0)


def show_text_limits(form, names=None) -> None:
    """Every text field of `form` (or those `names`) with a max_length gets the browser's
    maxlength, the visible hint "Paling banyak 2.000 karakter." and the refusal "Paling banyak
    2.000 karakter (sekarang 2.001)." in place of Django's (its figures have no ribuan dots)."""
    for name, field in form.fields.items():
        if names is not None and name not in names:
            continue
        limit = getattr(field, "max_length", None)
        if not isinstance(field, forms.CharField) or not limit or field.widget.is_hidden:
            continue
        field.validators = [
            *(v for v in field.validators if not isinstance(v, MaxLengthValidator)),
            TextLimitValidator(limit),
        ]
        hint = limit_hint(limit)
        field.help_text = f"{_as_sentence(field.help_text)} {hint}" if field.help_text else hint
        field.widget.attrs["maxlength"] = str(limit)


def _as_sentence(text) -> str:
    """A help text ended by a full stop, so the limit hint after it reads as its own sentence."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?", ")")) else text + "."


class TextLimitsMixin:
    """Mixed into a Form or ModelForm: its text limits are shown and enforced (show_text_limits)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_text_limits(self)
