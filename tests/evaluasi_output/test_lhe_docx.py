"""The LHE Word document from hand-built data, read back with python-docx; its PDF (pages as
PNG in test-artifacts/lhe/ to look at); the template builder."""

import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from sakip.evaluasi.lhe import KriteriaLhe, ringkasan, susun_hasil
from sakip.evaluasi.lhe_docx import render_lhe
from sakip.evaluasi.lhe_template import LHE_TEMPLATE_PATH, build_lhe_template
from sakip.formulas.lke import lke_total
from tests.evaluasi_output.contoh import GRADES, contoh_lhe, kriteria

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "lhe"


def read(lhe) -> Document:
    return Document(io.BytesIO(render_lhe(lhe)))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def header_text(document) -> str:
    return "\n".join(p.text for s in document.sections for p in s.header.paragraphs)


def score_rows(document) -> dict[str, list[str]]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Kode")
    return {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}


def test_the_total_and_predikat_are_the_engines():
    lhe = contoh_lhe()
    engine = lke_total({kode: list(grades) for kode, grades in GRADES.items()})
    assert engine.total == Decimal("72.40") and engine.predikat == "BB"  # DOMAIN.md's example
    assert (lhe.total, lhe.predikat) == (engine.total, engine.predikat)
    document = read(lhe)
    text = all_text(document)
    assert "memperoleh nilai 72,40 dengan predikat \u201cBB\u201d (Sangat Baik)" in text
    rows = score_rows(document)
    assert rows["NILAI AKHIR"][3:] == ["72,40", "", "BB"]
    # per component and sub-component: weight, score, share of the weight, predikat
    assert rows["1"][1:] == ["Perencanaan Kinerja", "30", "23,10", "77,00 %", "BB"]
    assert rows["3"][2:] == ["15", "11,85", "79,00 %", "BB"]
    assert rows["3.b"][2:] == ["4,5", "3,60", "80,00 %", "BB"]
    assert rows["4.c"][2:] == ["12,5", "7,50", "60,00 %", "CC"]


def test_every_criterion_with_grade_and_note_is_in_the_annex():
    document = read(contoh_lhe())
    annex = next(t for t in document.tables if t.rows[0].cells[-1].text == "Catatan Evaluator")
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in annex.rows[1:]}
    assert rows["1.a.1"][2:] == ["AA", "Bukti dukung lengkap."]
    assert rows["2.c.2"][2:] == ["CC", "–"]
    assert sum(1 for key in rows if key.count(".") == 2) == 24
    assert "1.a Keberadaan – nilai 5,40" in all_text(document)


def test_a_draft_says_so_on_every_page_and_a_published_one_nowhere():
    draft = read(contoh_lhe(draf=True))
    assert "DRAF" in header_text(draft)  # the header is on every page
    assert "DRAF" in [p.text for p in draft.paragraphs]
    published = read(contoh_lhe(draf=False))
    assert "DRAF" not in header_text(published)
    assert "DRAF" not in all_text(published)


def test_strengths_and_weaknesses_come_from_the_figures():
    document = read(contoh_lhe())
    text = all_text(document)
    assert (
        "Komponen Pelaporan Kinerja memperoleh capaian tertinggi: nilai 11,85 dari bobot 15 "
        "(79,00 %, predikat BB)." in text
    )
    assert (
        "Komponen Evaluasi Akuntabilitas Kinerja Internal memperoleh capaian terendah: "
        "nilai 16,75 dari bobot 25 (67,00 %, predikat B)." in text
    )
    assert "3.a Keberadaan – Pelaporan Kinerja (100,00 %; AA)" in text
    assert "2.c Pemanfaatan – Pengukuran Kinerja (60,00 %; CC)" in text


def test_weak_criteria_are_named_and_counted():
    grades = dict(GRADES, **{"1.a": ("D", "E"), "2.a": ("C", "D", "E", "C", "E")})
    _result, komponen = susun_hasil(kriteria(grades))
    _kekuatan, kelemahan = ringkasan(komponen)
    assert kelemahan[-1].startswith("7 kriteria dinilai C, D atau E, antara lain: 1.a.1 ")
    assert "(D)" in kelemahan[-1] and "2.a.4" not in kelemahan[-1]  # five named


def test_an_ungraded_sub_component_leaves_the_total_open_not_zero():
    grades = dict(GRADES, **{"2.b": ("B", None)})
    lhe = contoh_lhe(grades=grades)
    assert lhe.total is None and lhe.predikat is None
    document = read(lhe)
    rows = score_rows(document)
    assert rows["2.b"][3] == "belum dinilai"
    assert rows["2"][3] == "belum dinilai"
    assert rows["NILAI AKHIR"][3] == "belum dinilai"
    text = all_text(document)
    assert "belum dapat ditetapkan karena belum semua kriteria dinilai" in text
    assert "Sub-komponen 2.b Kualitas (Pengukuran Kinerja) belum dinilai lengkap." in text


def test_user_text_stays_literal():
    hostile = "Dinas {{ 7*7 }} & <Rahasia> {% if x %}"
    note = "{{ pemda }} {_{ tidak }_} </w:t>"
    items = kriteria()
    items["1.a"] = [KriteriaLhe("1.a.1", "Kriteria {{ x }}", "AA", note)] + items["1.a"][1:]
    result, komponen = susun_hasil(items)
    document = read(contoh_lhe(opd=hostile, komponen=komponen, nomor="{{ nomor }}"))
    text = all_text(document)
    assert hostile.upper() in text and hostile in header_text(document)
    assert note in text and "Kriteria {{ x }}" in text
    assert "Nomor: {{ nomor }}" in text


def test_the_template_is_rebuilt_byte_for_byte(tmp_path):
    rebuilt = build_lhe_template(tmp_path / "lhe.docx")
    assert rebuilt.read_bytes() == LHE_TEMPLATE_PATH.read_bytes()


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice tidak terpasang (scripts/bootstrap --test memasang libreoffice-writer-nogui)",
)
def test_the_pdf_has_the_draft_mark_on_every_page(tmp_path):
    from sakip.pelaporan.pdf import docx_to_pdf

    source = tmp_path / "lhe.docx"
    source.write_bytes(render_lhe(contoh_lhe(draf=True)))
    pdf = docx_to_pdf(source)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils tidak terpasang")
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 3
    assert all("DRAF" in page for page in pages)
    assert any("72,40 dengan predikat" in " ".join(page.split()) for page in pages)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / "lhe")], check=True)
    assert len(list(ARTIFACTS.glob("*.png"))) == len(pages)


@pytest.mark.parametrize(
    ("earlier", "total", "sentence"),
    [
        ("65.30", Decimal("72.40"), "Nilai ini naik 7,10 dari hasil tahun 2023 (65,30, B)."),
        ("80.50", Decimal("72.40"), "Nilai ini turun 8,10 dari hasil tahun 2023 (80,50, A)."),
        ("72.40", Decimal("72.40"), "Nilai ini sama dengan hasil tahun 2023 (72,40, BB)."),
        ("65.30", None, "Hasil evaluasi tahun 2023: nilai 65,30, predikat B."),
    ],
)
def test_the_earlier_years_result_is_compared(earlier, total, sentence):
    from sakip.evaluasi.lhe import pembanding
    from sakip.formulas.lke import predikat_akip

    lalu = pembanding(2023, Decimal(earlier), predikat_akip(Decimal(earlier)), total)
    assert sentence in all_text(read(contoh_lhe(tahun_lalu=lalu)))
    assert "dari hasil tahun" not in all_text(read(contoh_lhe()))


def test_the_components_chart_is_drawn_unless_asked_not_to():
    with_chart = Document(io.BytesIO(render_lhe(contoh_lhe())))
    assert len(with_chart.inline_shapes) == 1
    assert "Gambar 1\nCapaian Nilai per Komponen (persen dari bobot)" in all_text(with_chart)
    without = Document(io.BytesIO(render_lhe(contoh_lhe(), charts=False)))
    assert len(without.inline_shapes) == 0


def test_recommendations_are_numbered_with_their_component():
    texts = [p.text for p in read(contoh_lhe()).paragraphs]
    start = texts.index("G. REKOMENDASI")
    assert texts[start + 2 : start + 4] == [
        "1.\tPerencanaan Kinerja: Menyusun cascading kinerja sampai tingkat individu",
        "2.\tMemantau capaian kinerja tiap triwulan dan menindaklanjutinya",
    ]
    empty = [p.text for p in read(contoh_lhe(rekomendasi=())).paragraphs]
    assert empty[empty.index("G. REKOMENDASI") + 1] == "Belum ada rekomendasi."
