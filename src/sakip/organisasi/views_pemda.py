"""The pemda's set-up pages for its SAKIP admin: the OPD list (create, change, deactivate) and
the pemda's settings (predicate scale, capaian cap, efficiency method, kepala daerah).
Writes go through sakip.organisasi.actions_pemda; an OPD is fetched through opd_for_user."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.formulas.predikat import PredikatScale
from sakip.organisasi import actions_pemda
from sakip.organisasi.access import opd_for_user
from sakip.organisasi.forms_pemda import (
    OpdBaruForm,
    OpdForm,
    PengaturanForm,
    RentangFormSet,
    SkalaForm,
    rentang_rows,
)
from sakip.organisasi.forms_util import apply_errors, run_form
from sakip.organisasi.models import PerangkatDaerah, Peristiwa

OPD_EVENTS = (
    Peristiwa.Jenis.OPD_DIBUAT,
    Peristiwa.Jenis.OPD_DIUBAH,
    Peristiwa.Jenis.OPD_NONAKTIF,
    Peristiwa.Jenis.OPD_AKTIF,
)


def _admin(user, refusal: str):
    return actions_pemda.require_admin_pemda(user, refusal)


def _opd_page(request, admin, form, status=200):
    opds = (
        PerangkatDaerah.objects.filter(pemda_id=admin.pemda_id)
        .annotate(akun_aktif=Count("akun", filter=Q(akun__user__is_active=True)))
        .order_by("-aktif", "nama")
    )
    return render(
        request,
        "organisasi/opd_daftar.html",
        {"akun": admin, "form": form, "opds": opds},
        status=status,
    )


@login_required
def opd_daftar(request):
    """Every OPD of the pemda, deactivated ones last; the form to add one."""
    admin = _admin(request.user, actions_pemda.refusal_opd())
    if request.method != "POST":
        return _opd_page(request, admin, OpdBaruForm())
    form = OpdBaruForm(request.POST)
    if form.is_valid():
        try:
            opd = actions_pemda.tambah_opd(request.user, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(opd)s dibuat (slug %(slug)s). Buat akunnya di halaman Akun pengguna.")
                % {"opd": opd.nama, "slug": opd.slug},
            )
            return redirect("opd_daftar")
    return _opd_page(request, admin, form, status=422)


def _opd_for_admin(request, opd_slug: str):
    # the OPD first: another pemda's OPD is 404 for everyone, then the role (403)
    opd = opd_for_user(request.user, opd_slug)
    admin = _admin(request.user, actions_pemda.refusal_opd())
    return admin, opd


@login_required
def opd_ubah(request, opd_slug: str):
    admin, opd = _opd_for_admin(request, opd_slug)
    initial = {name: getattr(opd, name) for name, _label in actions_pemda.OPD_FIELDS}
    form = OpdForm(initial=initial)
    status = 200
    if request.method == "POST":
        form = OpdForm(request.POST)
        if run_form(
            request,
            form,
            lambda data: actions_pemda.simpan_opd(request.user, opd, data),
            _("%(opd)s disimpan.") % {"opd": opd.nama},
            unchanged=_("Tidak ada yang berubah."),
        ):
            return redirect("opd_daftar")
        status = 422
    peristiwa = (
        Peristiwa.objects.filter(pemda_id=admin.pemda_id, opd=opd, jenis__in=OPD_EVENTS)
        .select_related("oleh")
        .order_by("-waktu", "-pk")
    )
    return render(
        request,
        "organisasi/opd_ubah.html",
        {"akun": admin, "opd": opd, "form": form, "peristiwa": peristiwa},
        status=status,
    )


@login_required
@require_POST
def opd_status(request, opd_slug: str):
    """Deactivate (aktif=0) or reactivate (aktif=1); refused while the OPD has active accounts."""
    _admin_akun, opd = _opd_for_admin(request, opd_slug)
    aktif = request.POST.get("aktif") == "1"
    try:
        actions_pemda.ubah_status_opd(request.user, opd, aktif)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        done = _("%(opd)s diaktifkan kembali.") if aktif else _("%(opd)s dinonaktifkan.")
        messages.success(request, done % {"opd": opd.nama})
    return redirect("opd_daftar")


# --- settings -----------------------------------------------------------------------------


def _scale_initial(scale: PredikatScale) -> tuple[dict, list[dict]]:
    rows = [
        {
            "label": band.label,
            "batas_bawah": band.lower,
            "bawah_inklusif": band.lower_inclusive,
            "batas_atas": band.upper,
            "atas_inklusif": band.upper_inclusive,
            "warna": band.color,
        }
        for band in scale.bands
    ]
    return {"nama": scale.name}, rows


def _settings_page(request, admin, pengaturan=None, skala=None, rentang=None, status=200):
    pemda = admin.pemda
    stored = actions_pemda.skala_of(pemda)
    shown = stored or actions_pemda.DEFAULT_SCALE
    skala_initial, rentang_initial = _scale_initial(shown)
    peristiwa = (
        Peristiwa.objects.filter(pemda_id=pemda.pk, jenis=Peristiwa.Jenis.PENGATURAN_PEMDA)
        .select_related("oleh")
        .order_by("-waktu", "-pk")[:20]
    )
    return render(
        request,
        "organisasi/pengaturan_pemda.html",
        {
            "akun": admin,
            "pemda": pemda,
            "pengaturan": pengaturan or PengaturanForm(initial=actions_pemda.pengaturan_of(pemda)),
            "skala": skala or SkalaForm(initial=skala_initial),
            "rentang": rentang or RentangFormSet(initial=rentang_initial, prefix="rentang"),
            "skala_bawaan": stored is None,
            "peristiwa": peristiwa,
        },
        status=status,
    )


@login_required
def pengaturan_pemda(request):
    admin = _admin(request.user, actions_pemda.refusal_pengaturan())
    if request.method != "POST":
        return _settings_page(request, admin)
    form = PengaturanForm(request.POST)
    if form.is_valid():
        try:
            changes = actions_pemda.simpan_pengaturan(request.user, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Pengaturan disimpan.") if changes else _("Tidak ada yang berubah.")
            )
            return redirect("pengaturan_pemda")
    return _settings_page(request, admin, pengaturan=form, status=422)


@login_required
@require_POST
def pengaturan_skala(request):
    admin = _admin(request.user, actions_pemda.refusal_pengaturan())
    skala = SkalaForm(request.POST)
    rentang = RentangFormSet(request.POST, prefix="rentang")
    if skala.is_valid() and rentang.is_valid():
        try:
            changes = actions_pemda.simpan_skala(
                request.user, skala.cleaned_data["nama"], rentang_rows(rentang)
            )
        except ValidationError as error:
            apply_errors(skala, error)
        else:
            messages.success(
                request,
                _("Skala predikat disimpan; halaman dan dokumen berikutnya memakainya.")
                if changes
                else _("Tidak ada yang berubah."),
            )
            return redirect("pengaturan_pemda")
    return _settings_page(request, admin, skala=skala, rentang=rentang, status=422)
