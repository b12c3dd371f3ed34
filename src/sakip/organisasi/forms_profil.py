"""Forms of the OPD profile (LKjIP Bab I): the standing facts, a unit of the struktur organisasi,
the yearly profile and its tables (pegawai by golongan and by jabatan, sarana-prasarana).

Counts are whole numbers that are not negative, typed as people do (50.918 or 50918); the luas
is a decimal with the Indonesian comma (183,62). Every refusal says what to type instead."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.formulas.numbers import format_angka
from sakip.organisasi.fields import AngkaField, TextLimitsMixin
from sakip.organisasi.models import (
    PegawaiGolongan,
    PegawaiJabatan,
    PerangkatDaerah,
    ProfilTahunan,
    Sarpras,
    UnitKerja,
)
from sakip.pelaporan.forms import ParagraphsField

WHOLE = re.compile(r"\d+|[1-9]\d{0,2}(?:\.\d{3})+")


def parse_jumlah(text: str, label: str) -> int:
    """A count as typed: "50.918" or "50918" is 50918; a sign, a comma or a letter is refused."""
    text = text.strip()
    if text.startswith(("-", "\u2212")) and WHOLE.fullmatch(text[1:].strip()):
        raise forms.ValidationError(
            _("%(nama)s tidak boleh negatif: tulis 0 atau bilangan bulat positif.")
            % {"nama": label}
        )
    if not WHOLE.fullmatch(text):
        raise forms.ValidationError(
            _(
                "%(nama)s harus bilangan bulat tanpa koma, bukan “%(teks)s”; misalnya 12 atau "
                "50.918."
            )
            % {"nama": label, "teks": text}
        )
    return int(text.replace(".", ""))


class JumlahField(forms.CharField):
    """A count (desa, penduduk, pegawai, barang): a whole number, not negative."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        return parse_jumlah(text, str(self.label or _("jumlah")))

    def prepare_value(self, value):
        return format_angka(value) if isinstance(value, int) else value


class LuasField(AngkaField):
    """Luas in km²: a decimal with the Indonesian comma, at most 2 decimals, not negative."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("places", 2)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        if number < 0:
            raise forms.ValidationError(_("Luas wilayah tidak boleh negatif."))
        if number != number.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                _("Luas wilayah paling banyak 2 angka di belakang koma, misalnya 183,62.")
            )
        if number >= Decimal("1e10"):
            raise forms.ValidationError(_("Luas wilayah terlalu besar."))
        return number


def _char(model, name: str, label, required=False) -> forms.CharField:
    """A one-line text field as long as its column."""
    return forms.CharField(
        label=label, required=required, max_length=model._meta.get_field(name).max_length
    )


def _text(model, name: str, label, rows=4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=model._meta.get_field(name).max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class Versioned(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ProfilOpdForm(TextLimitsMixin, forms.Form):
    """The facts that do not change yearly."""

    urusan = _char(PerangkatDaerah, "urusan", gettext_lazy("Urusan pemerintahan"))
    alamat = _char(PerangkatDaerah, "alamat", gettext_lazy("Alamat kantor"))
    dasar_pembentukan = _text(
        PerangkatDaerah, "dasar_pembentukan", gettext_lazy("Dasar pembentukan")
    )
    tugas = _text(PerangkatDaerah, "tugas", gettext_lazy("Tugas pokok OPD"))
    fungsi = ParagraphsField(label=gettext_lazy("Fungsi OPD"))


class UnitKerjaForm(TextLimitsMixin, Versioned):
    nama = _char(UnitKerja, "nama", gettext_lazy("Nama unit"), required=True)
    induk = forms.ModelChoiceField(
        label=gettext_lazy("Di bawah unit"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=gettext_lazy("— unit teratas —"),
    )
    uraian_tugas = _text(UnitKerja, "uraian_tugas", gettext_lazy("Uraian tugas"))
    tugas = ParagraphsField(label=gettext_lazy("Rincian tugas dan fungsi"))

    def __init__(self, *args, opd, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = UnitKerja.objects.filter(pemda=opd.pemda, opd=opd)
        if unit is not None:
            choices = choices.exclude(pk=unit.pk)
        self.fields["induk"].queryset = choices
        self.fields["induk"].label_from_instance = lambda unit: unit.nama
        self.fields["induk"].error_messages["invalid_choice"] = _(
            "Pilih unit atasan dari daftar unit OPD ini."
        )
        self.fields["nama"].error_messages["required"] = _("Tulis nama unit.")


COUNTS = (
    ("jumlah_desa", gettext_lazy("Jumlah desa")),
    ("jumlah_kelurahan", gettext_lazy("Jumlah kelurahan")),
    ("jumlah_dusun", gettext_lazy("Jumlah dusun")),
    ("jumlah_rw", gettext_lazy("Jumlah RW")),
    ("jumlah_rt", gettext_lazy("Jumlah RT")),
    ("jumlah_penduduk", gettext_lazy("Jumlah penduduk (jiwa)")),
    ("jumlah_kk", gettext_lazy("Jumlah kepala keluarga")),
)


class ProfilTahunanForm(TextLimitsMixin, Versioned):
    """Wilayah and the narratives of one year's Bab I."""

    jumlah_desa = JumlahField(label=COUNTS[0][1])
    jumlah_kelurahan = JumlahField(label=COUNTS[1][1])
    jumlah_dusun = JumlahField(label=COUNTS[2][1])
    jumlah_rw = JumlahField(label=COUNTS[3][1])
    jumlah_rt = JumlahField(label=COUNTS[4][1])
    jumlah_penduduk = JumlahField(label=COUNTS[5][1])
    jumlah_kk = JumlahField(label=COUNTS[6][1])
    luas_km2 = LuasField(label=gettext_lazy("Luas wilayah (km²)"))
    batas_utara = _char(ProfilTahunan, "batas_utara", gettext_lazy("Batas utara"))
    batas_timur = _char(ProfilTahunan, "batas_timur", gettext_lazy("Batas timur"))
    batas_selatan = _char(ProfilTahunan, "batas_selatan", gettext_lazy("Batas selatan"))
    batas_barat = _char(ProfilTahunan, "batas_barat", gettext_lazy("Batas barat"))
    kondisi_wilayah = _text(
        ProfilTahunan, "kondisi_wilayah", gettext_lazy("Uraian kondisi wilayah"), rows=5
    )
    latar_belakang = ParagraphsField(label=gettext_lazy("Latar belakang"))
    landasan_hukum = ParagraphsField(label=gettext_lazy("Dasar hukum (satu peraturan per baris)"))
    fungsi_strategis = _text(ProfilTahunan, "fungsi_strategis", gettext_lazy("Fungsi strategis"))
    isu_strategis = ParagraphsField(label=gettext_lazy("Isu strategis"))
    tantangan = ParagraphsField(label=gettext_lazy("Tantangan"))
    peluang = ParagraphsField(label=gettext_lazy("Peluang"))


# --- the tables of a year's profile ---------------------------------------------------------


class BarisForm(TextLimitsMixin, forms.Form):
    """One row of a table: `id` empty for a new row; `hapus` ticked removes it."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    hapus = forms.BooleanField(label=gettext_lazy("Hapus"), required=False)

    KEY = ""  # the column that names the row, unique in the table
    COUNTS: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        if not data.get("hapus") and not self.errors:
            if not data.get(self.KEY):
                self.add_error(self.KEY, _("Wajib diisi, atau centang Hapus."))
            for name in self.COUNTS:
                if data.get(name) is None:
                    self.add_error(name, _("Wajib diisi (boleh 0)."))
        return data


class GolonganForm(BarisForm):
    golongan = _char(PegawaiGolongan, "golongan", gettext_lazy("Golongan"))
    pangkat = _char(PegawaiGolongan, "pangkat", gettext_lazy("Pangkat"))
    jumlah = JumlahField(label=gettext_lazy("Jumlah pegawai"))

    KEY = "golongan"
    COUNTS = ("jumlah",)


class JabatanForm(BarisForm):
    jabatan = _char(PegawaiJabatan, "jabatan", gettext_lazy("Jabatan"))
    eselon = _char(PegawaiJabatan, "eselon", gettext_lazy("Eselon"))
    formasi = JumlahField(label=gettext_lazy("Formasi"))
    terisi = JumlahField(label=gettext_lazy("Terisi"))
    keterangan = _char(PegawaiJabatan, "keterangan", gettext_lazy("Keterangan"))

    KEY = "jabatan"
    COUNTS = ("formasi", "terisi")


class SarprasForm(BarisForm):
    nama = _char(Sarpras, "nama", gettext_lazy("Nama barang"))
    jumlah = JumlahField(label=gettext_lazy("Jumlah"))
    satuan = _char(Sarpras, "satuan", gettext_lazy("Satuan"))
    keterangan = _char(Sarpras, "keterangan", gettext_lazy("Kondisi / keterangan"))

    KEY = "nama"
    COUNTS = ("jumlah",)


# tabel (as in the URL): (form, model, the related name on ProfilTahunan, title)
TABEL = {
    "golongan": (
        GolonganForm,
        PegawaiGolongan,
        "pegawai_golongan",
        gettext_lazy("Pegawai menurut golongan"),
    ),
    "jabatan": (
        JabatanForm,
        PegawaiJabatan,
        "pegawai_jabatan",
        gettext_lazy("Pegawai menurut jabatan (formasi dan terisi)"),
    ),
    "sarpras": (SarprasForm, Sarpras, "sarpras", gettext_lazy("Sarana dan prasarana")),
}

EXTRA_ROWS = 3


def tabel_formset(tabel: str, data=None, rows=()):
    """The editable table: the stored rows, then EXTRA_ROWS empty ones to add."""
    form, _model, _related, _title = TABEL[tabel]
    fields = [name for name in form.base_fields if name not in ("id", "hapus")]
    initial = [{"id": row.pk, **{name: getattr(row, name) for name in fields}} for row in rows]
    formset = forms.formset_factory(form, extra=EXTRA_ROWS, max_num=500, absolute_max=500)
    return formset(data, initial=initial, prefix=tabel)


def posted_rows(formset) -> list[dict]:
    """The rows of a valid table for the action: {"id", "hapus", <fields>}; the empty rows
    left for adding are not rows."""
    return [dict(form.cleaned_data) for form in formset.forms if form.cleaned_data]
