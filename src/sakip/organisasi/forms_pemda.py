"""Forms of the pemda's set-up pages: an OPD, the pemda's settings, its predicate scale.
They check what can be checked in one field; the rules that span fields (a slug taken, bands
that overlap) are the actions' (sakip.organisasi.actions_pemda)."""

from django import forms
from django.utils.translation import gettext_lazy

from sakip.organisasi.fields import AngkaField, TextLimitsMixin
from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.organisasi.orang import NipField


class OpdForm(TextLimitsMixin, forms.Form):
    """An OPD as the admin changes it; the slug is fixed once the OPD exists."""

    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis"),
        choices=PerangkatDaerah.Jenis.choices,
        error_messages={"invalid_choice": gettext_lazy("Pilih jenis OPD dari daftar.")},
    )
    nama = forms.CharField(
        label=gettext_lazy("Nama"),
        max_length=200,
        help_text=gettext_lazy("mis. Dinas Kesehatan"),
        error_messages={"required": gettext_lazy("Nama OPD wajib diisi, mis. Dinas Kesehatan.")},
    )
    singkatan = forms.CharField(
        label=gettext_lazy("Singkatan"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("mis. Dinkes"),
    )
    alamat = forms.CharField(label=gettext_lazy("Alamat"), max_length=300, required=False)
    urusan = forms.CharField(
        label=gettext_lazy("Urusan"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("mis. Kesehatan; Kewilayahan untuk kecamatan"),
    )
    kepala_nama = forms.CharField(
        label=gettext_lazy("Nama kepala OPD"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("dengan gelar; penandatangan PK dan LKjIP"),
    )
    kepala_nip = NipField(label=gettext_lazy("NIP kepala"), help_text=gettext_lazy("18 angka"))
    kepala_pangkat = forms.CharField(
        label=gettext_lazy("Pangkat/golongan kepala"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("mis. Pembina (IV/a)"),
    )
    kepala_jabatan = forms.CharField(
        label=gettext_lazy("Jabatan kepala"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("mis. Kepala Dinas Kesehatan"),
    )


class OpdBaruForm(OpdForm):
    """A new OPD: its slug is proposed from the name, and may be typed."""

    slug = forms.CharField(
        label=gettext_lazy("Slug (alamat halaman)"),
        max_length=50,
        required=False,
        help_text=gettext_lazy(
            "huruf kecil, angka dan tanda hubung; kosongkan untuk memakai usulan dari nama. "
            "Tidak dapat diubah setelah OPD dibuat."
        ),
    )
    field_order = ["jenis", "nama", "singkatan", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # opd-slug.js proposes the slug while the name is typed
        self.fields["nama"].widget.attrs["data-slug-source"] = "id_slug"
        self.fields["slug"].widget.attrs["autocomplete"] = "off"


class PengaturanForm(TextLimitsMixin, forms.Form):
    batas_capaian = AngkaField(
        label=gettext_lazy("Batas atas capaian (%)"),
        places=2,
        help_text=gettext_lazy(
            "Capaian di atas batas ini dihitung sebesar batas saat dirata-ratakan, mis. 120; "
            "kosongkan bila tidak dibatasi."
        ),
    )
    metode_efisiensi = forms.ChoiceField(
        label=gettext_lazy("Metode efisiensi anggaran"), choices=Pemda.MetodeEfisiensi.choices
    )
    kepala_daerah_nama = forms.CharField(
        label=gettext_lazy("Nama kepala daerah"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("pihak kedua Perjanjian Kinerja"),
    )
    kepala_daerah_jabatan = forms.CharField(
        label=gettext_lazy("Jabatan kepala daerah"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("mis. Bupati Blora"),
    )


class SkalaForm(TextLimitsMixin, forms.Form):
    nama = forms.CharField(
        label=gettext_lazy("Nama skala"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("Nama skala wajib diisi, mis. Skala Predikat Kinerja.")
        },
    )


class RentangForm(TextLimitsMixin, forms.Form):
    """One band; an empty row (no label) is left out."""

    label = forms.CharField(label=gettext_lazy("Predikat"), max_length=100, required=False)
    batas_bawah = AngkaField(label=gettext_lazy("Batas bawah"))
    bawah_inklusif = forms.BooleanField(
        label=gettext_lazy("termasuk batas bawah (≥)"), required=False
    )
    batas_atas = AngkaField(label=gettext_lazy("Batas atas"))
    atas_inklusif = forms.BooleanField(
        label=gettext_lazy("termasuk batas atas (≤)"), required=False
    )
    warna = forms.CharField(
        label=gettext_lazy("Warna"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "#1a7f37"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # the table's header is the visible label
            field.widget.attrs["aria-label"] = str(field.label)


RentangFormSet = forms.formset_factory(RentangForm, extra=2, can_delete=True, max_num=20)


def rentang_rows(formset) -> list[dict]:
    """The bands typed in a valid formset, in order, without the rows marked for deletion."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
