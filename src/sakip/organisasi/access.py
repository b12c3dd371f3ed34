"""The one authorization chokepoint: every view fetches the OPD it shows through here.

An OPD of another pemda does not exist for the user (404); an OPD of the same pemda that the
user's role does not cover is refused (403)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from sakip.organisasi.models import Akun, PerangkatDaerah


@dataclass(frozen=True)
class Refusals:
    """The whole sentences that refuse one action, one msgid each: a translation never has to
    fit a verb phrase into a shared sentence."""

    role: str  # %(allowed)s: the roles that may (see require_role)
    own_opd: str = ""  # the OPD is not the user's own; empty when any OPD of the pemda will do
    status: str = ""  # the record's status forbids it (placeholders as the caller documents)


def akun_of(user) -> Akun:
    akun = getattr(user, "akun", None) if user.is_authenticated else None
    if akun is None:
        raise PermissionDenied(_("Akun ini belum terhubung ke pemda mana pun."))
    return akun


def can_see_all_opd(akun: Akun) -> bool:
    return akun.peran not in Akun.OPD_ROLES


def opd_for_user(user, opd_slug: str) -> PerangkatDaerah:
    akun = akun_of(user)
    opd = (
        PerangkatDaerah.objects.select_related("pemda")
        .filter(pemda_id=akun.pemda_id, slug=opd_slug)
        .first()
    )
    if opd is None:
        raise Http404(_("OPD tidak ditemukan."))
    if not can_see_all_opd(akun) and akun.opd_id != opd.pk:
        raise PermissionDenied(_("Anda hanya dapat membuka data OPD Anda sendiri."))
    return opd


def opd_list_for_user(user, active_only: bool = False):
    """The OPDs the user may open; `active_only` for the lists where new work starts (a
    deactivated OPD stays readable through opd_for_user)."""
    akun = akun_of(user)
    found = PerangkatDaerah.objects.filter(pemda_id=akun.pemda_id).order_by("nama")
    if active_only:
        found = found.filter(aktif=True)
    if not can_see_all_opd(akun):
        found = found.filter(pk=akun.opd_id)
    return found


def require_role(akun: Akun, *roles: str, refusal: str) -> None:
    """`refusal` is the whole (translated) sentence that refuses the action, with %(allowed)s
    for the roles that may: "Hanya %(allowed)s yang dapat mengelola akun." A sentence per
    action, not a verb phrase fitted into a shared sentence, so that a translation stays whole."""
    if akun.peran not in roles:
        allowed = ", ".join(str(Akun.Peran(r).label) for r in roles)
        raise PermissionDenied(refusal % {"allowed": allowed})


def object_for_user(user, opd_slug: str, queryset, opd_path: str, **lookup):
    """A row that belongs to an OPD (through `opd_path`), fetched for this user: the OPD goes
    through opd_for_user, the row must belong to it and to its pemda, else 404."""
    opd = opd_for_user(user, opd_slug)
    found = queryset.filter(pemda_id=opd.pemda_id, **{opd_path: opd}, **lookup).first()
    if found is None:
        raise Http404(_("Data tidak ditemukan."))
    return found


def indikator_for_user(user, opd_slug: str, kode: str):
    from sakip.perencanaan.models import Indikator

    queryset = Indikator.objects.select_related("opd__pemda")
    return object_for_user(user, opd_slug, queryset, "opd", kode=kode)


def sub_kegiatan_for_user(user, opd_slug: str, kode: str):
    from sakip.perencanaan.models import SubKegiatan

    queryset = SubKegiatan.objects.select_related("kegiatan__program__opd__pemda")
    return object_for_user(user, opd_slug, queryset, "kegiatan__program__opd", kode=kode)


def pemda_for_overview(user):
    """The pemda overview is for those who read every OPD: admin, evaluator, viewer."""
    akun = akun_of(user)
    if not can_see_all_opd(akun):
        raise PermissionDenied(_("Ringkasan pemda hanya untuk admin SAKIP, evaluator dan pembaca."))
    return akun.pemda
