"""The OPD profile of LKjIP Bab I: the standing facts and the struktur organisasi of the OPD,
and the profile of each year (wilayah, narratives, pegawai, sarana-prasarana), with their
history. Every role of the OPD reads; writes go through sakip.organisasi.actions_profil, which
checks who may make them (the planners of the OPD)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.organisasi import actions_profil as actions
from sakip.organisasi.access import akun_of, object_for_user, opd_for_user
from sakip.organisasi.forms_profil import (
    TABEL,
    ProfilOpdForm,
    ProfilTahunanForm,
    UnitKerjaForm,
    posted_rows,
    tabel_formset,
)
from sakip.organisasi.forms_util import run_form, run_step
from sakip.organisasi.history import changes, newest_first, render_riwayat
from sakip.organisasi.models import ProfilTahunan, UnitKerja
from sakip.perencanaan.years import default_year


def _can_edit(user, opd) -> bool:
    try:
        actions.require_profile_editor(user, opd)
    except PermissionDenied:
        return False
    return True


def _unit_for_user(request, opd_slug: str, unit_id: int) -> UnitKerja:
    queryset = UnitKerja.objects.select_related("opd__pemda", "induk")
    return object_for_user(request.user, opd_slug, queryset, "opd", pk=unit_id)


# --- standing facts and struktur organisasi ------------------------------------------------


def _opd_page(request, opd, form=None, unit_form=None, status=200):
    units = list(
        UnitKerja.objects.filter(pemda=opd.pemda, opd=opd)
        .select_related("induk")
        .order_by("urutan", "pk")
    )
    years = list(
        ProfilTahunan.objects.filter(pemda=opd.pemda, opd=opd)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
    )
    tahun = default_year(opd.pemda, opd)
    return render(
        request,
        "organisasi/profil_opd.html",
        {
            "opd": opd,
            "tahun": tahun,
            "akun": akun_of(request.user),
            "can_edit": _can_edit(request.user, opd),
            "form": form or ProfilOpdForm(initial={f: getattr(opd, f) for f in actions.OPD_FIELDS}),
            "unit_form": unit_form or UnitKerjaForm(opd=opd, initial={"versi": 0}),
            "units": units,
            "years": sorted(set(years) | {tahun}, reverse=True),
        },
        status=status,
    )


@login_required
def profil_opd(request, opd_slug: str):
    return _opd_page(request, opd_for_user(request.user, opd_slug))


@login_required
@require_POST
def profil_opd_simpan(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    actions.require_profile_editor(request.user, opd)
    form = ProfilOpdForm(request.POST)
    if run_form(
        request,
        form,
        lambda d: actions.simpan_profil_opd(request.user, opd, d),
        _("Data OPD tersimpan."),
    ):
        return redirect("profil_opd", opd_slug=opd_slug)
    return _opd_page(request, opd, form=form, status=422)


def _unit_data(data: dict) -> dict:
    return {f: data.get(f) for f in actions.UNIT_FIELDS}


@login_required
@require_POST
def profil_unit_tambah(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    actions.require_profile_editor(request.user, opd)
    form = UnitKerjaForm(request.POST, opd=opd)
    if run_form(
        request,
        form,
        lambda d: actions.tambah_unit_kerja(request.user, opd, _unit_data(d)),
        _("Unit kerja ditambahkan."),
    ):
        return redirect(reverse("profil_opd", args=[opd_slug]) + "#struktur")
    return _opd_page(request, opd, unit_form=form, status=422)


def _unit_page(request, unit, form=None, status=200):
    initial = {f: getattr(unit, f) for f in actions.UNIT_FIELDS}
    return render(
        request,
        "organisasi/profil_unit.html",
        {
            "opd": unit.opd,
            "tahun": default_year(unit.pemda, unit.opd),
            "akun": akun_of(request.user),
            "unit": unit,
            "bawahan": list(unit.bawahan.filter(pemda=unit.pemda).values_list("nama", flat=True)),
            "can_edit": _can_edit(request.user, unit.opd),
            "form": form
            or UnitKerjaForm(opd=unit.opd, unit=unit, initial={**initial, "versi": unit.versi}),
        },
        status=status,
    )


@login_required
def profil_unit(request, opd_slug: str, unit_id: int):
    return _unit_page(request, _unit_for_user(request, opd_slug, unit_id))


@login_required
@require_POST
def profil_unit_simpan(request, opd_slug: str, unit_id: int):
    unit = _unit_for_user(request, opd_slug, unit_id)
    actions.require_profile_editor(request.user, unit.opd)
    form = UnitKerjaForm(request.POST, opd=unit.opd, unit=unit)
    if run_form(
        request,
        form,
        lambda d: actions.simpan_unit_kerja(request.user, unit, _unit_data(d), d["versi"]),
        _("Unit kerja tersimpan."),
    ):
        return redirect(reverse("profil_opd", args=[opd_slug]) + f"#u{unit.pk}")
    return _unit_page(request, unit, form=form, status=422)


def _versi(request):
    versi = request.POST.get("versi", "")
    return int(versi) if versi.isdigit() else None


@login_required
@require_POST
def profil_unit_hapus(request, opd_slug: str, unit_id: int):
    unit = _unit_for_user(request, opd_slug, unit_id)
    run_step(
        request,
        lambda: actions.hapus_unit_kerja(request.user, unit, _versi(request)),
        _("Unit %(nama)s dihapus.") % {"nama": unit.nama},
    )
    return redirect(reverse("profil_opd", args=[opd_slug]) + "#struktur")


@login_required
@require_POST
def profil_unit_geser(request, opd_slug: str, unit_id: int, arah: str):
    unit = _unit_for_user(request, opd_slug, unit_id)
    run_step(
        request,
        lambda: actions.geser_unit_kerja(request.user, unit, arah),
        _("Urutan unit diubah."),
    )
    return redirect(reverse("profil_opd", args=[opd_slug]) + f"#u{unit.pk}")


UNIT_HISTORY_FIELDS = ["nama", "urutan", "induk_id", "uraian_tugas", "tugas"]


@login_required
def riwayat_struktur(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    records = UnitKerja.history.filter(pemda=opd.pemda, opd_id=opd.pk)
    names = dict(UnitKerja.objects.filter(pemda=opd.pemda, opd=opd).values_list("pk", "nama"))
    found = changes(records, UNIT_HISTORY_FIELDS, label=lambda r: r.nama)
    induk = capfirst(UnitKerja._meta.get_field("induk").verbose_name)
    for change in found:  # the parent by its name, not its id
        change.perubahan = [
            (name, names.get(old, old), names.get(new, new)) if name == induk else (name, old, new)
            for name, old, new in change.perubahan
        ]
    return render_riwayat(
        request,
        _("Riwayat struktur organisasi: %(opd)s") % {"opd": opd.nama},
        found,
        kembali=reverse("profil_opd", args=[opd_slug]),
    )


# --- the profile of one year -----------------------------------------------------------------


def _profil_of(opd, tahun: int) -> ProfilTahunan | None:
    return ProfilTahunan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).first()


def _tahunan_form(profil):
    if profil is None:
        return ProfilTahunanForm(initial={"versi": 0})
    initial = {f: getattr(profil, f) for f in actions.PROFIL_FIELDS}
    return ProfilTahunanForm(initial={**initial, "versi": profil.versi})


def _tahunan_page(request, opd, tahun, form=None, bound_tabel=None, status=200):
    """`bound_tabel`: (tabel, the posted formset, the refusals of the action)."""
    profil = _profil_of(opd, tahun)
    tables = []
    if profil is not None:
        for key, (_form, _model, related, title) in TABEL.items():
            if bound_tabel and bound_tabel[0] == key:
                formset, refusals = bound_tabel[1], bound_tabel[2]
            else:
                formset, refusals = tabel_formset(key, rows=getattr(profil, related).all()), []
            tables.append({"key": key, "judul": title, "formset": formset, "refusals": refusals})
    earlier = (
        ProfilTahunan.objects.filter(pemda=opd.pemda, opd=opd, tahun__lt=tahun)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    )
    return render(
        request,
        "organisasi/profil_tahunan.html",
        {
            "opd": opd,
            "tahun": tahun,
            "akun": akun_of(request.user),
            "can_edit": _can_edit(request.user, opd),
            "profil": profil,
            "form": form or _tahunan_form(profil),
            "tables": tables,
            "salin_dari": earlier if profil is None else None,
        },
        status=status,
    )


@login_required
def profil_tahunan(request, opd_slug: str, tahun: int):
    return _tahunan_page(request, opd_for_user(request.user, opd_slug), tahun)


@login_required
@require_POST
def profil_tahunan_simpan(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    actions.require_profile_editor(request.user, opd)
    form = ProfilTahunanForm(request.POST)
    if run_form(
        request,
        form,
        lambda d: actions.simpan_profil(
            request.user, opd, tahun, {f: d[f] for f in actions.PROFIL_FIELDS}, d["versi"]
        ),
        _("Profil %(tahun)s tersimpan.") % {"tahun": tahun},
    ):
        return redirect("profil_tahunan", opd_slug=opd_slug, tahun=tahun)
    return _tahunan_page(request, opd, tahun, form=form, status=422)


@login_required
@require_POST
def profil_tabel(request, opd_slug: str, tahun: int, tabel: str):
    opd = opd_for_user(request.user, opd_slug)
    if tabel not in TABEL:
        raise Http404(_("Tabel profil tidak dikenal."))
    actions.require_profile_editor(request.user, opd)
    profil = _profil_of(opd, tahun)
    if profil is None:
        messages.error(
            request,
            _(
                "Profil %(tahun)s belum ada: simpan data wilayahnya atau salin dari tahun sebelumnya."
            )
            % {"tahun": tahun},
        )
        return redirect("profil_tahunan", opd_slug=opd_slug, tahun=tahun)
    related = TABEL[tabel][2]
    formset = tabel_formset(tabel, request.POST, rows=getattr(profil, related).all())
    if formset.is_valid():
        try:
            touched = actions.simpan_tabel_profil(request.user, profil, tabel, posted_rows(formset))
        except ValidationError as error:
            return _tahunan_page(
                request, opd, tahun, bound_tabel=(tabel, formset, error.messages), status=422
            )
        messages.success(
            request,
            _("%(judul)s tersimpan (%(jumlah)s baris berubah).")
            % {"judul": TABEL[tabel][3], "jumlah": touched},
        )
        return redirect(reverse("profil_tahunan", args=[opd_slug, tahun]) + f"#{tabel}")
    refusals = [_("Periksa baris yang ditandai: belum ada yang disimpan.")]
    return _tahunan_page(request, opd, tahun, bound_tabel=(tabel, formset, refusals), status=422)


@login_required
@require_POST
def profil_salin(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    run_step(
        request,
        lambda: actions.salin_profil(request.user, opd, tahun),
        _("Profil %(tahun)s dimulai dari salinan tahun sebelumnya; periksa dan perbarui isinya.")
        % {"tahun": tahun},
    )
    return redirect("profil_tahunan", opd_slug=opd_slug, tahun=tahun)


PROFIL_HISTORY_FIELDS = list(actions.PROFIL_FIELDS)


@login_required
def riwayat_profil(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    profil = _profil_of(opd, tahun)
    found = []
    if profil is not None:
        found.append(
            changes(
                ProfilTahunan.history.filter(pemda=opd.pemda, id=profil.pk),
                PROFIL_HISTORY_FIELDS,
                label=lambda r: _("Wilayah dan uraian"),
            )
        )
        for key, (_form, model, _related, title) in TABEL.items():
            _model, name, counts, texts = actions.TABEL[key]
            records = model.history.filter(pemda=opd.pemda, profil_id=profil.pk)
            found.append(
                changes(
                    records,
                    [name, *counts, *texts],
                    label=lambda r, title=title, name=name: f"{title}: {getattr(r, name)}",
                )
            )
    return render_riwayat(
        request,
        _("Riwayat profil %(tahun)s: %(opd)s") % {"tahun": tahun, "opd": opd.nama},
        newest_first(*found),
        kembali=reverse("profil_tahunan", args=[opd_slug, tahun]),
    )
