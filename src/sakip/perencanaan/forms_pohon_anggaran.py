"""Forms of the program tree and DPA pages. They check what a form can (required, lengths,
numbers as typed in Indonesia); the codes and the rest are checked by
sakip.perencanaan.actions_pohon_anggaran, whose errors land beside the same fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.organisasi.fields import AngkaField, RupiahField, TextLimitsMixin
from sakip.perencanaan import kode as kodes
from sakip.perencanaan.models import Indikator, Program


def _kode_field(tingkat: str, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=_("Kode"),
        max_length=40,
        help_text=_("Bentuk %(bentuk)s, mis. %(contoh)s")
        % {"bentuk": kodes.BENTUK[tingkat], "contoh": kodes.CONTOH[tingkat]},
        **kwargs,
    )


def _nama_field() -> forms.CharField:
    return forms.CharField(
        label=_("Nama (uraian)"), max_length=Program._meta.get_field("nama").max_length
    )


class NodeForm(TextLimitsMixin, forms.Form):
    """A new program, kegiatan or sub-kegiatan (`tingkat`)."""

    def __init__(self, *args, tingkat: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"kode": _kode_field(tingkat), "nama": _nama_field(), **self.fields}
        if tingkat == kodes.PROGRAM:
            self.fields["sasaran_renstra_kode"] = forms.CharField(
                label=_("Kode tujuan/sasaran Renstra yang didukung"), max_length=20, required=False
            )
        self.fields["kode"].widget.attrs["placeholder"] = kodes.CONTOH[tingkat]


class NamaForm(TextLimitsMixin, forms.Form):
    nama = _nama_field()


class PindahForm(forms.Form):
    """Move a kegiatan (to a program) or a sub-kegiatan (to a kegiatan): the new parent's code
    and the node's new code, which must begin with it."""

    induk = forms.ChoiceField(label=_("Pindahkan ke"))
    kode = forms.CharField(label=_("Kode baru"), max_length=40, required=False)

    def __init__(self, *args, pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["induk"].choices = list(pilihan)


class IndikatorNodeForm(TextLimitsMixin, forms.ModelForm):
    """An output/outcome indicator of a node with its target for the year."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    versi_target = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    target = AngkaField(label=_("Target tahun ini"))

    class Meta:
        model = Indikator
        fields = ["nama", "satuan", "arah", "tipe_penghitungan", "frekuensi", "presisi"]


def pagu_form(subs, data=None, initial=None, prefix="dpa"):
    """A form with one whole-rupiah field per sub-kegiatan (`p<id>`) and the versi of its pagu
    row as seen (`v<id>`), for the DPA murni and for the pagu of the DPA in force."""
    initial = initial or {}
    fields = {}
    for sub in subs:
        fields[f"p{sub.pk}"] = RupiahField(label=f"{sub.kode} {sub.nama}")
        fields[f"v{sub.pk}"] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=0, required=False
        )
    form_class = type("PaguDPAForm", (forms.Form,), fields)
    return form_class(data, initial=initial, prefix=prefix)


class DPAMurniMeta(forms.Form):
    nomor = forms.CharField(
        label=_("Nomor DPA (bila sudah ditetapkan)"), max_length=200, required=False
    )
    tanggal = forms.DateField(
        label=_("Tanggal DPA"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
