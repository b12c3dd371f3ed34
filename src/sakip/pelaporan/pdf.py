"""DOCX to PDF with LibreOffice headless.

Each call starts its own LibreOffice with a fresh user profile in a temporary directory (removed
afterwards), so calls may run at the same time and never meet a profile left locked by another
run. A run that takes longer than `timeout` seconds is killed with its whole process group.

Starting LibreOffice costs most of the time of a small document, so `convert_many` converts a
batch (e.g. the LKjIP of every OPD) in one LibreOffice run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path

from django.utils.translation import gettext as _

STDERR_TAIL_CHARS = 2000


class PdfError(RuntimeError):
    """LibreOffice is missing, took too long, or produced no PDF; the message says what to do."""


def docx_to_pdf(
    docx_path: str | os.PathLike[str],
    pdf_path: str | os.PathLike[str] | None = None,
    timeout: float = 120,
) -> Path:
    """Convert one DOCX to PDF; returns the PDF path (default: beside the DOCX, suffix .pdf)."""
    source = _existing_docx(docx_path)
    target = Path(pdf_path) if pdf_path is not None else source.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="sakip-pdf-", ignore_cleanup_errors=True) as workdir:
        produced, failure = _run_libreoffice([source], Path(workdir), timeout)
        result = produced.get(source)
        if result is None:
            raise PdfError(
                _("LibreOffice tidak menghasilkan PDF dari %(docx)s. %(detail)s")
                % {"docx": source.name, "detail": failure}
            )
        _move_into_place(result, target)
    return target


def convert_many(
    docx_paths: Iterable[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    timeout: float | None = None,
) -> list[Path]:
    """Convert several DOCX files in one LibreOffice run; returns the PDFs in `outdir`, in order.

    `timeout` covers the whole run (default: 60 s plus 20 s per file). The file names must differ
    (each PDF is named after its DOCX). If some files fail, the PDFs that were made are still
    moved to `outdir` and a PdfError names the others.
    """
    sources = [_existing_docx(path) for path in docx_paths]
    if not sources:
        return []
    seen: dict[str, Path] = {}
    for source in sources:
        if source.stem in seen:
            raise ValueError(
                _("Nama berkas sama (%(a)s dan %(b)s): PDF-nya akan saling menimpa; ganti namanya")
                % {"a": seen[source.stem], "b": source}
            )
        seen[source.stem] = source
    if timeout is None:
        timeout = 60 + 20 * len(sources)
    destination = Path(outdir)
    destination.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sakip-pdf-", ignore_cleanup_errors=True) as workdir:
        produced, failure = _run_libreoffice(sources, Path(workdir), timeout)
        missing = [source.name for source in sources if source not in produced]
        results = []
        for source in sources:
            if source in produced:
                target = destination / f"{source.stem}.pdf"
                _move_into_place(produced[source], target)
                results.append(target)
    if missing:
        raise PdfError(
            _("LibreOffice tidak menghasilkan PDF dari %(names)s. %(detail)s")
            % {"names": ", ".join(missing), "detail": failure}
        )
    return results


def find_soffice() -> str:
    """The LibreOffice program on PATH, or PdfError telling which package to install."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise PdfError(_("LibreOffice tidak ditemukan: pasang paket libreoffice-writer-nogui"))
    return program


def _existing_docx(path: str | os.PathLike[str]) -> Path:
    source = Path(path).resolve()
    if not source.is_file():
        raise FileNotFoundError(_("Berkas DOCX tidak ditemukan: %(path)s") % {"path": source})
    return source


def _run_libreoffice(
    sources: list[Path], workdir: Path, timeout: float
) -> tuple[dict[Path, Path], str]:
    """Run one LibreOffice over `sources`, writing into workdir/out.

    Returns the PDFs produced (by source) and a text describing the failure, for the message.
    """
    program = find_soffice()
    profile, outdir = workdir / "profile", workdir / "out"
    outdir.mkdir()
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nodefault",
        "--nolockcheck",
        "--nologo",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *[str(source) for source in sources],
    ]
    # its own session (and process group), so a timeout kills soffice.bin and every helper too
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=workdir,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise PdfError(
            _(
                "Konversi PDF oleh LibreOffice melebihi batas waktu %(timeout)s detik dan "
                "dihentikan; coba lagi, atau periksa dokumennya (terlalu besar atau rusak)"
            )
            % {"timeout": f"{timeout:g}".replace(".", ",")}
        ) from None
    except BaseException:
        _kill_group(process)
        raise
    produced = {}
    for source in sources:
        pdf = outdir / f"{source.stem}.pdf"
        if pdf.is_file() and pdf.stat().st_size > 0:
            produced[source] = pdf
    return produced, _failure_detail(process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:  # a helper that left the group still holds the pipes
        process.kill()
        process.wait()


def _failure_detail(returncode: int, stdout: bytes, stderr: bytes) -> str:
    output = stderr.decode(errors="replace").strip() or stdout.decode(errors="replace").strip()
    tail = output[-STDERR_TAIL_CHARS:] if output else _("(tanpa pesan)")
    return _("Kode keluar %(code)s; pesan LibreOffice: %(tail)s") % {
        "code": returncode,
        "tail": tail,
    }


def _move_into_place(produced: Path, target: Path) -> None:
    """Move the PDF to `target` so that no reader ever sees a half-written file there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        shutil.move(produced, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
