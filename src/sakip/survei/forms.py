from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.organisasi import limits
from sakip.organisasi.fields import TextLimitsMixin, show_text_limits
from sakip.survei.actions import POPULASI_MAKS
from sakip.survei.isian import baca_respons
from sakip.survei.models import UNSUR_FIELDS, Layanan, PeriodeSurvei

UKURAN_IMPOR_MAKS = 2 * 1024 * 1024


NAMA_LAYANAN_MAKS = Layanan._meta.get_field("nama").max_length


class LayananBaruForm(TextLimitsMixin, forms.Form):
    nama = forms.CharField(
        label=gettext_lazy("Nama layanan"), max_length=NAMA_LAYANAN_MAKS, required=False
    )


class LayananForm(TextLimitsMixin, forms.Form):
    nama = forms.CharField(
        label=gettext_lazy("Nama layanan"), max_length=NAMA_LAYANAN_MAKS, required=False
    )
    urutan = forms.IntegerField(label=gettext_lazy("Urutan"), min_value=0, max_value=999)
    aktif = forms.BooleanField(label=gettext_lazy("Aktif"), required=False)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)


class UnsurForm(TextLimitsMixin, forms.Form):
    """The wording of one unsur; the form's prefix is its kode (U1…U9)."""

    pertanyaan = forms.CharField(
        label=gettext_lazy("Pertanyaan"), max_length=400, widget=forms.Textarea(attrs={"rows": 2})
    )
    label_1 = forms.CharField(label=gettext_lazy("Jawaban 1 (terburuk)"), max_length=100)
    label_2 = forms.CharField(label=gettext_lazy("Jawaban 2"), max_length=100)
    label_3 = forms.CharField(label=gettext_lazy("Jawaban 3"), max_length=100)
    label_4 = forms.CharField(label=gettext_lazy("Jawaban 4 (terbaik)"), max_length=100)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PeriodeForm(forms.Form):
    jenis = forms.ChoiceField(label=gettext_lazy("Jenis periode"), choices=PeriodeSurvei.Jenis)
    mulai = forms.DateField(
        label=gettext_lazy("Mulai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    selesai = forms.DateField(
        label=gettext_lazy("Selesai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    populasi = forms.IntegerField(
        label=gettext_lazy("Populasi (jumlah penerima layanan)"),
        required=False,
        min_value=1,
        max_value=POPULASI_MAKS,
        error_messages={
            "min_value": gettext_lazy("Populasi paling sedikit 1 orang, atau kosongkan."),
            "max_value": gettext_lazy(
                "Populasi paling banyak 100.000.000 orang; periksa angka yang diketik."
            ),
        },
        help_text=gettext_lazy("Untuk besar sampel minimal Krejcie–Morgan; boleh dikosongkan."),
    )
    dibuka = forms.BooleanField(label=gettext_lazy("Formulir publik dibuka"), required=False)
    wajib_kode = forms.BooleanField(
        label=gettext_lazy("Wajib kode sekali pakai dari tanda terima"), required=False
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)


class KodeForm(forms.Form):
    jumlah = forms.IntegerField(
        label=gettext_lazy("Jumlah kode"), min_value=1, max_value=2000, initial=100
    )
    layanan = forms.ModelChoiceField(
        label=gettext_lazy("Khusus layanan (boleh kosong: berlaku untuk semua layanan)"),
        queryset=Layanan.objects.none(),
        required=False,
    )

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].queryset = Layanan.objects.filter(pemda=opd.pemda, opd=opd)


class KuesionerForm(forms.Form):
    """One questionnaire as typed: the values are read by sakip.survei.isian, the same rules
    for the public form, the paper grid and the XLSX import."""

    jenis_kelamin = forms.CharField(required=False)
    usia = forms.CharField(required=False, max_length=5)
    pendidikan = forms.CharField(required=False)
    pekerjaan = forms.CharField(required=False)
    saran = forms.CharField(required=False, max_length=limits.SARAN)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in UNSUR_FIELDS:
            self.fields[field] = forms.CharField(required=False, max_length=5)
        show_text_limits(self, ["saran"])

    def clean(self):
        data = super().clean()
        try:
            self.values = baca_respons(data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field, messages)
        return data


class ResponsPublikForm(KuesionerForm):
    """The public form: answers are numbered questions (1–9) for the respondent, not U1…U9."""

    kode = forms.CharField(required=False, max_length=20)
    situs = forms.CharField(required=False)  # honeypot: hidden from people, filled by bots

    def __init__(self, *args, wajib_kode: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.wajib_kode = wajib_kode

    def clean(self):
        for nomor, field in enumerate(UNSUR_FIELDS, start=1):
            typed = (self.data.get(self.add_prefix(field)) or "").strip()
            if not typed:
                self.add_error(
                    field,
                    _("Pilih salah satu jawaban untuk pertanyaan %(n)s.") % {"n": nomor},
                )
            elif typed not in ("1", "2", "3", "4"):
                self.add_error(
                    field,
                    _("Jawaban pertanyaan %(n)s tidak sah: pilih salah satu dari empat pilihan.")
                    % {"n": nomor},
                )
        if self.wajib_kode and not (self.data.get(self.add_prefix("kode")) or "").strip():
            self.add_error(
                "kode", _("Isi kode sekali pakai yang tercetak pada tanda terima layanan.")
            )
        return super().clean()


class BarisKertasForm(KuesionerForm):
    """One row of the paper grid."""

    layanan = forms.ModelChoiceField(
        queryset=Layanan.objects.none(),
        error_messages={
            "required": gettext_lazy("Pilih layanan."),
            "invalid_choice": gettext_lazy("Pilih layanan dari daftar."),
        },
    )

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].queryset = Layanan.objects.filter(
            pemda=opd.pemda, opd=opd, aktif=True
        )


class BatalForm(TextLimitsMixin, forms.Form):
    alasan = forms.CharField(
        label=gettext_lazy("Alasan pembatalan"),
        required=False,
        max_length=limits.ALASAN,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas XLSX (maks. 2 MB)"),
        error_messages={"required": gettext_lazy("Pilih berkas XLSX yang akan diimpor.")},
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UKURAN_IMPOR_MAKS:
            raise ValidationError(
                _(
                    "Berkas terlalu besar (%(mb)s MB); paling besar 2 MB. Bagi menjadi beberapa berkas."
                )
                % {"mb": round(berkas.size / 1024 / 1024, 1)}
            )
        if not berkas.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Unggah berkas Excel .xlsx (templat dari halaman ini)."))
        return berkas
