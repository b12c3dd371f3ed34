from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.organisasi import limits
from sakip.organisasi.fields import AngkaField, RupiahField, TextLimitsMixin
from sakip.organisasi.orang import tulis_nip
from sakip.perencanaan.models import Indikator, PerjanjianKinerja


class Versioned(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TargetForm(Versioned):
    target = AngkaField(label=_("Target"))
    target_atas = AngkaField(label=_("Batas atas (bila rentang)"))


class PaguForm(Versioned):
    jumlah = RupiahField(label=_("Pagu (Rp)"))


def _pk_text(name: str, label) -> forms.CharField:
    """A text field of the PK's signatories, as long as its column."""
    limit = PerjanjianKinerja._meta.get_field(name).max_length
    return forms.CharField(label=label, required=False, max_length=limit)


class PenandatanganForm(TextLimitsMixin, Versioned):
    tanggal = forms.DateField(
        label=_("Tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tempat = _pk_text("tempat", _("Tempat"))
    pihak_pertama_nama = _pk_text("pihak_pertama_nama", _("Nama pihak pertama"))
    pihak_pertama_nip = _pk_text("pihak_pertama_nip", _("NIP pihak pertama"))
    pihak_pertama_pangkat = _pk_text("pihak_pertama_pangkat", _("Pangkat pihak pertama"))
    pihak_pertama_jabatan = _pk_text("pihak_pertama_jabatan", _("Jabatan pihak pertama"))
    pihak_kedua_nama = _pk_text("pihak_kedua_nama", _("Nama pihak kedua"))
    pihak_kedua_nip = _pk_text("pihak_kedua_nip", _("NIP pihak kedua"))
    pihak_kedua_pangkat = _pk_text("pihak_kedua_pangkat", _("Pangkat pihak kedua"))
    pihak_kedua_jabatan = _pk_text("pihak_kedua_jabatan", _("Jabatan pihak kedua"))


class AkunPimpinanField(forms.ModelChoiceField):
    def label_from_instance(self, akun):
        return f"{akun.user.first_name.strip()}, NIP. {tulis_nip(akun.nip)}"


class PihakPertamaAkunForm(Versioned):
    """The PK's pihak pertama taken from one of the OPD's pimpinan accounts."""

    akun = AkunPimpinanField(
        label=_("Akun pimpinan OPD"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Pilih salah satu akun pimpinan OPD ini.")},
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akun"].queryset = accounts


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan"), max_length=limits.ALASAN, widget=forms.Textarea(attrs={"rows": 2})
    )


class IndikatorForm(TextLimitsMixin, forms.ModelForm):
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
