"""The LKjIP pages: write its parts, see what is still missing, download it as Word or PDF."""

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.organisasi.access import (
    Refusals,
    akun_of,
    opd_for_user,
    pemda_for_overview,
    require_role,
)
from sakip.organisasi.forms_util import run_form
from sakip.organisasi.history import changes
from sakip.organisasi.models import Akun
from sakip.pelaporan import actions
from sakip.pelaporan.build import build_lkjip
from sakip.pelaporan.drafts import draft_kata_pengantar
from sakip.pelaporan.forms import LaporanForm
from sakip.pelaporan.models import LaporanTahunan
from sakip.perencanaan.actions import PLANNERS

BUAT_DOKUMEN = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat membuat dokumen semua OPD.")
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def laporan(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    akun = akun_of(request.user)
    row = LaporanTahunan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).first()
    can_edit = akun.peran in PLANNERS and akun.opd_id == opd.pk
    initial = {
        "versi": row.versi if row else 0,
        "tempat": row.tempat if row else opd.pemda.ibu_kota,
        "tanggal": row.tanggal if row else None,
        "kata_pengantar": (row.kata_pengantar if row else None) or draft_kata_pengantar(opd, tahun),
    }
    for part in actions.PARTS[1:]:
        initial[part] = getattr(row, part) if row else []
    if not initial["latar_belakang"]:  # start from the profile's, which the report uses too
        profil = opd.profil.filter(tahun__lte=tahun).order_by("-tahun").first()
        initial["latar_belakang"] = list(profil.latar_belakang) if profil else []
    form = LaporanForm(initial=initial)
    status = 200
    if request.method == "POST":
        actions.require_planner_of(request.user, opd, actions.TULIS_LAPORAN)
        form = LaporanForm(request.POST)
        if run_form(
            request,
            form,
            lambda d: actions.simpan_laporan(request.user, opd, tahun, d, d["versi"]),
            _("Bagian LKjIP tersimpan."),
        ):
            return redirect("laporan", opd_slug=opd.slug, tahun=tahun)
        status = 422
    report = build_lkjip(opd, tahun)
    history = (
        changes(
            LaporanTahunan.history.filter(pemda=opd.pemda, id=row.pk),
            ["tempat", "tanggal", *actions.PARTS],
        )
        if row
        else []
    )
    return render(
        request,
        "pelaporan/laporan.html",
        {
            "opd": opd,
            "tahun": tahun,
            "akun": akun,
            "form": form,
            "can_edit": can_edit,
            "catatan": report.catatan,
            "changes": history,
        },
        status=status,
    )


def _lkjip_docx(opd, tahun) -> bytes:
    from sakip.pelaporan.docx import render_lkjip

    return render_lkjip(build_lkjip(opd, tahun))


@login_required
def lkjip_docx(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    response = HttpResponse(_lkjip_docx(opd, tahun), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="lkjip-{opd.slug}-{tahun}.docx"'
    return response


@login_required
def lkjip_pdf(request, opd_slug: str, tahun: int):
    from sakip.pelaporan.pdf import PdfError, docx_to_pdf

    opd = opd_for_user(request.user, opd_slug)
    with tempfile.TemporaryDirectory(prefix="sakip-lkjip-") as folder:
        source = Path(folder) / f"lkjip-{opd.slug}-{tahun}.docx"
        source.write_bytes(_lkjip_docx(opd, tahun))
        try:
            pdf = docx_to_pdf(source, Path(folder) / "lkjip.pdf").read_bytes()
        except PdfError as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="lkjip-{opd.slug}-{tahun}.pdf"'
    return response


# --- every OPD's LKjIP at once (pemda admin) ----------------------------------------------


def _job_for_user(user, job_id: int):
    from django.http import Http404

    from sakip.pelaporan.models import PekerjaanDokumen

    pemda = pemda_for_overview(user)
    job = PekerjaanDokumen.objects.filter(pemda=pemda, pk=job_id).first()
    if job is None:
        raise Http404(_("Pekerjaan tidak ditemukan."))
    return job


@login_required
def dokumen_pemda(request, tahun: int):
    from sakip.pelaporan import batch
    from sakip.pelaporan.models import PekerjaanDokumen

    pemda = pemda_for_overview(request.user)
    akun = akun_of(request.user)
    if request.method == "POST":
        require_role(akun, Akun.Peran.ADMIN_PEMDA, refusal=BUAT_DOKUMEN.role)
        job = PekerjaanDokumen.objects.create(
            pemda=pemda, tahun=tahun, pdf=request.POST.get("pdf") == "1", dibuat_oleh=request.user
        )
        batch.start(job)
        return redirect("pekerjaan_dokumen", job_id=job.pk)
    jobs = PekerjaanDokumen.objects.filter(pemda=pemda, tahun=tahun)[:10]
    return render(
        request,
        "pelaporan/dokumen_pemda.html",
        {"pemda": pemda, "tahun": tahun, "jobs": jobs, "akun": akun},
    )


@login_required
def pekerjaan_dokumen(request, job_id: int):
    job = _job_for_user(request.user, job_id)
    template = (
        "pelaporan/_pekerjaan.html"
        if request.headers.get("HX-Request")
        else ("pelaporan/pekerjaan.html")
    )
    return render(request, template, {"job": job, "akun": akun_of(request.user)})


@login_required
def unduh_pekerjaan(request, job_id: int):
    from django.http import FileResponse, Http404

    job = _job_for_user(request.user, job_id)
    if job.status != job.Status.SELESAI or not Path(job.berkas).is_file():
        raise Http404(_("Berkas belum siap."))
    return FileResponse(
        open(job.berkas, "rb"),
        as_attachment=True,  # noqa: SIM115
        filename=Path(job.berkas).name,
    )
