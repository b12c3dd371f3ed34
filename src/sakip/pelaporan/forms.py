from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from sakip.organisasi import limits
from sakip.organisasi.fields import TextLimitsMixin
from sakip.organisasi.limits import TextLimitValidator

PARAGRAF = _("Satu butir atau paragraf per baris.")


class ParagraphsField(forms.CharField):
    """A list of paragraphs edited as text, one per line; at most NARASI characters in all."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", PARAGRAF)
        kwargs.setdefault("max_length", limits.NARASI)
        super().__init__(*args, **kwargs)
        # the limit counts the text, not the number of paragraphs the cleaned list has
        self.validators = [
            TextLimitValidator(self.max_length) if isinstance(v, MaxLengthValidator) else v
            for v in self.validators
        ]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class LaporanForm(TextLimitsMixin, forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    tempat = forms.CharField(label=_("Tempat penandatanganan"), required=False, max_length=100)
    tanggal = forms.DateField(
        label=_("Tanggal penandatanganan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    kata_pengantar = ParagraphsField(label=_("Kata pengantar"))
    latar_belakang = ParagraphsField(label=_("Bab I — latar belakang"))
    penyebab = ParagraphsField(
        label=_("Bab III A.5 — penyebab keberhasilan/kegagalan dan solusi yang dilakukan")
    )
    permasalahan = ParagraphsField(label=_("Bab IV — permasalahan"))
    langkah_antisipatif = ParagraphsField(label=_("Bab IV — langkah antisipatif"))
    rekomendasi = ParagraphsField(label=_("Bab IV — rekomendasi"))
