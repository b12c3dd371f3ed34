from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.organisasi.fields import AngkaField


class RealisasiKinerjaForm(forms.Form):
    nilai = AngkaField(label=_("Realisasi"))
    keterangan = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RealisasiAnggaranForm(forms.Form):
    jumlah = AngkaField(label=_("Realisasi (Rp)"), places=0)
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
