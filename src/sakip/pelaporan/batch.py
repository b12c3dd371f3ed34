"""The LKjIP of every OPD of a pemda in one go: DOCX one by one (progress per OPD), PDFs in a
single LibreOffice run (far faster than one run per OPD), all in one ZIP.

Runs as a task in `sakip worker` (sakip.pelaporan.tasks; the tests run tasks immediately); the
job row keeps the progress the page polls. A run taken up again after its worker died keeps the
documents already written (each written whole under its final name) and makes the others. When
its worker died once too often, the job fails with the reason (sakip.worker.lease)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from sakip.organisasi.models import PerangkatDaerah
from sakip.pelaporan.build import build_lkjip
from sakip.pelaporan.models import PekerjaanDokumen
from sakip.pelaporan.templates_pemda import template_for

Status = PekerjaanDokumen.Status
UNFINISHED = (Status.ANTRE, Status.BERJALAN)


def start(job: PekerjaanDokumen) -> None:
    from sakip.pelaporan.tasks import lkjip_semua_opd

    lkjip_semua_opd.enqueue(job.pk)


def output_dir(job: PekerjaanDokumen) -> Path:
    return Path(settings.MEDIA_ROOT) / "dokumen" / str(job.pk)


def _step(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def _write_whole(path: Path, content: bytes) -> None:
    """No reader, and no run taken up again, ever finds half a document under its name."""
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(content)
    os.replace(partial, path)


def run(job_id: int, percobaan: int = 1) -> None:
    from sakip.pelaporan.docx import render_lkjip
    from sakip.pelaporan.pdf import PdfError, convert_many

    job = PekerjaanDokumen.objects.select_related("pemda").get(pk=job_id)
    if job.status not in UNFINISHED:
        return
    try:
        opds = list(
            PerangkatDaerah.objects.filter(pemda=job.pemda).select_related("pemda").order_by("nama")
        )
        folder = output_dir(job)
        flavours = folder / "untuk-pdf"  # the PDF flavour lets LibreOffice number the contents
        flavours.mkdir(parents=True, exist_ok=True)
        steps = len(opds) + (1 if job.pdf else 0)
        ulang = _("Percobaan %(n)s: worker sebelumnya berhenti di tengah pekerjaan.")
        pesan = ulang % {"n": percobaan} if percobaan > 1 else ""
        _step(job, status=Status.BERJALAN, total=steps, selesai=0, pesan=pesan)
        made = []
        template = template_for(job.pemda, "lkjip")
        for i, opd in enumerate(opds, start=1):
            path = folder / f"lkjip-{opd.slug}-{job.tahun}.docx"
            made.append(path)
            if not (path.exists() and (not job.pdf or (flavours / path.name).exists())):
                _step(job, langkah=_("Menyusun LKjIP %(opd)s") % {"opd": opd.nama})
                report = build_lkjip(opd, job.tahun)
                if job.pdf:
                    _write_whole(flavours / path.name, render_lkjip(report, template, for_pdf=True))
                _write_whole(path, render_lkjip(report, template))
            _step(job, selesai=i)
        if job.pdf and made:
            _step(job, langkah=_("Mengubah %(n)s dokumen ke PDF") % {"n": len(made)})
            missing = [d for d in made if not (folder / f"{d.stem}.pdf").exists()]
            convert_many([flavours / d.name for d in missing], folder)
            made += [folder / f"{d.stem}.pdf" for d in made]
            _step(job, selesai=steps)
        archive = folder / f"lkjip-{job.pemda.slug}-{job.tahun}.zip"
        partial = archive.with_name(f".{archive.name}.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in made:
                zipped.write(path, path.name)
        os.replace(partial, archive)
        _step(job, status=Status.SELESAI, berkas=str(archive), langkah=_("Selesai"))
    except (PdfError, OSError, ValueError) as error:
        _step(job, status=Status.GAGAL, pesan=str(error), langkah=_("Gagal"))
    except Exception:
        from sakip.worker.lease import alasan_gagal_umum

        _step(job, status=Status.GAGAL, pesan=alasan_gagal_umum(), langkah=_("Gagal"))
        raise  # the traceback stays in the task's row and the worker's log


def job_of(task_result) -> PekerjaanDokumen | None:
    from sakip.pelaporan.tasks import lkjip_semua_opd

    if task_result.task.module_path != lkjip_semua_opd.module_path:
        return None
    return PekerjaanDokumen.objects.filter(pk=task_result.args[0], status__in=UNFINISHED).first()


def when_requeued(sender, task_result, alasan, **kwargs) -> None:
    job = job_of(task_result)
    if job is not None:
        _step(job, status=Status.ANTRE, langkah=alasan)


def when_finished(sender, task_result, **kwargs) -> None:
    """A task that failed outside `run` (its worker died too often): the job says why."""
    from django_tasks import TaskResultStatus

    from sakip.worker.lease import alasan_gagal

    if task_result.status != TaskResultStatus.FAILED:
        return
    job = job_of(task_result)
    if job is not None:
        _step(job, status=Status.GAGAL, pesan=alasan_gagal(task_result), langkah=_("Gagal"))
