import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from docx import Document

from sakip.pelaporan.pdf import PdfError, convert_many, docx_to_pdf

SENTENCE = "Realisasi anggaran tahun 2024 sebesar Rp 1.866.543.961 atau 93,33 persen dari pagu."

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice tidak terpasang (scripts/bootstrap --test memasang libreoffice-writer-nogui)",
)


def make_docx(path: Path, judul: str = "Laporan Kinerja Instansi Pemerintah") -> Path:
    document = Document()
    document.add_heading(judul, level=1)
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Indikator", "Target", "Realisasi"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Indeks Kepuasan", "85,00", "87,12"], strict=True):
        cell.text = text
    document.save(path)
    return path


def pdf_text(pdf: Path) -> str | None:
    """The PDF's text with whitespace collapsed, or None when pdftotext is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    output = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(output.split())


def assert_is_report_pdf(pdf: Path, judul: str = "Laporan Kinerja Instansi Pemerintah") -> None:
    assert pdf.is_file()
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    if text is not None:
        assert judul in text
        assert SENTENCE in text
        assert "1.866.543.961" in text
        assert "Indeks Kepuasan 85,00 87,12" in text


def fake_soffice(directory: Path, body: str) -> None:
    """A `soffice` on PATH that runs the shell `body` instead of LibreOffice."""
    directory.mkdir(exist_ok=True)
    program = directory / "soffice"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(0o755)


def lo_profiles() -> set[str]:
    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith("sakip-pdf-")}


@needs_libreoffice
def test_it_converts_a_docx_beside_itself(tmp_path):
    docx = make_docx(tmp_path / "lkjip 2024.docx")
    before = lo_profiles()

    pdf = docx_to_pdf(docx)

    assert pdf == tmp_path / "lkjip 2024.pdf"
    assert_is_report_pdf(pdf)
    assert lo_profiles() == before  # the temporary profile and outdir are removed


@needs_libreoffice
def test_it_writes_to_the_given_path(tmp_path):
    docx = make_docx(tmp_path / "lkjip.docx")

    pdf = docx_to_pdf(docx, tmp_path / "keluaran" / "LKjIP Kecamatan Jati.pdf")

    assert pdf == tmp_path / "keluaran" / "LKjIP Kecamatan Jati.pdf"
    assert_is_report_pdf(pdf)
    assert os.listdir(tmp_path / "keluaran") == ["LKjIP Kecamatan Jati.pdf"]


@needs_libreoffice
def test_concurrent_conversions_do_not_share_a_profile(tmp_path):
    docs = [make_docx(tmp_path / f"opd{i}.docx", judul=f"Laporan OPD {i}") for i in range(3)]
    results, errors = {}, []

    def convert(i):
        try:
            results[i] = docx_to_pdf(docs[i])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=convert, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for i in range(3):
        assert_is_report_pdf(results[i], judul=f"Laporan OPD {i}")


@needs_libreoffice
def test_convert_many_converts_a_batch_in_one_run(tmp_path):
    (tmp_path / "a").mkdir()
    names = ["Dinas Kesehatan", "Kecamatan Jati", "Badan Perencanaan"]
    docs = [make_docx(tmp_path / "a" / f"{name}.docx", judul=f"LKjIP {name}") for name in names]

    pdfs = convert_many(docs, tmp_path / "pdf", timeout=120)

    assert pdfs == [tmp_path / "pdf" / f"{name}.pdf" for name in names]
    for name, pdf in zip(names, pdfs, strict=True):
        assert_is_report_pdf(pdf, judul=f"LKjIP {name}")


@needs_libreoffice
def test_convert_many_reports_the_file_it_could_not_convert(tmp_path):
    good = make_docx(tmp_path / "baik.docx")
    broken = tmp_path / "rusak.docx"
    broken.write_bytes(b"PK\x03\x04 ini bukan dokumen Word")

    with pytest.raises(PdfError, match="rusak.docx") as caught:
        convert_many([good, broken], tmp_path / "pdf")

    assert "baik.docx" not in str(caught.value)
    assert_is_report_pdf(tmp_path / "pdf" / "baik.pdf")  # the good one is still delivered


def test_convert_many_refuses_two_files_with_the_same_name(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make_docx(tmp_path / "a" / "lkjip.docx")
    second = make_docx(tmp_path / "b" / "lkjip.docx")

    with pytest.raises(ValueError, match="saling menimpa"):
        convert_many([first, second], tmp_path / "pdf")


def test_it_says_which_package_to_install_when_libreoffice_is_missing(tmp_path, monkeypatch):
    docx = make_docx(tmp_path / "lkjip.docx")
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))

    with pytest.raises(PdfError) as caught:
        docx_to_pdf(docx)

    assert isinstance(caught.value, RuntimeError)
    assert str(caught.value) == (
        "LibreOffice tidak ditemukan: pasang paket libreoffice-writer-nogui"
    )
    assert not (tmp_path / "lkjip.pdf").exists()


def test_it_refuses_a_missing_docx(tmp_path):
    with pytest.raises(FileNotFoundError, match="tidak ditemukan"):
        docx_to_pdf(tmp_path / "tidak-ada.docx")


def test_a_timeout_kills_libreoffice_and_all_its_children(tmp_path, monkeypatch):
    docx = make_docx(tmp_path / "lkjip.docx")
    child_pid = tmp_path / "child.pid"
    # like /usr/bin/soffice, a shell script that starts the real worker as a child
    fake_soffice(tmp_path / "bin", f"sleep 60 &\necho $! > {child_pid}\nwait")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")

    started = time.monotonic()
    with pytest.raises(PdfError, match="melebihi batas waktu 0,5 detik"):
        docx_to_pdf(docx, timeout=0.5)

    assert time.monotonic() - started < 10
    pid = int(child_pid.read_text())
    for _ in range(50):  # the killed child may need a moment to be reaped by init
        if not Path(f"/proc/{pid}").exists() or "Z" in _proc_state(pid):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the worker {pid} started by soffice is still running")


def _proc_state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "Z"


@needs_libreoffice
def test_a_tiny_timeout_stops_real_libreoffice(tmp_path):
    docx = make_docx(tmp_path / "lkjip.docx")
    before = lo_profiles()

    with pytest.raises(PdfError, match="batas waktu"):
        docx_to_pdf(docx, timeout=0.001)

    assert not (tmp_path / "lkjip.pdf").exists()
    assert lo_profiles() == before


def test_it_quotes_libreoffice_when_no_pdf_comes_out(tmp_path, monkeypatch):
    docx = make_docx(tmp_path / "lkjip.docx")
    noise = "\n".join(f"baris {i}" for i in range(2000))
    fake_soffice(
        tmp_path / "bin",
        f"cat <<'EOF' >&2\n{noise}\nError: source file could not be loaded\nEOF\nexit 0",
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")

    with pytest.raises(PdfError) as caught:
        docx_to_pdf(docx)

    message = str(caught.value)
    assert message.startswith("LibreOffice tidak menghasilkan PDF dari lkjip.docx")
    assert message.endswith("Error: source file could not be loaded")  # the tail
    assert "baris 0\n" not in message  # not the whole output
    assert not (tmp_path / "lkjip.pdf").exists()
