"""Forms of the Renstra authoring pages: a new Renstra, its visi/misi, a tujuan or sasaran, a new
indicator with its IKU sheet and its targets. They check types and lengths; the rules live in
sakip.perencanaan.actions_renstra."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.organisasi import limits
from sakip.organisasi.fields import AngkaField, TextLimitsMixin
from sakip.perencanaan.forms import IndikatorForm
from sakip.perencanaan.models import Indikator, Renstra, Tujuan

POIN = ("-", "•", "*")


def lines_of(text: str) -> list[str]:
    """One paragraph (a misi, a sentence of explanation) per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def penjelasan_from_text(text: str) -> list:
    """The explanation of a visi as typed: a line is a title (or a paragraph), the lines under it
    that start with "-" are its points. Gives [{"judul": …, "poin": […]}, "paragraph", …] as the
    LKjIP reads it. A point before any title is refused."""
    items: list = []
    for number, line in enumerate(lines_of(text), start=1):
        if line.startswith(POIN):
            point = line.lstrip("".join(POIN)).strip()
            if not items:
                raise forms.ValidationError(
                    _(
                        "Baris %(baris)s: poin “%(poin)s” belum punya judul. Tulis judulnya di baris "
                        "sebelumnya, tanpa tanda -."
                    )
                    % {"baris": number, "poin": point[:40]}
                )
            if isinstance(items[-1], str):
                items[-1] = {"judul": items[-1], "poin": []}
            items[-1]["poin"].append(point)
        else:
            items.append(line)
    return items


def penjelasan_to_text(items) -> str:
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out.append(str(item.get("judul", "")))
            out += [f"- {p}" for p in item.get("poin", [])]
        else:
            out.append(str(item))
    return "\n".join(out)


def _textarea(label, limit, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=limit,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class RenstraBaruForm(TextLimitsMixin, forms.Form):
    tahun_awal = forms.IntegerField(
        label=gettext_lazy("Tahun awal"), min_value=2000, max_value=2100
    )
    tahun_akhir = forms.IntegerField(
        label=gettext_lazy("Tahun akhir"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=gettext_lazy("Kosongkan untuk periode 5 tahun (tahun awal + 4)."),
    )
    nomor = forms.CharField(
        label=gettext_lazy("Nomor dokumen Renstra"),
        required=False,
        max_length=Renstra._meta.get_field("nomor").max_length,
    )


class NarasiRenstraForm(TextLimitsMixin, forms.Form):
    """Nomor, visi, misi and their explanations; lists are edited one item per line."""

    sidik = forms.CharField(widget=forms.HiddenInput, required=False)
    nomor = forms.CharField(
        label=gettext_lazy("Nomor dokumen Renstra"),
        required=False,
        max_length=Renstra._meta.get_field("nomor").max_length,
    )
    visi_pemda = _textarea(gettext_lazy("Visi pemda"), limits.URAIAN, 2)
    penjelasan_visi_pemda = _textarea(
        gettext_lazy("Penjelasan visi pemda"),
        limits.NARASI,
        6,
        gettext_lazy("Satu judul per baris; poin di bawahnya diawali tanda -."),
    )
    misi_pemda = _textarea(
        gettext_lazy("Misi pemda"), limits.NARASI, 5, gettext_lazy("Satu misi per baris.")
    )
    visi_opd = _textarea(gettext_lazy("Visi OPD"), limits.URAIAN, 2)
    penjelasan_visi_opd = _textarea(
        gettext_lazy("Makna visi OPD"), limits.NARASI, 5, gettext_lazy("Satu paragraf per baris.")
    )
    misi_opd = _textarea(
        gettext_lazy("Misi OPD"), limits.NARASI, 5, gettext_lazy("Satu misi per baris.")
    )

    @classmethod
    def initial_of(cls, renstra: Renstra, sidik: str) -> dict:
        return {
            "sidik": sidik,
            "nomor": renstra.nomor,
            "visi_pemda": renstra.visi_pemda,
            "penjelasan_visi_pemda": penjelasan_to_text(renstra.penjelasan_visi_pemda),
            "misi_pemda": "\n".join(renstra.misi_pemda or []),
            "visi_opd": renstra.visi_opd,
            "penjelasan_visi_opd": penjelasan_to_text(renstra.penjelasan_visi_opd),
            "misi_opd": "\n".join(renstra.misi_opd or []),
        }

    def clean_penjelasan_visi_pemda(self):
        return penjelasan_from_text(self.cleaned_data["penjelasan_visi_pemda"])

    def clean_penjelasan_visi_opd(self):
        return lines_of(self.cleaned_data["penjelasan_visi_opd"])

    def clean_misi_pemda(self):
        return lines_of(self.cleaned_data["misi_pemda"])

    def clean_misi_opd(self):
        return lines_of(self.cleaned_data["misi_opd"])


class ButirForm(TextLimitsMixin, forms.Form):
    """A tujuan or a sasaran: kode and uraian (and, for a sasaran being edited, its tujuan)."""

    sidik = forms.CharField(widget=forms.HiddenInput, required=False)
    kode = forms.CharField(
        label=gettext_lazy("Kode"), max_length=Tujuan._meta.get_field("kode").max_length
    )
    uraian = forms.CharField(
        label=gettext_lazy("Uraian"),
        max_length=limits.URAIAN,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, tujuan_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if tujuan_choices is not None:
            self.fields["tujuan"] = forms.ModelChoiceField(
                label=_("Tujuan"), queryset=tujuan_choices, empty_label=None
            )


class IndikatorBaruForm(IndikatorForm):
    """A new indicator: its kode and its IKU sheet (the fields of the IKU sheet form)."""

    versi = None  # a new row: nothing to be concurrent with

    class Meta(IndikatorForm.Meta):
        fields = ["kode", *IndikatorForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode"].help_text = _(
            "Kode unik di OPD ini, mis. IKU-01 (huruf, angka, titik, tanda hubung)."
        )


# the IKU sheet's fields one row of the Renstra XLSX carries (sakip.perencanaan.lembar_renstra)
LEMBAR_FIELDS = (
    "nama",
    "satuan",
    "arah",
    "tipe_penghitungan",
    "frekuensi",
    "presisi",
    "iku",
    "alasan_pemilihan",
    "formulasi",
    "definisi_operasional",
    "sumber_data",
)
PRESISI_MAKS = 6  # the targets are stored with six decimals


class IndikatorLembarForm(TextLimitsMixin, forms.ModelForm):
    """One indicator row of the Renstra XLSX, checked as the IKU sheet form checks its fields."""

    class Meta:
        model = Indikator
        fields = list(LEMBAR_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presisi"].validators.append(
            MaxValueValidator(
                PRESISI_MAKS,
                _("Presisi paling banyak %(maks)s angka desimal.") % {"maks": PRESISI_MAKS},
            )
        )


class TargetRenstraForm(forms.Form):
    """The yearly targets of one indicator (t2025…t2029) and its end target (akhir)."""

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        for year in years:
            self.fields[f"t{year}"] = AngkaField(label=str(year))
        self.fields["akhir"] = AngkaField(label=_("Target akhir"))
        self.years = list(years)

    def targets(self) -> dict:
        return {year: self.cleaned_data.get(f"t{year}") for year in self.years}
