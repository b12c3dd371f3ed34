"""The upload form of every XLSX import."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

UKURAN_MAKS = 2 * 1024 * 1024


def ukuran_maks() -> int:
    """The largest upload, in bytes: settings.SAKIP_IMPOR_XLSX_MAKS or 2 MB."""
    return int(getattr(settings, "SAKIP_IMPOR_XLSX_MAKS", UKURAN_MAKS))


def ukuran_teks(size: int) -> str:
    mb = size / 1024 / 1024
    return f"{mb:.1f}".replace(".", ",").removesuffix(",0") + " MB"


class BerkasXlsxForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas XLSX"),
        error_messages={"required": gettext_lazy("Pilih berkas XLSX yang akan diimpor.")},
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > ukuran_maks():
            raise ValidationError(
                _("Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s. Bagi berkasnya.")
                % {"ukuran": ukuran_teks(berkas.size), "maks": ukuran_teks(ukuran_maks())}
            )
        if not berkas.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Unggah berkas Excel .xlsx (unduhan dari halaman ini)."))
        return berkas
