"""Account writes for the pemda's SAKIP admin: create, reset password, deactivate.
Passwords are generated and shown once; nobody chooses a default."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.demo.accounts import generate_password
from sakip.organisasi.access import akun_of, require_role
from sakip.organisasi.models import Akun, PerangkatDaerah, Peristiwa


def require_admin(user) -> Akun:
    akun = akun_of(user)
    require_role(
        akun,
        Akun.Peran.ADMIN_PEMDA,
        # Translators: %(allowed)s lists the roles that may, e.g. "Admin SAKIP pemda".
        refusal=_("Hanya %(allowed)s yang dapat mengelola akun."),
    )
    return akun


def buat_akun(user, username: str, peran: str, opd: PerangkatDaerah | None) -> tuple[Akun, str]:
    admin = require_admin(user)
    username = (username or "").strip().lower()
    if not username:
        raise ValidationError({"username": _("Nama akun wajib diisi.")})
    if peran in Akun.OPD_ROLES and opd is None:
        raise ValidationError({"opd": _("Operator dan pimpinan harus terhubung ke satu OPD.")})
    if peran not in Akun.OPD_ROLES:
        opd = None
    if opd is not None and opd.pemda_id != admin.pemda_id:
        raise PermissionDenied(_("OPD itu bukan bagian dari pemda Anda."))
    User = get_user_model()
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise ValidationError(
                {"username": _("Nama akun '%(username)s' sudah dipakai.") % {"username": username}}
            )
        password = generate_password()
        new_user = User.objects.create_user(username=username, password=password)
        akun = Akun.objects.create(user=new_user, pemda=admin.pemda, opd=opd, peran=peran)
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


def _log(admin: Akun, user, jenis: str, akun: Akun) -> None:
    Peristiwa.objects.create(
        pemda=admin.pemda,
        opd=akun.opd,
        jenis=jenis,
        oleh=user,
        objek=f"Akun {akun.user.username}",
    )


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
    akun.user.is_active = aktif
    akun.user.save(update_fields=["is_active"])
    _log(admin, user, Peristiwa.Jenis.AKUN_AKTIF if aktif else Peristiwa.Jenis.AKUN_NONAKTIF, akun)
