"""The PK targets as XLSX: download (anyone who may open the PK page), upload → preview → apply
(the OPD's planners, as the page's own target writes). The sheet is in
sakip.perencanaan.impor_target_pk, the flow in sakip.impor.alur; the templates are the
realisation import's (pengukuran/impor_*.html)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip import files
from sakip.impor import alur
from sakip.impor.forms import ukuran_maks, ukuran_teks
from sakip.organisasi.access import akun_of, opd_for_user
from sakip.perencanaan import actions, impor_target_pk


def _pk(request, opd_slug: str, tahun: int, planner: bool):
    opd = opd_for_user(request.user, opd_slug)
    if planner:
        actions.require_planner_of(request.user, opd, actions.UBAH_TARGET_PK)
    pk = impor_target_pk.pk_terakhir(opd, tahun)
    if pk is None:
        raise Http404(_("Belum ada PK tahun ini; buat PK dulu di halaman PK."))
    return opd, pk


@login_required
def target_pk_unduh(request, opd_slug: str, tahun: int):
    opd, pk = _pk(request, opd_slug, tahun, planner=False)
    return files.attachment(
        impor_target_pk.ekspor(pk), alur.XLSX, f"target-pk-{opd.slug}-{tahun}-r{pk.revisi}.xlsx"
    )


def _context(request, opd, tahun, pk, **extra):
    return {
        "opd": opd,
        "tahun": tahun,
        "akun": akun_of(request.user),
        "judul": _("Impor target PK %(tahun)s revisi %(revisi)s")
        % {"tahun": tahun, "revisi": pk.revisi},
        "kembali": reverse("perjanjian_kinerja", args=[opd.slug, tahun]),
        "kembali_label": _("Halaman PK"),
        "unduh": reverse("target_pk_unduh", args=[opd.slug, tahun]),
        "unggah": reverse("target_pk_impor", args=[opd.slug, tahun]),
        "maks": ukuran_teks(ukuran_maks()),
        **extra,
    }


@login_required
def target_pk_impor(request, opd_slug: str, tahun: int):
    opd, pk = _pk(request, opd_slug, tahun, planner=True)
    form, status, token = alur.unggah(
        request, impor_target_pk.TEMPAT, opd.pemda_id, impor_target_pk.lingkup(pk)
    )
    if token:
        return redirect("target_pk_impor_terapkan", opd.slug, tahun, token)
    context = _context(request, opd, tahun, pk, form=form)
    return render(request, "pengukuran/impor_unggah.html", context, status=status)


@login_required
def target_pk_impor_terapkan(request, opd_slug: str, tahun: int, token: str):
    opd, pk = _pk(request, opd_slug, tahun, planner=True)
    hasil = alur.pratinjau_atau_terapkan(
        request,
        impor_target_pk.TEMPAT,
        opd.pemda_id,
        token,
        impor_target_pk.lingkup(pk),
        lambda content: impor_target_pk.pratinjau(content, pk),
        lambda report, nama: impor_target_pk.terapkan(request.user, pk, report, nama),
    )
    return alur.jawab(
        request,
        hasil,
        _context(request, opd, tahun, pk),
        reverse("perjanjian_kinerja", args=[opd.slug, tahun]) + f"?revisi={pk.revisi}",
        reverse("target_pk_impor", args=[opd.slug, tahun]),
    )
