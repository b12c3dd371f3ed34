"""Form fields for numbers as people type them in Indonesia (1.866.543.961; 93,33)."""

import re

from django import forms
from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_angka, parse_angka
from sakip.formulas.result import FormulaInputError

WHOLE_WITH_DOTS = re.compile(r"(?:Rp\.?\s*)?[-+]?\d{1,3}(?:\.\d{3})+", re.IGNORECASE)


class AngkaField(forms.CharField):
    """A decimal typed in Indonesian format; ambiguous input is refused with a hint."""

    def __init__(self, *args, places: int | None = None, **kwargs):
        self.places = places
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if self.places == 0 and WHOLE_WITH_DOTS.fullmatch(text.strip()):
            # in a whole-number field (rupiah) "150.000" can only mean ribuan
            text = text.replace(".", "")
        try:
            return parse_angka(text, str(self.label or _("nilai")))
        except FormulaInputError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        places = self.places if self.places is not None else _places(value)
        return format_angka(value, places)


def _places(value) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0
