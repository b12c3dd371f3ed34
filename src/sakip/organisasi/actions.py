"""Account writes for the pemda's SAKIP admin: create, reset password, deactivate, and the
person who holds the account (nama lengkap, NIP, pangkat/golongan, jabatan; sakip.organisasi.orang).
Passwords are generated and shown once; nobody chooses a default."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.demo.accounts import generate_password
from sakip.organisasi.access import akun_of, require_role
from sakip.organisasi.limits import check_limits, check_text
from sakip.organisasi.models import Akun, PerangkatDaerah, Peristiwa
from sakip.organisasi.orang import bersihkan_nip

NAMA_LENGKAP_MAX = 150  # the user's first_name column
# the person's fields, as (name, label) for messages and the event log
ORANG = (
    ("nama_lengkap", gettext_lazy("Nama lengkap")),
    ("nip", gettext_lazy("NIP")),
    ("pangkat_golongan", gettext_lazy("Pangkat/golongan")),
    ("jabatan", gettext_lazy("Jabatan")),
)


def require_admin(user) -> Akun:
    akun = akun_of(user)
    require_role(
        akun,
        Akun.Peran.ADMIN_PEMDA,
        # Translators: %(allowed)s lists the roles that may, e.g. "Admin SAKIP pemda".
        refusal=_("Hanya %(allowed)s yang dapat mengelola akun."),
    )
    return akun


def _orang(data: dict | None) -> dict:
    """The person's fields cleaned: stripped, the NIP as 18 digits, each within its limit."""
    data = data or {}
    return {
        "nama_lengkap": check_text(
            data.get("nama_lengkap"), NAMA_LENGKAP_MAX, "nama_lengkap", _("nama lengkap")
        ),
        "nip": bersihkan_nip(data.get("nip", "")),
        "pangkat_golongan": (data.get("pangkat_golongan") or "").strip(),
        "jabatan": (data.get("jabatan") or "").strip(),
    }


def _put_orang(akun: Akun, orang: dict) -> None:
    akun.user.first_name = orang["nama_lengkap"]
    akun.nip = orang["nip"]
    akun.pangkat_golongan = orang["pangkat_golongan"]
    akun.jabatan = orang["jabatan"]
    check_limits(akun, ["nip", "pangkat_golongan", "jabatan"])


def buat_akun(
    user, username: str, peran: str, opd: PerangkatDaerah | None, orang: dict | None = None
) -> tuple[Akun, str]:
    """A new account with a generated password (returned, shown once); `orang` holds the
    person's nama_lengkap, nip, pangkat_golongan and jabatan (all optional)."""
    admin = require_admin(user)
    orang = _orang(orang)
    username = (username or "").strip().lower()
    if not username:
        raise ValidationError({"username": _("Nama akun wajib diisi.")})
    if peran in Akun.OPD_ROLES and opd is None:
        raise ValidationError({"opd": _("Operator dan pimpinan harus terhubung ke satu OPD.")})
    if peran not in Akun.OPD_ROLES:
        opd = None
    if opd is not None and opd.pemda_id != admin.pemda_id:
        raise PermissionDenied(_("OPD itu bukan bagian dari pemda Anda."))
    if opd is not None and not opd.aktif:
        raise ValidationError(
            {"opd": _("OPD %(opd)s sudah dinonaktifkan; aktifkan dulu OPD itu.") % {"opd": opd}}
        )
    User = get_user_model()
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise ValidationError(
                {"username": _("Nama akun '%(username)s' sudah dipakai.") % {"username": username}}
            )
        password = generate_password()
        new_user = User.objects.create_user(
            username=username, password=password, first_name=orang["nama_lengkap"]
        )
        akun = Akun(user=new_user, pemda=admin.pemda, opd=opd, peran=peran)
        _put_orang(akun, orang)
        akun.save()
        _log(admin, user, Peristiwa.Jenis.AKUN_DIBUAT, akun)
    return akun, password


def akun_in_my_pemda(user, akun_id: int) -> Akun:
    admin = require_admin(user)
    # platform superusers and staff are out of a pemda admin's reach, whatever their Akun
    akun = (
        Akun.objects.select_related("user", "opd")
        .filter(pemda_id=admin.pemda_id, pk=akun_id)
        .exclude(user__is_superuser=True)
        .exclude(user__is_staff=True)
        .first()
    )
    if akun is None:
        from django.http import Http404

        raise Http404(_("Akun tidak ditemukan."))
    return akun


def _log(admin: Akun, user, jenis: str, akun: Akun, alasan: str = "") -> None:
    Peristiwa.objects.create(
        pemda=admin.pemda,
        opd=akun.opd,
        jenis=jenis,
        oleh=user,
        objek=f"Akun {akun.user.username}",
        alasan=alasan,
    )


def riwayat_akun(akun: Akun):
    """The account's events, newest first (created, password reset, status, person changed)."""
    return Peristiwa.objects.filter(
        pemda_id=akun.pemda_id, objek=f"Akun {akun.user.username}"
    ).select_related("oleh")


def orang_of(akun: Akun) -> dict:
    """The person's fields of an account as the edit form shows them."""
    return {
        "nama_lengkap": akun.user.first_name,
        "nip": akun.nip,
        "pangkat_golongan": akun.pangkat_golongan,
        "jabatan": akun.jabatan,
    }


def simpan_data_akun(user, akun: Akun, data: dict) -> list[str]:
    """Change the person who holds `akun`; the event log keeps what changed from what to what
    ("NIP: – → 198001012005011001"). Returns those changes (none: nothing is written)."""
    admin = require_admin(user)
    if akun.pemda_id != admin.pemda_id:
        raise PermissionDenied(_("Akun itu bukan bagian dari pemda Anda."))
    before, after = orang_of(akun), _orang(data)
    changes = [
        f"{label}: {before[name] or '–'} → {after[name] or '–'}"
        for name, label in ORANG
        if before[name] != after[name]
    ]
    if not changes:
        return []
    with transaction.atomic():
        _put_orang(akun, after)
        akun.user.save(update_fields=["first_name"])
        akun.save(update_fields=["nip", "pangkat_golongan", "jabatan"])
        _log(admin, user, Peristiwa.Jenis.AKUN_DIUBAH, akun, "; ".join(changes))
    return changes


def reset_kata_sandi(user, akun: Akun) -> str:
    admin = require_admin(user)
    password = generate_password()
    akun.user.set_password(password)
    akun.user.save(update_fields=["password"])
    _log(admin, user, Peristiwa.Jenis.AKUN_KATA_SANDI, akun)
    return password


def ubah_status(user, akun: Akun, aktif: bool) -> None:
    admin = require_admin(user)
    if akun.user_id == admin.user_id and not aktif:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if aktif and akun.opd is not None and not akun.opd.aktif:
        raise ValidationError(
            _("OPD %(opd)s sudah dinonaktifkan; aktifkan dulu OPD itu, lalu akunnya.")
            % {"opd": akun.opd}
        )
    akun.user.is_active = aktif
    akun.user.save(update_fields=["is_active"])
    _log(admin, user, Peristiwa.Jenis.AKUN_AKTIF if aktif else Peristiwa.Jenis.AKUN_NONAKTIF, akun)
