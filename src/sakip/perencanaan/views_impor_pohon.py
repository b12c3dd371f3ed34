"""The program tree with the DPA pagu of a year as XLSX: download (anyone who may open the tree
page), upload → preview → apply (the OPD's planners and the pemda's admin, as the tree and DPA
pages' own writes). The sheet is in sakip.perencanaan.impor_pohon, the flow in sakip.impor.alur;
the templates are the realisation import's (pengukuran/impor_*.html)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip import files
from sakip.impor import alur
from sakip.impor.forms import ukuran_maks, ukuran_teks
from sakip.organisasi.access import akun_of, opd_for_user
from sakip.perencanaan import actions as perencanaan_actions
from sakip.perencanaan import actions_pohon_anggaran as actions
from sakip.perencanaan import impor_pohon


def _penyusun_opd(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    perencanaan_actions.require_planner_of(request.user, opd, actions.SUSUN_POHON)
    return opd


@login_required
def pohon_unduh(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    return files.attachment(
        impor_pohon.ekspor(opd, tahun), alur.XLSX, f"pohon-anggaran-{opd.slug}-{tahun}.xlsx"
    )


def _context(request, opd, tahun, **extra):
    return {
        "opd": opd,
        "tahun": tahun,
        "akun": akun_of(request.user),
        "judul": _("Impor program, kegiatan, sub-kegiatan dan pagu DPA %(tahun)s")
        % {"tahun": tahun},
        "kembali": reverse("pohon_anggaran", args=[opd.slug, tahun]),
        "kembali_label": _("Pohon program & kegiatan"),
        "unduh": reverse("pohon_unduh", args=[opd.slug, tahun]),
        "unggah": reverse("pohon_impor", args=[opd.slug, tahun]),
        "maks": ukuran_teks(ukuran_maks()),
        **extra,
    }


@login_required
def pohon_impor(request, opd_slug: str, tahun: int):
    opd = _penyusun_opd(request, opd_slug)
    form, status, token = alur.unggah(
        request, impor_pohon.TEMPAT, opd.pemda_id, impor_pohon.lingkup(opd, tahun)
    )
    if token:
        return redirect("pohon_impor_terapkan", opd.slug, tahun, token)
    context = _context(request, opd, tahun, form=form)
    return render(request, "pengukuran/impor_unggah.html", context, status=status)


@login_required
def pohon_impor_terapkan(request, opd_slug: str, tahun: int, token: str):
    opd = _penyusun_opd(request, opd_slug)
    hasil = alur.pratinjau_atau_terapkan(
        request,
        impor_pohon.TEMPAT,
        opd.pemda_id,
        token,
        impor_pohon.lingkup(opd, tahun),
        lambda content: impor_pohon.pratinjau(content, opd, tahun),
        lambda report, nama: impor_pohon.terapkan(request.user, opd, tahun, report, nama),
    )
    return alur.jawab(
        request,
        hasil,
        _context(request, opd, tahun),
        reverse("pohon_anggaran", args=[opd.slug, tahun]),
        reverse("pohon_impor", args=[opd.slug, tahun]),
    )
