"""The LKjIP of every OPD of a pemda in one go: DOCX one by one (progress per OPD), PDFs in a
single LibreOffice run (far faster than one run per OPD), all in one ZIP.

Runs in a background thread of the web process (enough for one server; the job row keeps the
progress the page polls). With SAKIP_JOBS_SYNC the job runs inline (tests)."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.utils.translation import gettext as _

from sakip.organisasi.models import PerangkatDaerah
from sakip.pelaporan.build import build_lkjip
from sakip.pelaporan.models import PekerjaanDokumen
from sakip.pelaporan.templates_pemda import template_for

Status = PekerjaanDokumen.Status


def start(job: PekerjaanDokumen) -> None:
    if getattr(settings, "SAKIP_JOBS_SYNC", False):
        run(job.pk)
    else:
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()


def _run_in_thread(job_id: int) -> None:
    """A thread has its own database connection: open it fresh, close it at the end."""
    close_old_connections()
    try:
        run(job_id)
    finally:
        close_old_connections()


def output_dir(job: PekerjaanDokumen) -> Path:
    return Path(settings.MEDIA_ROOT) / "dokumen" / str(job.pk)


def _step(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def run(job_id: int) -> None:
    from sakip.pelaporan.docx import render_lkjip
    from sakip.pelaporan.pdf import PdfError, convert_many

    job = PekerjaanDokumen.objects.select_related("pemda").get(pk=job_id)
    try:
        opds = list(
            PerangkatDaerah.objects.filter(pemda=job.pemda).select_related("pemda").order_by("nama")
        )
        folder = output_dir(job)
        folder.mkdir(parents=True, exist_ok=True)
        steps = len(opds) + (1 if job.pdf else 0)
        _step(job, status=Status.BERJALAN, total=steps, selesai=0)
        made = []
        template = template_for(job.pemda, "lkjip")
        for i, opd in enumerate(opds, start=1):
            _step(job, langkah=_("Menyusun LKjIP %(opd)s") % {"opd": opd.nama})
            report = build_lkjip(opd, job.tahun)
            path = folder / f"lkjip-{opd.slug}-{job.tahun}.docx"
            path.write_bytes(render_lkjip(report, template))
            made.append(path)
            if job.pdf:  # the PDF flavour lets LibreOffice number the table of contents
                flavour = folder / "untuk-pdf" / path.name
                flavour.parent.mkdir(exist_ok=True)
                flavour.write_bytes(render_lkjip(report, template, for_pdf=True))
            _step(job, selesai=i)
        if job.pdf and made:
            _step(job, langkah=_("Mengubah %(n)s dokumen ke PDF") % {"n": len(made)})
            made += convert_many(sorted((folder / "untuk-pdf").glob("*.docx")), folder)
            _step(job, selesai=steps)
        archive = folder / f"lkjip-{job.pemda.slug}-{job.tahun}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in made:
                zipped.write(path, path.name)
        _step(job, status=Status.SELESAI, berkas=str(archive), langkah=_("Selesai"))
    except (PdfError, OSError, ValueError) as error:
        _step(job, status=Status.GAGAL, pesan=str(error), langkah=_("Gagal"))
