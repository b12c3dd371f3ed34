"""The person behind an account: the name sakip shows for a user, and the NIP check.

The nama lengkap is the user's `first_name` (so `get_full_name()`, the Django admin and the LHE
see it); NIP, pangkat/golongan and jabatan are on the `Akun`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NIP_DIGITS = 18  # PNS: lahir (8), pengangkatan (6), jenis kelamin (1), nomor urut (3)


def nama_orang(user) -> str:
    """The nama lengkap when known, else the username; "sistem" for no user."""
    if user is None:
        return _("sistem")
    return (user.get_full_name() or user.username).strip()


def tulis_nip(text: str) -> str:
    """An 18-digit NIP grouped as written on official documents and pages: 19670507 198903 1 012.
    Anything else is returned as it is."""
    digits = (text or "").replace(" ", "")
    if len(digits) == NIP_DIGITS and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return text


def bersihkan_nip(text: str, field: str = "nip") -> str:
    """A NIP as stored: 18 digits, spaces removed ("19800101 200501 1 001" is fine); empty stays
    empty. Anything else is a ValidationError {field: what to type}."""
    nip = "".join((text or "").split())
    if not nip:
        return ""
    if not nip.isdigit() or len(nip) != NIP_DIGITS:
        raise ValidationError(
            {
                field: _(
                    "NIP harus %(jumlah)s angka tanpa huruf atau tanda baca (sekarang "
                    "%(panjang)s karakter). Spasi boleh, misalnya 19800101 200501 1 001."
                )
                % {"jumlah": NIP_DIGITS, "panjang": len(nip)}
            }
        )
    return nip


class NipField(forms.CharField):
    """A NIP typed on a form: optional, 18 digits, spaces allowed while typing."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        # no max_length: the NIP check says what is wrong (and the limit hint would read oddly)
        self.widget.attrs.update({"inputmode": "numeric", "maxlength": "30"})

    def clean(self, value):
        try:
            return bersihkan_nip(super().clean(value), field="nip")
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise ValidationError(error.message_dict["nip"]) from None
            raise
