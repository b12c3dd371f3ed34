from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.organisasi import limits
from sakip.organisasi.fields import AngkaField, RupiahField, TextLimitsMixin


class RealisasiKinerjaForm(TextLimitsMixin, forms.Form):
    nilai = AngkaField(label=_("Realisasi"))
    keterangan = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=limits.CATATAN,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RealisasiAnggaranForm(forms.Form):
    jumlah = RupiahField(label=_("Realisasi (Rp)"))
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
