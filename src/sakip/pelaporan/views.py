"""The LKjIP pages: write its parts, see what is still missing, download it as Word or PDF."""

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip import files
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
from sakip.pelaporan.templates_pemda import stored_path, template_for
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
        actions.require_opd_staff(request.user, opd, actions.TULIS_LAPORAN)
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


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return files.attachment(content, content_type, filename)


def _document(name: str, make_docx, as_pdf: bool) -> HttpResponse:
    """A document as Word, or as PDF through LibreOffice (503 with the reason without it).
    `make_docx(for_pdf)` renders it; the PDF flavour lets LibreOffice number the contents."""
    from sakip.pelaporan.pdf import PdfError, docx_to_pdf

    if not as_pdf:
        return _attachment(make_docx(False), DOCX, f"{name}.docx")
    with tempfile.TemporaryDirectory(prefix="sakip-dokumen-") as folder:
        source = Path(folder) / f"{name}.docx"
        source.write_bytes(make_docx(True))
        try:
            pdf = docx_to_pdf(source, Path(folder) / f"{name}.pdf").read_bytes()
        except PdfError as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return _attachment(pdf, "application/pdf", f"{name}.pdf")


def _lkjip_docx(opd, tahun, for_pdf: bool = False) -> bytes:
    from sakip.pelaporan.docx import render_lkjip

    template = template_for(opd.pemda, "lkjip")
    return render_lkjip(build_lkjip(opd, tahun), template, for_pdf=for_pdf)


@login_required
def lkjip_docx(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    return _document(f"lkjip-{opd.slug}-{tahun}", lambda pdf: _lkjip_docx(opd, tahun, pdf), False)


@login_required
def lkjip_pdf(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    return _document(f"lkjip-{opd.slug}-{tahun}", lambda pdf: _lkjip_docx(opd, tahun, pdf), True)


def _pk_docx(opd, tahun, revisi) -> bytes:
    from sakip.pelaporan.pk import NoPK, build_pk
    from sakip.pelaporan.pk_docx import render_pk

    try:
        return render_pk(build_pk(opd, tahun, revisi), template_for(opd.pemda, "pk"))
    except NoPK as error:
        raise Http404(str(error)) from error


@login_required
def pk_dokumen(request, opd_slug: str, tahun: int, revisi: int, format: str):
    opd = opd_for_user(request.user, opd_slug)
    if format not in ("docx", "pdf"):
        raise Http404(_("Format tidak dikenal."))
    return _document(
        f"pk-{opd.slug}-{tahun}-revisi-{revisi}",
        lambda pdf: _pk_docx(opd, tahun, revisi),
        format == "pdf",
    )


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
    from sakip.pelaporan.batch import UNFINISHED
    from sakip.worker.lease import live_workers, recover_stalled_tasks

    job = _job_for_user(request.user, job_id)
    tanpa_worker = False
    if job.status in UNFINISHED:  # a job whose worker died is not shown as running
        recover_stalled_tasks()
        job.refresh_from_db()
        tanpa_worker = job.status == job.Status.ANTRE and not live_workers()
    template = (
        "pelaporan/_pekerjaan.html"
        if request.headers.get("HX-Request")
        else ("pelaporan/pekerjaan.html")
    )
    return render(
        request,
        template,
        {"job": job, "akun": akun_of(request.user), "tanpa_worker": tanpa_worker},
    )


@login_required
def unduh_pekerjaan(request, job_id: int):
    job = _job_for_user(request.user, job_id)
    path = files.resolve(job.berkas, under="dokumen") if job.status == job.Status.SELESAI else None
    if path is None:
        raise Http404(_("Berkas belum siap."))
    return files.file_attachment(path, "application/zip", path.name)


# --- the pemda's own templates ------------------------------------------------------------


@login_required
def templat(request):
    from django.contrib import messages
    from django.core.exceptions import ValidationError

    from sakip.pelaporan import templates_pemda
    from sakip.pelaporan.models import TemplatDokumen

    akun = akun_of(request.user)
    require_role(akun, Akun.Peran.ADMIN_PEMDA, refusal=BUAT_DOKUMEN.role)
    status = 200
    if request.method == "POST":
        jenis = request.POST.get("jenis", "")
        if jenis not in templates_pemda.REQUIRED:
            raise Http404(_("Jenis templat tidak dikenal."))
        try:
            if request.POST.get("hapus"):
                templates_pemda.hapus_templat(request.user, jenis)
                messages.success(request, _("Templat bawaan dipakai lagi."))
            else:
                upload = request.FILES.get("berkas")
                if upload is None:
                    raise ValidationError(_("Pilih berkas .docx lebih dulu."))
                if upload.size > templates_pemda.MAX_BYTES:
                    raise ValidationError(_("Berkas lebih dari 5 MB."))
                templates_pemda.simpan_templat(request.user, jenis, upload.read(), upload.name)
                messages.success(request, _("Templat tersimpan; dokumen berikutnya memakainya."))
            return redirect("templat")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            status = 422
    current = {t.jenis: t for t in TemplatDokumen.objects.filter(pemda=akun.pemda)}
    kinds = [
        (value, label, current.get(value), _temuan(current.get(value), value))
        for value, label in TemplatDokumen.Jenis.choices
    ]
    return render(request, "pelaporan/templat.html", {"akun": akun, "kinds": kinds}, status=status)


def _temuan(row, jenis: str):
    """Why a stored template is not used (it fails today's template rules), or ()."""
    from sakip.pelaporan.templates_pemda import stored_path_of, temuan_tersimpan

    path = stored_path_of(row)
    return temuan_tersimpan(path, jenis) if path else ()


@login_required
def unduh_templat(request, jenis: str):
    from sakip.pelaporan.template import PK_TEMPLATE_PATH, TEMPLATE_PATH

    akun = akun_of(request.user)
    require_role(akun, Akun.Peran.ADMIN_PEMDA, refusal=BUAT_DOKUMEN.role)
    builtin = {"lkjip": TEMPLATE_PATH, "pk": PK_TEMPLATE_PATH}
    if jenis not in builtin:
        raise Http404(_("Jenis templat tidak dikenal."))
    # the pemda's own file even when refused at use: the admin downloads it to correct it
    path = stored_path(akun.pemda, jenis)
    if path is None or not path.is_file():
        path = builtin[jenis]
    return _attachment(Path(path).read_bytes(), DOCX, f"templat-{jenis}.docx")
