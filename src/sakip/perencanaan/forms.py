from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.organisasi.fields import AngkaField
from sakip.perencanaan.models import Indikator


class Versioned(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TargetForm(Versioned):
    target = AngkaField(label=_("Target"))
    target_atas = AngkaField(label=_("Batas atas (bila rentang)"))


class PaguForm(Versioned):
    jumlah = AngkaField(label=_("Pagu (Rp)"), places=0)


class PenandatanganForm(Versioned):
    tanggal = forms.DateField(
        label=_("Tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tempat = forms.CharField(label=_("Tempat"), required=False)
    pihak_pertama_nama = forms.CharField(label=_("Nama pihak pertama"), required=False)
    pihak_pertama_nip = forms.CharField(label=_("NIP pihak pertama"), required=False)
    pihak_pertama_pangkat = forms.CharField(label=_("Pangkat pihak pertama"), required=False)
    pihak_pertama_jabatan = forms.CharField(label=_("Jabatan pihak pertama"), required=False)
    pihak_kedua_nama = forms.CharField(label=_("Nama pihak kedua"), required=False)
    pihak_kedua_nip = forms.CharField(label=_("NIP pihak kedua"), required=False)
    pihak_kedua_pangkat = forms.CharField(label=_("Pangkat pihak kedua"), required=False)
    pihak_kedua_jabatan = forms.CharField(label=_("Jabatan pihak kedua"), required=False)


class AlasanForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class IndikatorForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    skala_min = AngkaField(label=_("Skala minimum"))
    skala_max = AngkaField(label=_("Skala maksimum"))
    standar_nasional = AngkaField(label=_("Standar nasional"))

    class Meta:
        model = Indikator
        fields = [
            "nama",
            "satuan",
            "arah",
            "tipe_penghitungan",
            "frekuensi",
            "sumber_realisasi",
            "presisi",
            "skala_min",
            "skala_max",
            "standar_nasional",
            "iku",
            "alasan_pemilihan",
            "formulasi",
            "definisi_operasional",
            "sumber_data",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("alasan_pemilihan", "formulasi", "definisi_operasional", "sumber_data")
        }

    def clean(self):
        data = super().clean()
        low, high = data.get("skala_min"), data.get("skala_max")
        if low is not None and high is not None and high <= low:
            self.add_error("skala_max", _("Skala maksimum harus lebih besar dari minimum."))
        return data
