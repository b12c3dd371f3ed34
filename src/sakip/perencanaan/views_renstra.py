"""Renstra authoring pages: a new Renstra, its structure (visi/misi, tujuan, sasaran,
indicators) edited by the OPD's planners, the Renstra perubahan and what changed between the
versions. Every row is fetched through sakip.organisasi.access; every write goes through
sakip.perencanaan.actions_renstra. The Renstra page (views.renstra) stays the entry."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.organisasi.access import akun_of, object_for_user, opd_for_user
from sakip.organisasi.forms_util import apply_errors, run_form
from sakip.perencanaan import actions_renstra as tulis
from sakip.perencanaan.actions import is_planner_of, require_planner_of
from sakip.perencanaan.forms_renstra import (
    ButirForm,
    IndikatorBaruForm,
    NarasiRenstraForm,
    RenstraBaruForm,
    TargetRenstraForm,
    penjelasan_to_text,
)
from sakip.perencanaan.models import IndikatorRenstra, Renstra, Sasaran, TargetRenstra, Tujuan
from sakip.perencanaan.renstra_beda import IndikatorData, RenstraData, beda
from sakip.perencanaan.years import default_year

BUTIR = {"tujuan": Tujuan, "sasaran": Sasaran}


def _renstra_of(request, opd_slug: str, renstra_id: int) -> Renstra:
    return object_for_user(
        request.user, opd_slug, Renstra.objects.select_related("opd__pemda"), "opd", pk=renstra_id
    )


def _butir_of(request, opd_slug, renstra_id, jenis):
    """(model, fetch) for a tujuan or sasaran of the Renstra; 404 for another word."""
    if jenis not in BUTIR:
        raise Http404(_("Hanya tujuan atau sasaran."))
    model = BUTIR[jenis]

    def fetch(butir_id):
        return object_for_user(
            request.user,
            opd_slug,
            model.objects.select_related("renstra__opd__pemda"),
            "renstra__opd",
            pk=butir_id,
            renstra_id=renstra_id,
        )

    return model, fetch


def _to_susun(renstra: Renstra, anchor: str = ""):
    url = reverse("renstra_susun", args=[renstra.opd.slug, renstra.pk])
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _base(request, opd) -> dict:
    return {"opd": opd, "akun": akun_of(request.user), "tahun": default_year(opd.pemda, opd)}


# --- a new Renstra ----------------------------------------------------------------------------


@login_required
def renstra_baru(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    require_planner_of(request.user, opd, tulis.SUSUN_RENSTRA)
    form = RenstraBaruForm(request.POST or None, initial={"tahun_awal": default_year(opd.pemda)})
    if request.method == "POST":
        created = []
        if run_form(
            request,
            form,
            lambda d: created.append(
                tulis.buat_renstra(request.user, opd, d["tahun_awal"], d["tahun_akhir"], d["nomor"])
            ),
            _("Renstra dibuat. Tulis visi, misi, tujuan dan sasarannya."),
        ):
            return _to_susun(created[0])
    status = 422 if form.is_bound else 200
    return render(
        request,
        "perencanaan/renstra_baru.html",
        {**_base(request, opd), "form": form},
        status=status,
    )


# --- the structure ----------------------------------------------------------------------------


def _butir_form(bound, prefix, obj, **kwargs):
    if prefix in bound:
        return bound[prefix]
    initial = {"kode": obj.kode, "uraian": obj.uraian, "sidik": tulis.sidik(obj)}
    if isinstance(obj, Sasaran):
        initial["tujuan"] = obj.tujuan_id
    return ButirForm(initial=initial, prefix=prefix, **kwargs)


def _susun_context(request, renstra: Renstra, bound=None) -> dict:
    """The authoring page; `bound`: {prefix: posted form} shown with its errors."""
    bound = bound or {}
    opd = renstra.opd
    years = list(range(renstra.tahun_awal, renstra.tahun_akhir + 1))
    tujuan_qs = Tujuan.objects.filter(pemda=opd.pemda, renstra=renstra).order_by("urutan", "pk")
    tujuan = list(tujuan_qs)
    sasaran = list(
        Sasaran.objects.filter(pemda=opd.pemda, renstra=renstra).order_by("urutan", "pk")
    )
    links = list(
        IndikatorRenstra.objects.filter(pemda=opd.pemda, renstra=renstra)
        .select_related("indikator")
        .order_by("urutan")
    )
    targets = defaultdict(dict)
    for t in TargetRenstra.objects.filter(pemda=opd.pemda, indikator_renstra__renstra=renstra):
        targets[t.indikator_renstra_id][t.tahun] = t

    def rows(**owner):
        key, value = next(iter(owner.items()))
        return [
            (link, [targets[link.pk].get(y) for y in years])
            for link in links
            if getattr(link, key) == value
        ]

    choices = tujuan_qs
    tree = []
    for t in tujuan:
        tree.append(
            {
                "obj": t,
                "form": _butir_form(bound, f"t{t.pk}", t),
                "links": rows(tujuan_id=t.pk),
                "baru": bound.get(f"sb{t.pk}") or ButirForm(prefix=f"sb{t.pk}"),
                "sasaran": [
                    {
                        "obj": s,
                        "form": _butir_form(bound, f"s{s.pk}", s, tujuan_choices=choices),
                        "links": rows(sasaran_id=s.pk),
                    }
                    for s in sasaran
                    if s.tujuan_id == t.pk
                ],
            }
        )
    narasi = bound.get("narasi") or NarasiRenstraForm(
        initial=NarasiRenstraForm.initial_of(renstra, tulis.sidik(renstra, tulis.NARASI_FIELDS)),
        prefix="narasi",
    )
    is_murni = renstra.versi == Renstra.Versi.MURNI
    return {
        **_base(request, opd),
        "renstra": renstra,
        "years": years,
        "tree": tree,
        "narasi": narasi,
        "tujuan_baru": bound.get("tb") or ButirForm(prefix="tb"),
        "perubahan": tulis.perubahan_of(renstra) if is_murni else None,
        "murni": None if is_murni else tulis.murni_of(renstra),
    }


def _susun_page(request, renstra, bound=None, status=200):
    return render(
        request,
        "perencanaan/renstra_susun.html",
        _susun_context(request, renstra, bound),
        status=status,
    )


@login_required
def renstra_susun(request, opd_slug: str, renstra_id: int):
    renstra = _renstra_of(request, opd_slug, renstra_id)
    require_planner_of(request.user, renstra.opd, tulis.SUSUN_RENSTRA)
    return _susun_page(request, renstra)


def _write(request, renstra, form, action, done, anchor=""):
    """Run a form's write: back to the page on success, the page with the form's errors (422)."""
    if run_form(request, form, action, done):
        return _to_susun(renstra, anchor)
    return _susun_page(request, renstra, {form.prefix: form}, status=422)


def _step(request, renstra, action, done, anchor=""):
    """A write without typed input (reorder, delete, perubahan): refused → the page with why."""
    try:
        result = action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _susun_page(request, renstra, status=422)
    messages.success(request, done)
    return result if result is not None else _to_susun(renstra, anchor)


@login_required
@require_POST
def renstra_narasi(request, opd_slug: str, renstra_id: int):
    renstra = _renstra_of(request, opd_slug, renstra_id)
    require_planner_of(request.user, renstra.opd, tulis.SUSUN_RENSTRA)
    form = NarasiRenstraForm(request.POST, prefix="narasi")
    return _write(
        request,
        renstra,
        form,
        lambda d: tulis.simpan_narasi_renstra(request.user, renstra, d, d.get("sidik") or None),
        _("Visi dan misi tersimpan."),
        "narasi",
    )


@login_required
@require_POST
def renstra_tujuan_tambah(request, opd_slug: str, renstra_id: int):
    renstra = _renstra_of(request, opd_slug, renstra_id)
    require_planner_of(request.user, renstra.opd, tulis.SUSUN_RENSTRA)
    form = ButirForm(request.POST, prefix="tb")
    return _write(
        request,
        renstra,
        form,
        lambda d: tulis.tambah_tujuan(request.user, renstra, d["kode"], d["uraian"]),
        _("Tujuan ditambahkan."),
    )


@login_required
@require_POST
def renstra_sasaran_tambah(request, opd_slug: str, renstra_id: int, tujuan_id: int):
    _model, fetch = _butir_of(request, opd_slug, renstra_id, "tujuan")
    tujuan = fetch(tujuan_id)
    renstra = tujuan.renstra
    require_planner_of(request.user, renstra.opd, tulis.SUSUN_RENSTRA)
    form = ButirForm(request.POST, prefix=f"sb{tujuan.pk}")
    return _write(
        request,
        renstra,
        form,
        lambda d: tulis.tambah_sasaran(request.user, tujuan, d["kode"], d["uraian"]),
        _("Sasaran ditambahkan."),
        f"tujuan-{tujuan.pk}",
    )


@login_required
@require_POST
def renstra_butir_ubah(request, opd_slug: str, renstra_id: int, jenis: str, butir_id: int):
    _model, fetch = _butir_of(request, opd_slug, renstra_id, jenis)
    butir = fetch(butir_id)
    renstra = butir.renstra
    require_planner_of(request.user, renstra.opd, tulis.SUSUN_RENSTRA)
    extra = {}
    if jenis == "sasaran":
        extra["tujuan_choices"] = Tujuan.objects.filter(pemda=renstra.pemda, renstra=renstra)
    form = ButirForm(request.POST, prefix=f"{jenis[0]}{butir.pk}", **extra)
    return _write(
        request,
        renstra,
        form,
        lambda d: tulis.ubah_butir(request.user, butir, d, d.get("sidik") or None),
        _("Tujuan tersimpan.") if jenis == "tujuan" else _("Sasaran tersimpan."),
        f"{jenis}-{butir.pk}",
    )


@login_required
@require_POST
def renstra_butir_geser(
    request, opd_slug: str, renstra_id: int, jenis: str, butir_id: int, arah: str
):
    _model, fetch = _butir_of(request, opd_slug, renstra_id, jenis)
    if arah not in ("naik", "turun"):
        raise Http404(_("Arah hanya naik atau turun."))
    butir = fetch(butir_id)
    return _step(
        request,
        butir.renstra,
        lambda: tulis.geser_butir(request.user, butir, arah == "naik"),
        _("Urutan diubah."),
        f"{jenis}-{butir.pk}",
    )


@login_required
@require_POST
def renstra_butir_hapus(request, opd_slug: str, renstra_id: int, jenis: str, butir_id: int):
    _model, fetch = _butir_of(request, opd_slug, renstra_id, jenis)
    butir = fetch(butir_id)
    delete = tulis.hapus_tujuan if jenis == "tujuan" else tulis.hapus_sasaran
    return _step(
        request,
        butir.renstra,
        lambda: delete(request.user, butir),
        _("Tujuan %(kode)s dihapus.") % {"kode": butir.kode}
        if jenis == "tujuan"
        else _("Sasaran %(kode)s dihapus.") % {"kode": butir.kode},
    )


# --- indicators -------------------------------------------------------------------------------


@login_required
def renstra_indikator_tambah(request, opd_slug: str, renstra_id: int, jenis: str, butir_id: int):
    _model, fetch = _butir_of(request, opd_slug, renstra_id, jenis)
    goal = fetch(butir_id)
    renstra = goal.renstra
    require_planner_of(request.user, renstra.opd, tulis.SUSUN_RENSTRA)
    years = list(range(renstra.tahun_awal, renstra.tahun_akhir + 1))
    data = request.POST if request.method == "POST" else None
    sheet = IndikatorBaruForm(data, prefix="ind")
    target = TargetRenstraForm(data, years=years, prefix="target")
    status = 200
    if data is not None:
        status = 422
        if sheet.is_valid() and target.is_valid():
            fields = IndikatorBaruForm.Meta.fields
            try:
                link = tulis.tambah_indikator_renstra(
                    request.user,
                    renstra,
                    goal,
                    {f: sheet.cleaned_data[f] for f in fields},
                    target.targets(),
                    target.cleaned_data["akhir"],
                )
            except ValidationError as error:
                _split_errors(error, sheet, target)
            else:
                messages.success(
                    request,
                    _("Indikator %(nama)s ditambahkan.") % {"nama": link.indikator.nama},
                )
                return _to_susun(renstra, f"r{link.pk}")
    return render(
        request,
        "perencanaan/renstra_indikator.html",
        {
            **_base(request, renstra.opd),
            "renstra": renstra,
            "goal": goal,
            "jenis": jenis,
            "sheet": sheet,
            "target": target,
        },
        status=status,
    )


def _split_errors(error: ValidationError, sheet, target) -> None:
    """The action's errors beside the field they are about, on whichever form has it."""
    if not hasattr(error, "error_dict"):
        apply_errors(sheet, error)
        return
    for field, errors in error.error_dict.items():
        form = target if field in target.fields else sheet
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_POST
def renstra_indikator_hapus(request, opd_slug: str, renstra_id: int, link_id: int):
    link = object_for_user(
        request.user,
        opd_slug,
        IndikatorRenstra.objects.select_related("renstra__opd__pemda", "indikator"),
        "renstra__opd",
        pk=link_id,
        renstra_id=renstra_id,
    )
    return _step(
        request,
        link.renstra,
        lambda: tulis.hapus_indikator_renstra(request.user, link),
        _("Indikator %(nama)s dihapus dari Renstra.") % {"nama": link.indikator.nama},
    )


# --- perubahan and what changed -----------------------------------------------------------------


@login_required
@require_POST
def renstra_perubahan(request, opd_slug: str, renstra_id: int):
    murni = _renstra_of(request, opd_slug, renstra_id)
    return _step(
        request,
        murni,
        lambda: _to_susun(tulis.buat_renstra_perubahan(request.user, murni)),
        _("Renstra perubahan dibuat dari Renstra murni; ubah bagian yang berubah."),
    )


def renstra_data(renstra: Renstra) -> RenstraData:
    """The plain data renstra_beda compares, of one Renstra version (a fixed number of queries)."""
    pemda = renstra.pemda
    tujuan = Tujuan.objects.filter(pemda=pemda, renstra=renstra).order_by("urutan", "pk")
    kode_tujuan = {t.pk: t.kode for t in tujuan}
    sasaran = list(Sasaran.objects.filter(pemda=pemda, renstra=renstra).order_by("urutan", "pk"))
    kode_sasaran = {s.pk: s.kode for s in sasaran}
    targets = defaultdict(dict)
    for t in TargetRenstra.objects.filter(pemda=pemda, indikator_renstra__renstra=renstra):
        targets[t.indikator_renstra_id][t.tahun] = t.target
    links = IndikatorRenstra.objects.filter(pemda=pemda, renstra=renstra).select_related(
        "indikator"
    )
    return RenstraData(
        teks={
            _("Nomor"): renstra.nomor,
            _("Visi pemda"): renstra.visi_pemda,
            _("Penjelasan visi pemda"): penjelasan_to_text(renstra.penjelasan_visi_pemda),
            _("Misi pemda"): "\n".join(renstra.misi_pemda or []),
            _("Visi OPD"): renstra.visi_opd,
            _("Makna visi OPD"): penjelasan_to_text(renstra.penjelasan_visi_opd),
            _("Misi OPD"): "\n".join(renstra.misi_opd or []),
        },
        tujuan={t.kode: t.uraian for t in tujuan},
        sasaran={s.kode: (s.uraian, kode_tujuan.get(s.tujuan_id, "")) for s in sasaran},
        indikator={
            link.indikator.kode: IndikatorData(
                nama=link.indikator.nama,
                induk=kode_sasaran.get(link.sasaran_id) or kode_tujuan.get(link.tujuan_id, ""),
                target_akhir=link.target_akhir,
                target=dict(targets[link.pk]),
                presisi=link.indikator.presisi,
            )
            for link in links.order_by("urutan")
        },
    )


@login_required
def renstra_beda(request, opd_slug: str, renstra_id: int):
    """What the perubahan changed of the murni (from either of the two)."""
    renstra = _renstra_of(request, opd_slug, renstra_id)
    is_murni = renstra.versi == Renstra.Versi.MURNI
    murni = renstra if is_murni else tulis.murni_of(renstra)
    perubahan = tulis.perubahan_of(renstra) if is_murni else renstra
    found = None
    if murni is not None and perubahan is not None:
        found = beda(renstra_data(murni), renstra_data(perubahan))
    return render(
        request,
        "perencanaan/renstra_beda.html",
        {
            **_base(request, renstra.opd),
            "renstra": renstra,
            "murni": murni,
            "perubahan": perubahan,
            "beda": found,
            "can_edit": is_planner_of(akun_of(request.user), renstra.opd),
        },
    )
