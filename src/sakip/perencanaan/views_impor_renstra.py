"""A Renstra as XLSX: download (anyone who may open the Renstra page), upload → preview → apply
(the OPD's planners, as the Renstra authoring pages). The sheets are in
sakip.perencanaan.impor_renstra, the flow in sakip.impor.alur; the templates are the
realisation import's (pengukuran/impor_*.html)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip import files
from sakip.impor import alur
from sakip.impor.forms import ukuran_maks, ukuran_teks
from sakip.organisasi.access import akun_of, object_for_user
from sakip.perencanaan import actions, actions_renstra, impor_renstra
from sakip.perencanaan.models import Renstra
from sakip.perencanaan.years import default_year


def _renstra(request, opd_slug: str, renstra_id: int, planner: bool) -> Renstra:
    renstra = object_for_user(
        request.user, opd_slug, Renstra.objects.select_related("opd__pemda"), "opd", pk=renstra_id
    )
    if planner:
        actions.require_planner_of(request.user, renstra.opd, actions_renstra.SUSUN_RENSTRA)
    return renstra


@login_required
def renstra_unduh(request, opd_slug: str, renstra_id: int):
    renstra = _renstra(request, opd_slug, renstra_id, planner=False)
    return files.attachment(
        impor_renstra.ekspor(renstra), alur.XLSX, impor_renstra.nama_berkas(renstra)
    )


def _context(request, renstra: Renstra, **extra):
    opd = renstra.opd
    args = [opd.slug, renstra.pk]
    return {
        "opd": opd,
        "tahun": default_year(opd.pemda, opd),
        "akun": akun_of(request.user),
        "judul": _("Impor %(renstra)s") % {"renstra": renstra},
        "kembali": reverse("renstra_susun", args=args),
        "kembali_label": _("Halaman Susun Renstra"),
        "unduh": reverse("renstra_unduh", args=args),
        "unggah": reverse("renstra_impor", args=args),
        "maks": ukuran_teks(ukuran_maks()),
        **extra,
    }


@login_required
def renstra_impor(request, opd_slug: str, renstra_id: int):
    renstra = _renstra(request, opd_slug, renstra_id, planner=True)
    form, status, token = alur.unggah(
        request, impor_renstra.TEMPAT, renstra.pemda_id, impor_renstra.lingkup(renstra)
    )
    if token:
        return redirect("renstra_impor_terapkan", opd_slug, renstra.pk, token)
    context = _context(request, renstra, form=form)
    return render(request, "pengukuran/impor_unggah.html", context, status=status)


@login_required
def renstra_impor_terapkan(request, opd_slug: str, renstra_id: int, token: str):
    renstra = _renstra(request, opd_slug, renstra_id, planner=True)
    hasil = alur.pratinjau_atau_terapkan(
        request,
        impor_renstra.TEMPAT,
        renstra.pemda_id,
        token,
        impor_renstra.lingkup(renstra),
        lambda content: impor_renstra.pratinjau(content, renstra),
        lambda report, nama: impor_renstra.terapkan(request.user, renstra, report, nama),
    )
    return alur.jawab(
        request,
        hasil,
        _context(request, renstra),
        reverse("renstra_susun", args=[opd_slug, renstra.pk]),
        reverse("renstra_impor", args=[opd_slug, renstra.pk]),
    )
