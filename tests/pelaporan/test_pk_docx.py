"""The Perjanjian Kinerja Word document, read back with python-docx; and the command (DOCX, PDF,
pages as PNG in test-artifacts/pk/ to look at)."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.oxml.ns import qn

from sakip.dataset import load_file
from sakip.formulas.numbers import format_angka
from sakip.organisasi.models import PerangkatDaerah
from sakip.pelaporan.pk import build_pk
from sakip.pelaporan.pk_docx import render_pk
from sakip.perencanaan.models import PerjanjianKinerja

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "sakip" / "demo" / "data" / "kecamatan-jati.yaml"
ARTIFACTS = REPO / "test-artifacts" / "pk"


@pytest.fixture
def opd():
    load_file(DEMO)
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-jati")


def render(opd, tahun=2024, revisi=None, **kwargs):
    return Document(io.BytesIO(render_pk(build_pk(opd, tahun, revisi), **kwargs)))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def all_text(document) -> str:
    parts = texts(document)
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def table_with(document, header: str):
    return next(t for t in document.tables if header in [c.text for c in t.rows[0].cells])


def rows_of(table):
    return [[c.text for c in row.cells] for row in table.rows]


def signatures(document):
    return [t for t in document.tables if "PIHAK PERTAMA," in t.rows[0].cells[1].text]


def test_title_statement_and_that_a_signed_pk_is_not_called_a_draft(opd):
    document = render(opd)
    body = texts(document)
    assert "PERJANJIAN KINERJA TAHUN 2024" in body
    assert "KECAMATAN JATI" in body
    assert any(t.startswith("Dalam rangka mewujudkan manajemen") for t in body)
    assert any("TULUS SETYONO" in t and "pihak pertama" in t for t in body)
    assert not any("REVISI" in t for t in body)
    assert "DRAF" not in all_text(document)
    assert "DRAF" not in document.sections[0].header.paragraphs[0].text
    section = document.sections[0]
    assert section.page_width < section.page_height  # A4 portrait
    assert abs(section.page_width.cm - 21.0) < 0.01


def test_annex_lists_every_indicator_with_its_target_and_satuan(opd):
    document = render(opd)
    annex = [t for t in texts(document) if t.startswith("LAMPIRAN")]
    assert annex and "PERJANJIAN KINERJA TAHUN 2024" in annex[0]
    table = table_with(document, "Indikator Kinerja")
    assert rows_of(table)[0] == ["No.", "Sasaran Strategis", "Indikator Kinerja", "Target"]
    rows = rows_of(table)[1:]
    targets = {row[2]: row[3] for row in rows}
    assert len(rows) == 2
    assert targets["Nilai SAKIP"] == "70,00 Nilai (0–100)"  # target and the satuan as recorded
    assert [t.split(" ")[0] for t in targets.values()] == ["85,00", "70,00"]
    assert all(row[1] for row in rows)  # merged sasaran cells read as their sasaran


def test_program_table_adds_up_to_its_jumlah(opd):
    document = render(opd)
    table = table_with(document, "Anggaran (Rp)")
    rows = rows_of(table)[1:]
    *programs, total = rows
    assert total[0] == "JUMLAH" and total[-1] == "2.000.000.000"
    assert len(programs) == 6
    amounts = [int(row[-1].replace(".", "")) for row in programs]
    assert format_angka(sum(amounts)) == total[-1]
    assert any(p.text == "Sumber: DPA Perubahan 2024" for p in document.paragraphs)
    for checked in (table, table_with(document, "Indikator Kinerja")):
        header, *_body = checked.rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in checked.rows)


def test_signature_blocks_side_by_side_on_both_pages(opd):
    document = render(opd)
    blocks = signatures(document)
    assert len(blocks) == 2  # under the statement and under the annex
    for table in blocks:
        kedua, pertama = (c.text for c in table.rows[0].cells)
        assert "PIHAK KEDUA," in kedua and "BUPATI BLORA" in kedua
        assert "[nama belum diisi]" in kedua  # the seed never names the Bupati
        assert "CAMAT JATI" in pertama
        assert "TULUS SETYONO, S.Pt" in pertama
        assert "Pembina (IV/a)" in pertama
        assert "NIP. 19670507 198903 1 012" in pertama
        assert pertama.splitlines()[0].startswith("Blora, ")


def test_a_draft_is_rendered_and_says_it_is_a_draft(opd):
    PerjanjianKinerja.objects.filter(opd=opd, tahun=2024).update(
        status=PerjanjianKinerja.Status.DRAFT, tanggal=None
    )
    pk = PerjanjianKinerja.objects.filter(opd=opd, tahun=2024).order_by("-revisi").first()
    document = render(opd, revisi=pk.revisi)
    assert "DRAF" in texts(document)
    assert "DRAF" in document.sections[0].header.paragraphs[0].text
    pertama = signatures(document)[0].rows[0].cells[1].text
    assert pertama.splitlines()[0] == "Blora, …………… 20.."  # a date to fill in by hand


def test_a_revision_says_so_and_user_text_stays_literal(opd):
    pk = PerjanjianKinerja.objects.get(opd=opd, tahun=2024, revisi=0)
    pk.pk = None
    pk.revisi = 1
    pk.pihak_pertama_nama = "{{ evil }} <b>A & B</b> {%p if x %}"
    pk.save()
    document = render(opd, revisi=1)
    assert "REVISI 1" in texts(document)
    assert "{{ evil }} <b>A & B</b> {%p if x %}" in all_text(document)


def test_the_command_explains_what_went_wrong(opd, tmp_path, monkeypatch):
    with pytest.raises(CommandError, match="Belum ada Perjanjian Kinerja"):
        call_command(
            "pk", "--opd", "kecamatan-jati", "--tahun", "2030", "--out", str(tmp_path / "x.docx")
        )
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command(
            "pk", "--opd", "tidak-ada", "--tahun", "2024", "--out", str(tmp_path / "x.docx")
        )
    with pytest.raises(CommandError, match=r"\.docx atau \.pdf"):
        call_command(
            "pk", "--opd", "kecamatan-jati", "--tahun", "2024", "--out", str(tmp_path / "x.odt")
        )
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice on it
    with pytest.raises(CommandError, match="LibreOffice tidak ditemukan"):
        call_command(
            "pk", "--opd", "kecamatan-jati", "--tahun", "2024", "--out", str(tmp_path / "x.pdf")
        )


def test_the_command_writes_a_docx(opd, tmp_path, capsys):
    out = tmp_path / "pk.docx"
    call_command("pk", "--opd", "kecamatan-jati", "--tahun", "2024", "--out", str(out))
    assert str(out) in capsys.readouterr().out
    assert "PERJANJIAN KINERJA TAHUN 2024" in texts(Document(str(out)))


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice tidak terpasang (scripts/bootstrap --test memasang libreoffice-writer-nogui)",
)
def test_the_command_writes_a_pdf(opd, tmp_path):
    out = tmp_path / "pk.pdf"
    call_command("pk", "--opd", "kecamatan-jati", "--tahun", "2024", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils tidak terpasang")
    pages = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert "PERJANJIAN KINERJA TAHUN 2024" in pages[0] and "PIHAK PERTAMA" in pages[0]
    assert "LAMPIRAN" in pages[1] and "LAMPIRAN" not in pages[0]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(out), str(ARTIFACTS / "pk-2024")], check=True
    )
    assert len(list(ARTIFACTS.glob("*.png"))) == len(pages)
