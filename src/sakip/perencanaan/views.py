"""Plan editors: Perjanjian Kinerja, the program tree with pagu and targets, the Renstra with
its yearly targets, and the IKU sheet. Reads for every role of the OPD; writes through
sakip.perencanaan.actions, which checks who may make them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.organisasi.access import akun_of, object_for_user, opd_for_user
from sakip.organisasi.fields import AngkaField
from sakip.organisasi.forms_util import run_form, run_step
from sakip.organisasi.history import changes, render_riwayat
from sakip.organisasi.models import Peristiwa
from sakip.perencanaan import actions
from sakip.perencanaan.forms import (
    IndikatorForm,
    PaguForm,
    PenandatanganForm,
    PihakPertamaAkunForm,
    TargetForm,
)
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Pagu,
    PerjanjianKinerja,
    Renstra,
    TargetPK,
    TargetRenstra,
    TargetTahunan,
)
from sakip.perencanaan.tree import budget_tree
from sakip.perencanaan.years import default_year

PENANDATANGAN_FIELDS = list(PenandatanganForm.base_fields)


# --- Perjanjian Kinerja ------------------------------------------------------------------


def _pk_context(request, opd, tahun, revisi=None, bound=None):
    """`revisi`: which revision to show (default: the latest); `bound`: (key, posted form)."""
    revisions = list(
        PerjanjianKinerja.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).order_by("revisi")
    )
    pk = next((p for p in revisions if p.revisi == revisi), revisions[-1] if revisions else None)
    targets = []
    if pk is not None:
        for t in (
            TargetPK.objects.filter(pemda=opd.pemda, sasaran_pk__perjanjian=pk)
            .select_related("indikator", "sasaran_pk")
            .order_by("sasaran_pk__urutan", "urutan")
        ):
            form = TargetForm(
                initial={"target": t.target, "target_atas": t.target_atas, "versi": t.versi},
                prefix=f"t{t.pk}",
            )
            form.fields["target"].places = t.indikator.presisi
            form.fields["target_atas"].places = t.indikator.presisi
            if bound and bound[0] == t.pk:
                form = bound[1]
            targets.append((t, form))
    akun = akun_of(request.user)
    is_planner = actions.is_planner_of(akun, opd)
    can_edit = pk is not None and pk.status == "draft" and is_planner
    signers = from_account = None
    if pk is not None:
        signers = (
            bound[1]
            if bound and bound[0] == "penandatangan"
            else PenandatanganForm(
                initial={
                    **{f: getattr(pk, f) for f in PENANDATANGAN_FIELDS if f != "versi"},
                    "versi": pk.versi,
                }
            )
        )
        from_account = _pihak_pertama_form(pk, bound) if can_edit else None
    return {
        "opd": opd,
        "tahun": tahun,
        "akun": akun,
        "pk": pk,
        "revisions": revisions,
        "targets": targets,
        "penandatangan": signers,
        "can_edit": can_edit,
        "is_planner": is_planner,
        "pihak_pertama_akun": from_account,
        "peristiwa": Peristiwa.objects.filter(
            # the key actions._log stores: not translated
            pemda=opd.pemda,
            opd=opd,
            objek__startswith=f"PK {tahun} ",
        ).select_related("oleh")[:20],
    }


def _pihak_pertama_form(pk, bound) -> PihakPertamaAkunForm | None:
    """The choice of a pimpinan account as pihak pertama; None when the OPD has none with
    nama lengkap and NIP. The account already on the PK (by its NIP) is the one selected."""
    if bound and bound[0] == "pihak_pertama_akun":
        return bound[1]
    accounts = actions.pimpinan_penandatangan(pk.opd)
    if not accounts.exists():
        return None
    current = accounts.filter(nip=pk.pihak_pertama_nip).first() if pk.pihak_pertama_nip else None
    return PihakPertamaAkunForm(
        accounts=accounts, initial={"versi": pk.versi, "akun": current.pk if current else None}
    )


@login_required
def perjanjian_kinerja(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    revisi = request.GET.get("revisi")
    revisi = int(revisi) if revisi and revisi.isdigit() else None
    return render(request, "perencanaan/pk.html", _pk_context(request, opd, tahun, revisi))


def _pk_of(request, opd_slug, tahun, revisi) -> PerjanjianKinerja:
    return object_for_user(
        request.user,
        opd_slug,
        PerjanjianKinerja.objects.select_related("opd__pemda"),
        "opd",
        tahun=tahun,
        revisi=revisi,
    )


def _back_to_pk(opd_slug, tahun, revisi=None):
    url = reverse("perjanjian_kinerja", args=[opd_slug, tahun])
    return redirect(url + (f"?revisi={revisi}" if revisi is not None else ""))


@login_required
@require_POST
def pk_target(request, opd_slug: str, tahun: int, target_id: int):
    target = object_for_user(
        request.user,
        opd_slug,
        TargetPK.objects.select_related("indikator", "sasaran_pk__perjanjian__opd__pemda"),
        "sasaran_pk__perjanjian__opd",
        pk=target_id,
        sasaran_pk__perjanjian__tahun=tahun,
    )
    pk = target.sasaran_pk.perjanjian
    actions.require_planner_of(request.user, pk.opd, actions.UBAH_TARGET_PK)
    form = TargetForm(request.POST, prefix=f"t{target.pk}")
    ok = run_form(
        request,
        form,
        lambda d: actions.simpan_target_pk(
            request.user, target, d["target"], d["target_atas"], d["versi"]
        ),
        _("Target tersimpan."),
    )
    if ok:
        return _back_to_pk(opd_slug, tahun, pk.revisi)
    for error in form.non_field_errors():  # e.g. a signed PK, whose targets show no form
        messages.error(request, error)
    context = _pk_context(request, pk.opd, tahun, pk.revisi, bound=(target.pk, form))
    return render(request, "perencanaan/pk.html", context, status=422)


@login_required
@require_POST
def pk_penandatangan(request, opd_slug: str, tahun: int, revisi: int):
    pk = _pk_of(request, opd_slug, tahun, revisi)
    actions.require_planner_of(request.user, pk.opd, actions.UBAH_PK)
    form = PenandatanganForm(request.POST)
    ok = run_form(
        request,
        form,
        lambda d: actions.simpan_penandatangan(
            request.user,
            pk,
            {k: v or (None if k == "tanggal" else "") for k, v in d.items() if k != "versi"},
            d["versi"],
        ),
        _("Data penandatangan tersimpan."),
    )
    if ok:
        return _back_to_pk(opd_slug, tahun, revisi)
    context = _pk_context(request, pk.opd, tahun, revisi, bound=("penandatangan", form))
    return render(request, "perencanaan/pk.html", context, status=422)


@login_required
@require_POST
def pk_pihak_pertama_akun(request, opd_slug: str, tahun: int, revisi: int):
    pk = _pk_of(request, opd_slug, tahun, revisi)
    actions.require_planner_of(request.user, pk.opd, actions.UBAH_PK)
    form = PihakPertamaAkunForm(request.POST, accounts=actions.pimpinan_penandatangan(pk.opd))
    ok = run_form(
        request,
        form,
        lambda d: actions.pihak_pertama_dari_akun(request.user, pk, d["akun"].pk, d["versi"]),
        _("Pihak pertama diisi dari akun pimpinan."),
    )
    if ok:
        return _back_to_pk(opd_slug, tahun, revisi)
    for error in form.non_field_errors():  # e.g. a signed PK, which shows no form
        messages.error(request, error)
    context = _pk_context(request, pk.opd, tahun, revisi, bound=("pihak_pertama_akun", form))
    return render(request, "perencanaan/pk.html", context, status=422)


@login_required
@require_POST
def pk_buat(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    run_step(
        request,
        lambda: actions.buat_pk_dari_renstra(request.user, opd, tahun),
        _("PK %(tahun)s disusun dari Renstra sebagai draf.") % {"tahun": tahun},
    )
    return _back_to_pk(opd_slug, tahun)


@login_required
@require_POST
def pk_langkah(request, opd_slug: str, tahun: int, revisi: int, langkah: str):
    pk = _pk_of(request, opd_slug, tahun, revisi)
    alasan = request.POST.get("alasan", "")
    steps = {
        "tandatangani": (
            lambda: actions.tandatangani_pk(request.user, pk),
            _("PK ditandai sudah ditandatangani; targetnya kini terkunci."),
        ),
        "buka": (lambda: actions.buka_pk(request.user, pk, alasan), _("PK dibuka kembali.")),
        "revisi": (
            lambda: actions.buat_revisi_pk(request.user, pk, alasan),
            _("Revisi PK dibuat sebagai draf."),
        ),
    }
    if langkah in steps:
        run_step(request, *steps[langkah])
    latest = (
        PerjanjianKinerja.objects.filter(pemda=pk.pemda, opd=pk.opd, tahun=tahun)
        .order_by("-revisi")
        .first()
    )
    return _back_to_pk(opd_slug, tahun, latest.revisi)


# --- program tree with pagu and targets ---------------------------------------------------


def _anggaran_page(request, opd, tahun, bound=None, status=200):
    akun = akun_of(request.user)
    return render(
        request,
        "perencanaan/anggaran.html",
        {
            "opd": opd,
            "tahun": tahun,
            "akun": akun,
            "tree": budget_tree(opd, tahun, bound),
            "can_edit": actions.is_planner_of(akun, opd),
        },
        status=status,
    )


@login_required
def anggaran(request, opd_slug: str, tahun: int):
    return _anggaran_page(request, opd_for_user(request.user, opd_slug), tahun)


@login_required
@require_POST
def simpan_pagu(request, opd_slug: str, tahun: int, pagu_id: int):
    pagu = object_for_user(
        request.user,
        opd_slug,
        Pagu.objects.select_related("versi_anggaran__opd__pemda", "sub_kegiatan"),
        "versi_anggaran__opd",
        pk=pagu_id,
        versi_anggaran__tahun=tahun,
    )
    actions.require_planner_of(request.user, pagu.versi_anggaran.opd, actions.UBAH_PAGU)
    form = PaguForm(request.POST, prefix=f"p{pagu.pk}")
    if not run_form(
        request,
        form,
        lambda d: actions.simpan_pagu(request.user, pagu, d["jumlah"], d["versi"]),
        _("Pagu tersimpan."),
    ):
        # the page again, with what was typed and the error beside it
        return _anggaran_page(request, pagu.versi_anggaran.opd, tahun, {form.prefix: form}, 422)
    return redirect(reverse("anggaran", args=[opd_slug, tahun]) + f"#p{pagu.pk}")


@login_required
@require_POST
def simpan_target_tahunan(request, opd_slug: str, tahun: int, kode: str):
    indikator = object_for_user(
        request.user, opd_slug, Indikator.objects.select_related("opd__pemda"), "opd", kode=kode
    )
    actions.require_planner_of(request.user, indikator.opd, actions.UBAH_TARGET)
    form = TargetForm(request.POST, prefix=f"i{indikator.pk}")
    if not run_form(
        request,
        form,
        lambda d: actions.simpan_target_tahunan(
            request.user, indikator, tahun, d["target"], d["target_atas"], d["versi"]
        ),
        _("Target tersimpan."),
    ):
        return _anggaran_page(request, indikator.opd, tahun, {form.prefix: form}, 422)
    return redirect(reverse("anggaran", args=[opd_slug, tahun]) + f"#i{indikator.pk}")


# --- Renstra and the IKU sheet --------------------------------------------------------------


@login_required
def renstra(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    akun = akun_of(request.user)
    versions = list(
        Renstra.objects.filter(pemda=opd.pemda, opd=opd).order_by("tahun_awal", "versi")
    )
    wanted = request.GET.get("renstra", "")
    current = next((r for r in versions if str(r.pk) == wanted), versions[-1] if versions else None)
    rows = []
    if current is not None:
        years = list(range(current.tahun_awal, current.tahun_akhir + 1))
        targets = {}
        for t in TargetRenstra.objects.filter(pemda=opd.pemda, indikator_renstra__renstra=current):
            targets[(t.indikator_renstra_id, t.tahun)] = t
        for link in IndikatorRenstra.objects.filter(
            pemda=opd.pemda, renstra=current
        ).select_related("indikator", "tujuan", "sasaran"):
            rows.append((link, [(y, targets.get((link.pk, y))) for y in years]))
    else:
        years = []
    return render(
        request,
        "perencanaan/renstra.html",
        {
            "tahun": default_year(opd.pemda, opd),
            "opd": opd,
            "akun": akun,
            "versions": versions,
            "renstra": current,
            "years": years,
            "rows": rows,
            "can_edit": actions.is_planner_of(akun, opd),
            "tujuan": current.tujuan.prefetch_related("sasaran") if current else [],
        },
    )


@login_required
@require_POST
def simpan_target_renstra(request, opd_slug: str, link_id: int):
    link = object_for_user(
        request.user,
        opd_slug,
        IndikatorRenstra.objects.select_related("renstra__opd__pemda", "indikator"),
        "renstra__opd",
        pk=link_id,
    )
    renstra_ = link.renstra
    actions.require_planner_of(request.user, renstra_.opd, actions.UBAH_TARGET_RENSTRA)
    field = AngkaField()
    try:
        targets = {
            year: field.clean(request.POST.get(f"t{year}", ""))
            for year in range(renstra_.tahun_awal, renstra_.tahun_akhir + 1)
        }
        akhir = field.clean(request.POST.get("akhir", ""))
        versi = request.POST.get("versi", "")
        versi = int(versi) if versi.isdigit() else 0
        actions.simpan_target_renstra(request.user, link, targets, akhir, versi)
        messages.success(
            request, _("Target %(indikator)s tersimpan.") % {"indikator": link.indikator.nama}
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, f"{link.indikator.nama}: {message}")
    return redirect(reverse("renstra", args=[opd_slug]) + f"?renstra={renstra_.pk}#r{link.pk}")


@login_required
def indikator(request, opd_slug: str, kode: str):
    item = object_for_user(
        request.user, opd_slug, Indikator.objects.select_related("opd__pemda"), "opd", kode=kode
    )
    akun = akun_of(request.user)
    form = IndikatorForm(instance=item, initial={"versi": item.versi})
    status = 200
    if request.method == "POST":
        actions.require_planner_of(request.user, item.opd, actions.UBAH_INDIKATOR)
        form = IndikatorForm(request.POST, instance=Indikator.objects.get(pk=item.pk))
        fields = [f for f in IndikatorForm.Meta.fields]
        if run_form(
            request,
            form,
            lambda d: actions.simpan_indikator(
                request.user, item, {f: d[f] for f in fields}, d["versi"]
            ),
            _("Lembar indikator tersimpan."),
        ):
            return redirect("indikator", opd_slug=opd_slug, kode=kode)
        status = 422
    return render(
        request,
        "perencanaan/indikator.html",
        {
            "tahun": default_year(item.pemda, item.opd),
            "opd": item.opd,
            "akun": akun,
            "item": item,
            "form": form,
            "can_edit": actions.is_planner_of(akun, item.opd),
            "changes": changes(
                Indikator.history.filter(pemda=item.pemda, id=item.pk),
                [
                    "nama",
                    "satuan",
                    "arah",
                    "tipe_penghitungan",
                    "sumber_realisasi",
                    "presisi",
                    "formulasi",
                    "definisi_operasional",
                ],
            ),
        },
        status=status,
    )


# --- history of plan records ------------------------------------------------------------------

# jenis: (model whose history is shown, path from it to its OPD, fields, title when shown)
HISTORY = {
    "target-pk": (
        TargetPK,
        "sasaran_pk__perjanjian__opd",
        ["target", "target_atas"],
        lambda o: (
            _("Riwayat target PK %(tahun)s revisi %(revisi)s: %(indikator)s")
            % {
                "tahun": o.sasaran_pk.perjanjian.tahun,
                "revisi": o.sasaran_pk.perjanjian.revisi,
                "indikator": o.indikator.nama,
            }
        ),
    ),
    "pagu": (
        Pagu,
        "versi_anggaran__opd",
        ["jumlah"],
        lambda o: (
            _("Riwayat pagu %(versi)s: %(kode)s %(sub_kegiatan)s")
            % {
                "versi": o.versi_anggaran,
                "kode": o.sub_kegiatan.kode,
                "sub_kegiatan": o.sub_kegiatan.nama,
            }
        ),
    ),
    "target-tahunan": (
        TargetTahunan,
        "indikator__opd",
        ["target", "target_atas"],
        lambda o: (
            _("Riwayat target %(tahun)s: %(indikator)s")
            % {"tahun": o.tahun, "indikator": o.indikator.nama}
        ),
    ),
    "indikator-renstra": (
        IndikatorRenstra,
        "renstra__opd",
        ["target_akhir"],
        lambda o: (
            _("Riwayat target %(renstra)s: %(indikator)s")
            % {"renstra": o.renstra, "indikator": o.indikator.nama}
        ),
    ),
}


@login_required
def riwayat(request, opd_slug: str, jenis: str, obj_id: int):
    if jenis not in HISTORY:
        from django.http import Http404

        raise Http404(_("Jenis riwayat tidak dikenal."))
    model, opd_path, fields, title = HISTORY[jenis]
    obj = object_for_user(request.user, opd_slug, model.objects.all(), opd_path, pk=obj_id)
    records = model.history.filter(pemda=obj.pemda, id=obj.pk)
    found = changes(records, fields)
    if jenis == "indikator-renstra":  # the yearly targets live in their own rows
        yearly = TargetRenstra.history.filter(pemda=obj.pemda, indikator_renstra_id=obj.pk)
        found = sorted(
            found + changes(yearly, ["tahun", "target"]), key=lambda c: c.waktu, reverse=True
        )
    return render_riwayat(request, title(obj), found)
