"""The program → kegiatan → sub-kegiatan tree page (add, rename, move, remove nodes and their
indicators) and the DPA page (murni, perubahan, pagu side by side). Every role of the OPD reads;
writes go through sakip.perencanaan.actions_pohon_anggaran, which checks who may make them.
A refused write shows the page again (422) with what was typed beside its error."""

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
from sakip.perencanaan import actions as perencanaan_actions
from sakip.perencanaan import actions_pohon_anggaran as actions
from sakip.perencanaan import kode as kodes
from sakip.perencanaan.forms_pohon_anggaran import (
    DPAMurniMeta,
    IndikatorNodeForm,
    NamaForm,
    NodeForm,
    PindahForm,
    pagu_form,
)
from sakip.perencanaan.models import Indikator, SubKegiatan, VersiAnggaran
from sakip.perencanaan.pohon_anggaran import muat_pohon

OPD_PATH = {
    kodes.PROGRAM: "opd",
    kodes.KEGIATAN: "program__opd",
    kodes.SUB_KEGIATAN: "kegiatan__program__opd",
}
RELATED = {
    kodes.PROGRAM: "opd__pemda",
    kodes.KEGIATAN: "program__opd__pemda",
    kodes.SUB_KEGIATAN: "kegiatan__program__opd__pemda",
}


# --- the tree page --------------------------------------------------------------------------


def _forms_of(node, pohon, bound):
    """The forms of one node, a posted one (same prefix) in place of a fresh one."""
    key = f"{node.tingkat}-{node.obj.pk}"
    forms = {"nama": NamaForm(prefix=f"nama-{key}", initial={"nama": node.nama})}
    child = {kodes.PROGRAM: kodes.KEGIATAN, kodes.KEGIATAN: kodes.SUB_KEGIATAN}.get(node.tingkat)
    if child:
        forms["tambah"] = NodeForm(
            prefix=f"tambah-{key}", tingkat=child, initial={"kode": node.kode + "."}
        )
    if node.tingkat != kodes.PROGRAM:
        parent_level = kodes.INDUK[node.tingkat]
        forms["pindah"] = PindahForm(
            prefix=f"pindah-{key}",
            pilihan=[(p.kode, f"{p.kode} {p.nama}") for p in pohon.of(parent_level)],
        )
    forms["indikator"] = IndikatorNodeForm(prefix=f"indikator-{key}")
    for name, form in list(forms.items()):
        forms[name] = bound.get(form.prefix, form)
    node.forms = forms
    node.indikator = [
        (
            ind,
            target,
            bound.get(
                f"ind-{ind.pk}",
                IndikatorNodeForm(
                    prefix=f"ind-{ind.pk}",
                    instance=ind,
                    initial={
                        "versi": ind.versi,
                        "target": target.target if target else None,
                        "versi_target": target.versi if target else 0,
                    },
                ),
            ),
        )
        for ind, target in node.indikator
    ]


def _pohon_page(request, opd, tahun, bound=None, status=200):
    bound = bound or {}
    akun = akun_of(request.user)
    pohon = muat_pohon(opd, tahun)
    can_edit = perencanaan_actions.is_planner_of(akun, opd)
    if can_edit:
        for node in pohon.rows():
            _forms_of(node, pohon, bound)
    program_form = bound.get("program", NodeForm(prefix="program", tingkat=kodes.PROGRAM))
    return render(
        request,
        "perencanaan/pohon_anggaran.html",
        {
            "opd": opd,
            "tahun": tahun,
            "akun": akun,
            "pohon": pohon,
            "can_edit": can_edit,
            "program_form": program_form,
        },
        status=status,
    )


@login_required
def pohon_anggaran(request, opd_slug: str, tahun: int):
    return _pohon_page(request, opd_for_user(request.user, opd_slug), tahun)


def _writer_opd(request, opd_slug, refusal=actions.SUSUN_POHON):
    opd = opd_for_user(request.user, opd_slug)
    perencanaan_actions.require_planner_of(request.user, opd, refusal)
    return opd


def _node(request, opd_slug, tingkat, kode):
    if tingkat not in kodes.TINGKAT:
        raise Http404(_("Tingkat tidak dikenal."))
    model = actions.MODEL[tingkat]
    queryset = model.objects.select_related(RELATED[tingkat])
    return object_for_user(request.user, opd_slug, queryset, OPD_PATH[tingkat], kode=kode)


def _back(opd_slug, tahun, anchor=""):
    return redirect(reverse("pohon_anggaran", args=[opd_slug, tahun]) + anchor)


def _run(request, opd, tahun, form, action, done, anchor=""):
    if run_form(request, form, action, done):
        return _back(opd.slug, tahun, anchor)
    for error in form.non_field_errors():
        messages.error(request, error)
    return _pohon_page(request, opd, tahun, {form.prefix: form}, 422)


@login_required
@require_POST
def pohon_tambah_program(request, opd_slug: str, tahun: int):
    opd = _writer_opd(request, opd_slug)
    form = NodeForm(request.POST, prefix="program", tingkat=kodes.PROGRAM)
    return _run(
        request,
        opd,
        tahun,
        form,
        lambda d: actions.tambah_program(
            request.user, opd, d["kode"], d["nama"], d["sasaran_renstra_kode"]
        ),
        _("Program ditambahkan."),
    )


@login_required
@require_POST
def pohon_tambah(request, opd_slug: str, tahun: int, tingkat: str, kode: str):
    """A kegiatan under a program, or a sub-kegiatan under a kegiatan."""
    opd = _writer_opd(request, opd_slug)
    induk = _node(request, opd_slug, tingkat, kode)
    if tingkat == kodes.SUB_KEGIATAN:
        raise Http404(_("Sub-kegiatan tidak memiliki rincian."))
    child = kodes.KEGIATAN if tingkat == kodes.PROGRAM else kodes.SUB_KEGIATAN
    form = NodeForm(request.POST, prefix=f"tambah-{tingkat}-{induk.pk}", tingkat=child)
    return _run(
        request,
        opd,
        tahun,
        form,
        lambda d: actions.tambah_rincian(request.user, induk, d["kode"], d["nama"]),
        _("%(tingkat)s ditambahkan.") % {"tingkat": actions.NAMA_TINGKAT[child]},
    )


@login_required
@require_POST
def pohon_ubah(request, opd_slug: str, tahun: int, tingkat: str, kode: str):
    opd = _writer_opd(request, opd_slug)
    node = _node(request, opd_slug, tingkat, kode)
    form = NamaForm(request.POST, prefix=f"nama-{tingkat}-{node.pk}")
    return _run(
        request,
        opd,
        tahun,
        form,
        lambda d: actions.ubah_nama(request.user, node, d["nama"]),
        _("Nama tersimpan."),
    )


@login_required
@require_POST
def pohon_pindah(request, opd_slug: str, tahun: int, tingkat: str, kode: str):
    opd = _writer_opd(request, opd_slug)
    node = _node(request, opd_slug, tingkat, kode)
    if tingkat == kodes.PROGRAM:
        raise Http404(_("Program tidak dipindahkan; ubah kodenya dengan menambah program baru."))
    parent_level = kodes.INDUK[tingkat]
    parents = {
        p.kode: p
        for p in actions.MODEL[parent_level]
        .objects.filter(pemda=opd.pemda, **{OPD_PATH[parent_level]: opd})
        .select_related(RELATED[parent_level])
    }
    form = PindahForm(
        request.POST,
        prefix=f"pindah-{tingkat}-{node.pk}",
        pilihan=[(k, f"{k} {p.nama}") for k, p in parents.items()],
    )
    return _run(
        request,
        opd,
        tahun,
        form,
        lambda d: actions.pindahkan(request.user, node, parents[d["induk"]], d["kode"]),
        _("%(tingkat)s dipindahkan.") % {"tingkat": actions.NAMA_TINGKAT[tingkat]},
    )


@login_required
@require_POST
def pohon_hapus(request, opd_slug: str, tahun: int, tingkat: str, kode: str):
    opd = _writer_opd(request, opd_slug)
    node = _node(request, opd_slug, tingkat, kode)
    try:
        actions.hapus_node(request.user, node)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _pohon_page(request, opd, tahun, status=422)
    messages.success(
        request,
        _("%(tingkat)s %(kode)s dihapus.")
        % {"tingkat": actions.NAMA_TINGKAT[tingkat], "kode": kode},
    )
    return _back(opd_slug, tahun)


# --- indicators of a node --------------------------------------------------------------------


@login_required
@require_POST
def pohon_indikator_tambah(request, opd_slug: str, tahun: int, tingkat: str, kode: str):
    opd = _writer_opd(request, opd_slug)
    node = _node(request, opd_slug, tingkat, kode)
    form = IndikatorNodeForm(request.POST, prefix=f"indikator-{tingkat}-{node.pk}")
    fields = IndikatorNodeForm.Meta.fields
    return _run(
        request,
        opd,
        tahun,
        form,
        lambda d: actions.tambah_indikator(
            request.user, node, {f: d[f] for f in fields}, tahun, d["target"]
        ),
        _("Indikator ditambahkan."),
    )


def _indikator(request, opd_slug, kode) -> Indikator:
    queryset = Indikator.objects.select_related("opd__pemda")
    return object_for_user(request.user, opd_slug, queryset, "opd", kode=kode)


@login_required
@require_POST
def pohon_indikator_ubah(request, opd_slug: str, tahun: int, kode: str):
    opd = _writer_opd(request, opd_slug)
    indikator = _indikator(request, opd_slug, kode)
    form = IndikatorNodeForm(
        request.POST, prefix=f"ind-{indikator.pk}", instance=Indikator.objects.get(pk=indikator.pk)
    )
    fields = IndikatorNodeForm.Meta.fields
    return _run(
        request,
        opd,
        tahun,
        form,
        lambda d: actions.ubah_indikator(
            request.user,
            indikator,
            {f: d[f] for f in fields},
            d["versi"],
            tahun,
            d["target"],
            d["versi_target"],
        ),
        _("Indikator tersimpan."),
    )


@login_required
@require_POST
def pohon_indikator_hapus(request, opd_slug: str, tahun: int, kode: str):
    opd = _writer_opd(request, opd_slug)
    indikator = _indikator(request, opd_slug, kode)
    try:
        actions.hapus_indikator(request.user, indikator)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _pohon_page(request, opd, tahun, status=422)
    messages.success(request, _("Indikator %(nama)s dihapus.") % {"nama": indikator.nama})
    return _back(opd_slug, tahun)


# --- DPA versions ------------------------------------------------------------------------------


def _dpa_page(request, opd, tahun, murni_form=None, pagu_bound=None, status=200):
    akun = akun_of(request.user)
    pohon = muat_pohon(opd, tahun)
    subs = pohon.sub_kegiatan
    in_force = pohon.versions[-1] if pohon.versions else None
    form = pagu_bound
    if form is None and in_force is not None:
        initial = {}
        for node in pohon.of(kodes.SUB_KEGIATAN):
            row = node.pagu[-1]
            if row is not None:
                initial[f"p{node.obj.pk}"] = row.jumlah
                initial[f"v{node.obj.pk}"] = row.versi
        form = pagu_form(subs, initial=initial)
    if murni_form is None and in_force is None:
        murni_form = (pagu_form(subs), DPAMurniMeta(prefix="meta"))
    rows = []
    for node in pohon.rows():
        field = form[f"p{node.obj.pk}"] if form and node.tingkat == kodes.SUB_KEGIATAN else None
        rows.append((node, field))
    return render(
        request,
        "perencanaan/pohon_anggaran_dpa.html",
        {
            "opd": opd,
            "tahun": tahun,
            "akun": akun,
            "pohon": pohon,
            "rows": rows,
            "in_force": in_force,
            "pagu_form": form,
            "murni_form": murni_form[0] if murni_form else None,
            "murni_meta": murni_form[1] if murni_form else None,
            "can_edit": perencanaan_actions.is_planner_of(akun, opd),
            "can_add_perubahan": in_force is not None and in_force.jenis == "murni",
        },
        status=status,
    )


@login_required
def pohon_dpa(request, opd_slug: str, tahun: int):
    return _dpa_page(request, opd_for_user(request.user, opd_slug), tahun)


def _subs(opd):
    return list(
        SubKegiatan.objects.filter(pemda=opd.pemda, kegiatan__program__opd=opd).order_by(
            "kegiatan__program__kode", "kegiatan__kode", "kode"
        )
    )


def _back_to_dpa(opd_slug, tahun):
    return redirect(reverse("pohon_dpa", args=[opd_slug, tahun]))


@login_required
@require_POST
def pohon_dpa_murni(request, opd_slug: str, tahun: int):
    opd = _writer_opd(request, opd_slug, actions.SUSUN_DPA)
    subs = _subs(opd)
    form, meta = pagu_form(subs, request.POST), DPAMurniMeta(request.POST, prefix="meta")
    if form.is_valid() and meta.is_valid():
        try:
            actions.buat_dpa_murni(
                request.user,
                opd,
                tahun,
                {sub: form.cleaned_data[f"p{sub.pk}"] for sub in subs},
                meta.cleaned_data["nomor"],
                meta.cleaned_data["tanggal"],
            )
        except ValidationError as error:
            _errors_to(request, form, error)
        else:
            messages.success(request, _("DPA Murni %(tahun)s disusun.") % {"tahun": tahun})
            return _back_to_dpa(opd_slug, tahun)
    return _dpa_page(request, opd, tahun, murni_form=(form, meta), status=422)


def _errors_to(request, form, error: ValidationError) -> None:
    apply_errors(form, error)
    for message in form.non_field_errors():
        messages.error(request, message)


@login_required
@require_POST
def pohon_dpa_perubahan(request, opd_slug: str, tahun: int):
    opd = _writer_opd(request, opd_slug, actions.SUSUN_DPA)
    try:
        actions.buat_dpa_perubahan(request.user, opd, tahun)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _dpa_page(request, opd, tahun, status=422)
    messages.success(
        request,
        _("DPA Perubahan %(tahun)s dibuat dari DPA Murni; ubah pagunya di bawah.")
        % {"tahun": tahun},
    )
    return _back_to_dpa(opd_slug, tahun)


@login_required
@require_POST
def pohon_dpa_pagu(request, opd_slug: str, tahun: int):
    opd = _writer_opd(request, opd_slug, actions.SUSUN_DPA)
    versi = VersiAnggaran.in_force(opd, tahun)
    if versi is None:
        messages.error(request, _("Belum ada DPA %(tahun)s.") % {"tahun": tahun})
        return _dpa_page(request, opd, tahun, status=422)
    subs = _subs(opd)
    form = pagu_form(subs, request.POST)
    if form.is_valid():
        data = {
            sub: (form.cleaned_data[f"p{sub.pk}"], form.cleaned_data[f"v{sub.pk}"] or 0)
            for sub in subs
        }
        try:
            changed = actions.simpan_pagu_dpa(request.user, versi, data)
        except ValidationError as error:
            _errors_to(request, form, error)
        else:
            messages.success(
                request,
                _("Pagu %(versi)s tersimpan (%(n)s berubah).") % {"versi": versi, "n": changed},
            )
            return _back_to_dpa(opd_slug, tahun)
    return _dpa_page(request, opd, tahun, pagu_bound=form, status=422)
