"""The quarterly realisations as XLSX: download (anyone who may open the quarter page), upload
→ preview → apply (the OPD's operator, as the page's own writes). Views stay thin: the sheets
are in sakip.pengukuran.impor_realisasi, the flow in sakip.impor.alur."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip import files
from sakip.impor import alur
from sakip.impor.forms import ukuran_maks, ukuran_teks
from sakip.organisasi.access import akun_of, opd_for_user
from sakip.pengukuran import actions, impor_realisasi


def _quarter(request, opd_slug: str, triwulan: int):
    opd = opd_for_user(request.user, opd_slug)
    if not 1 <= triwulan <= 4:
        raise Http404(_("Triwulan harus 1 sampai 4."))
    return opd


@login_required
def realisasi_unduh(request, opd_slug: str, tahun: int, triwulan: int):
    opd = _quarter(request, opd_slug, triwulan)
    content = impor_realisasi.ekspor(opd, tahun, triwulan)
    return files.attachment(content, alur.XLSX, f"realisasi-{opd.slug}-{tahun}-tw{triwulan}.xlsx")


def _context(request, opd, tahun, triwulan, **extra):
    return {
        "opd": opd,
        "tahun": tahun,
        "triwulan": triwulan,
        "akun": akun_of(request.user),
        "judul": _("Impor realisasi triwulan %(tw)s tahun %(tahun)s")
        % {"tw": triwulan, "tahun": tahun},
        "kembali": reverse("triwulan", args=[opd.slug, tahun, triwulan]),
        "kembali_label": _("Halaman triwulan"),
        "unduh": reverse("realisasi_unduh", args=[opd.slug, tahun, triwulan]),
        "unggah": reverse("realisasi_impor", args=[opd.slug, tahun, triwulan]),
        "maks": ukuran_teks(ukuran_maks()),
        **extra,
    }


@login_required
def realisasi_impor(request, opd_slug: str, tahun: int, triwulan: int):
    opd = _quarter(request, opd_slug, triwulan)
    actions.require_operator_of(request.user, opd)
    lingkup = impor_realisasi.lingkup(opd, tahun, triwulan)
    form, status, token = alur.unggah(request, impor_realisasi.TEMPAT, opd.pemda_id, lingkup)
    if token:
        return redirect("realisasi_impor_terapkan", opd.slug, tahun, triwulan, token)
    context = _context(request, opd, tahun, triwulan, form=form)
    return render(request, "pengukuran/impor_unggah.html", context, status=status)


@login_required
def realisasi_impor_terapkan(request, opd_slug: str, tahun: int, triwulan: int, token: str):
    """GET: the preview of every row; POST: apply, checked again, all or nothing, once."""
    opd = _quarter(request, opd_slug, triwulan)
    actions.require_operator_of(request.user, opd)
    hasil = alur.pratinjau_atau_terapkan(
        request,
        impor_realisasi.TEMPAT,
        opd.pemda_id,
        token,
        impor_realisasi.lingkup(opd, tahun, triwulan),
        lambda content: impor_realisasi.pratinjau(content, opd, tahun, triwulan),
        lambda report, nama: impor_realisasi.terapkan(
            request.user, opd, tahun, triwulan, report, nama
        ),
    )
    return alur.jawab(
        request,
        hasil,
        _context(request, opd, tahun, triwulan),
        reverse("triwulan", args=[opd.slug, tahun, triwulan]),
        reverse("realisasi_impor", args=[opd.slug, tahun, triwulan]),
    )
