"""The LHE download and the pemda recap through their views, on evaluations in the database."""

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from sakip.evaluasi import scoring
from sakip.formulas.numbers import format_angka
from tests.evaluasi_output.factories import PUBLISHED, evaluation, opd_named, recommend
from tests.personas import make_user

pytestmark = pytest.mark.django_db

GRADES = ("AA", "A", "BB", "B", "CC", "C")


def mixed(kriteria) -> str:
    """A grade that differs from criterion to criterion, so the total is not a round figure."""
    return GRADES[(kriteria.urutan + len(kriteria.sub_komponen.kode)) % len(GRADES)]


@pytest.fixture
def opd():
    return opd_named("kecamatan-contoh", "Kecamatan Contoh")


def user(opd, peran, name=""):
    own = opd if peran in ("operator", "pimpinan") else None
    return make_user(opd.pemda, peran, own, name=name or f"{peran}-{opd.slug}")


def lhe_url(opd, fmt="docx", tahun=2024):
    return reverse("evaluasi_lhe", args=[opd.slug, tahun, fmt])


def document_text(content: bytes) -> tuple[str, str]:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    header = "\n".join(p.text for s in document.sections for p in s.header.paragraphs)
    return "\n".join(parts), header


def test_the_lhe_states_the_worksheets_total_and_predikat(client, opd):
    evaluasi = evaluation(opd, mixed)
    recommend(evaluasi, "Menyusun pohon kinerja sampai eselon IV.")
    result = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.EVALUATOR)
    assert result.total is not None
    assert result.total == evaluasi.nilai_akhir  # the 2-decimal total, stored as it is
    assert result.total != result.total.to_integral_value()  # a figure worth checking
    client.force_login(user(opd, "operator"))
    response = client.get(lhe_url(opd))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="lhe-kecamatan-contoh-2024.docx"'
    )
    text, header = document_text(response.content)
    total = format_angka(result.total, 2)
    assert f"memperoleh nilai {total} dengan predikat \u201c{result.predikat}\u201d" in text
    for component in result.components:
        assert f"{format_angka(component.score, 2)}" in text
    assert "Menyusun pohon kinerja sampai eselon IV." in text
    assert "Kecamatan Contoh" in header and "DRAF" not in header + text


def test_a_draft_lhe_is_for_the_evaluator_only_and_says_draf(client, opd):
    evaluator = user(opd, "evaluator")
    evaluation(opd, mixed, status="dievaluasi", evaluator=evaluator)
    client.force_login(evaluator)
    response = client.get(lhe_url(opd))
    assert response.status_code == 200
    text, header = document_text(response.content)
    assert header.startswith("DRAF – belum dipublikasikan")  # the header is on every page
    for peran in ("operator", "pimpinan", "admin_pemda", "viewer"):
        client.force_login(user(opd, peran))
        assert client.get(lhe_url(opd)).status_code == 403, peran


def test_no_lhe_without_an_evaluation_and_none_of_another_pemda(client, opd):
    client.force_login(user(opd, "evaluator"))
    assert client.get(lhe_url(opd)).status_code == 404
    evaluation(opd)
    assert client.get(lhe_url(opd, "odt")).status_code == 404
    other = opd_named("dinas-lain", "Dinas Lain Kota", pemda_slug="kota-lain")
    client.force_login(user(other, "evaluator"))
    assert client.get(lhe_url(opd)).status_code == 404


def test_the_lhe_as_pdf(client, opd, monkeypatch):
    """LibreOffice's own run is tested with the renderer; here the view's PDF answer."""
    evaluation(opd)
    converted = []

    def fake(source, target, **kwargs):
        converted.append(source.read_bytes()[:2])
        target.write_bytes(b"%PDF-1.7")
        return target

    monkeypatch.setattr("sakip.pelaporan.pdf.docx_to_pdf", fake)
    client.force_login(user(opd, "viewer"))
    response = client.get(lhe_url(opd, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert converted == [b"PK"] and response.content == b"%PDF-1.7"


# --- the recap ---------------------------------------------------------------------------


@pytest.fixture
def pemda_year(opd):
    """Three published evaluations (two with equal totals), one in progress, one of another
    pemda and one of another year."""
    a = opd_named("dinas-a", "Dinas A")
    b = opd_named("badan-b", "Badan B")
    draft = opd_named("dinas-draf", "Dinas Draf")
    other = opd_named("dinas-lain", "Dinas Lain Kota", pemda_slug="kota-lain")
    evaluations = {
        "opd": evaluation(opd, "B"),  # 70
        "a": evaluation(a, "A"),  # 90
        "b": evaluation(b, "B"),  # 70
        "draft": evaluation(draft, "AA", status="dievaluasi"),
        "other": evaluation(other, "AA"),
        "earlier": evaluation(a, "CC", tahun=2023),
    }
    return evaluations


def test_the_recap_ranks_published_evaluations_and_averages_them(client, opd, pemda_year):
    client.force_login(user(opd, "admin_pemda"))
    response = client.get(reverse("evaluasi_rekap", args=[2024]))
    assert response.status_code == 200
    rekap = response.context["rekap"]
    assert [(b.opd, b.peringkat, b.total, b.predikat) for b in rekap.baris] == [
        ("Dinas A", 1, 90, "A"),
        ("Badan B", 2, 70, "B"),
        ("Kecamatan Contoh", 2, 70, "B"),
    ]
    assert [float(v) for v in rekap.baris[0].komponen] == [27, 27, 13.5, 22.5]
    # averages to 2 decimals, the average total their sum: 23 + 23 + 11,5 + 19,17 = 76,67
    assert rekap.rata_komponen == (Decimal(23), Decimal(23), Decimal("11.5"), Decimal("19.17"))
    assert rekap.rata_total == Decimal("76.67")
    assert rekap.predikat_rata == "BB"
    body = response.content.decode()
    assert "Dinas Draf" not in body and "Dinas Lain Kota" not in body
    assert "76,67" in body  # the average total, Indonesian format
    assert 'src="data:image/png;base64,' in body
    assert reverse("evaluasi_lhe", args=["dinas-a", 2024, "pdf"]) in body


def test_another_pemda_sees_only_its_own_recap(client, opd, pemda_year):
    other = pemda_year["other"].opd
    client.force_login(user(other, "admin_pemda", name="admin-kota-lain"))
    rekap = client.get(reverse("evaluasi_rekap", args=[2024])).context["rekap"]
    assert [b.opd for b in rekap.baris] == ["Dinas Lain Kota"]
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("evaluasi_rekap_xlsx", args=[2024])).content)
    ).active
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == ["Dinas Lain Kota", "Rata-rata"]


def test_the_recap_is_for_the_pemda_readers(client, opd, pemda_year):
    for peran, status in (
        ("operator", 403),
        ("pimpinan", 403),
        ("viewer", 200),
        ("evaluator", 200),
    ):
        client.force_login(user(opd, peran))
        assert client.get(reverse("evaluasi_rekap", args=[2024])).status_code == status, peran


def test_an_empty_year(client, opd):
    client.force_login(user(opd, "viewer"))
    response = client.get(reverse("evaluasi_rekap", args=[2030]))
    assert response.status_code == 200
    assert "Belum ada evaluasi yang dipublikasikan untuk tahun ini." in response.content.decode()


def test_the_recap_as_xlsx(client, opd, pemda_year):
    opd_named("dinas-rumus", "=HYPERLINK(1)")
    evaluation(opd_named("dinas-rumus", "=HYPERLINK(1)"), "D")
    client.force_login(user(opd, "evaluator"))
    response = client.get(reverse("evaluasi_rekap_xlsx", args=[2024]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Peringkat",
        "Perangkat daerah",
        "1. Perencanaan Kinerja (30)",
        "2. Pengukuran Kinerja (30)",
        "3. Pelaporan Kinerja (15)",
        "4. Evaluasi Akuntabilitas Kinerja Internal (25)",
        "Nilai akhir",
        "Predikat",
    ]
    assert rows[1] == [1, "Dinas A", 27, 27, 13.5, 22.5, 90, "A"]
    assert rows[2][:2] == [2, "Badan B"] and rows[3][:2] == [2, "Kecamatan Contoh"]
    assert rows[4] == [4, "'=HYPERLINK(1)", 9, 9, 4.5, 7.5, 30, "D"]  # escaped, not a formula
    assert rows[5][1] == "Rata-rata" and rows[5][6] == 65 and rows[5][7] == "B"


def recap_queries(client, viewer, count: int) -> int:
    for i in range(count):
        evaluation(opd_named(f"opd-{count}-{i}", f"OPD {count} {i}"), "BB", tahun=2000 + count)
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("evaluasi_rekap", args=[2000 + count]))
    assert response.status_code == 200
    assert len(response.context["rekap"].baris) == count
    return len(captured)


def test_the_recap_queries_do_not_grow_with_the_opds(client, opd):
    viewer = user(opd, "viewer")
    one, five = recap_queries(client, viewer, 1), recap_queries(client, viewer, 5)
    assert one == five, f"{one} queries for 1 OPD, {five} for 5"
    assert one <= 15


def test_lhe_queries_do_not_grow_with_recommendations(client, opd):
    evaluasi = evaluation(opd, mixed, status=PUBLISHED)
    client.force_login(user(opd, "operator"))
    with CaptureQueriesContext(connection) as few:
        client.get(lhe_url(opd))
    recommend(evaluasi, *[f"Rekomendasi {i}" for i in range(10)])
    with CaptureQueriesContext(connection) as many:
        client.get(lhe_url(opd))
    assert len(few) == len(many) <= 20


def test_the_lhe_compares_with_the_latest_published_earlier_year(client, opd):
    evaluation(opd, "B", tahun=2022)  # 70
    evaluation(opd, "CC", tahun=2023)  # 60
    evaluation(opd, "AA", tahun=2021, status="dievaluasi")  # never published: not compared
    evaluation(opd, "BB")  # 80
    client.force_login(user(opd, "pimpinan"))
    text, _header = document_text(client.get(lhe_url(opd)).content)
    assert "Nilai ini naik 20,00 dari hasil tahun 2023 (60,00, CC)." in text


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice tidak terpasang (scripts/bootstrap --test memasang libreoffice-writer-nogui)",
)
def test_a_draft_pdf_through_libreoffice_says_draf_on_every_page(client, opd, tmp_path):
    evaluator = user(opd, "evaluator")
    evaluation(opd, mixed, status="direviu", evaluator=evaluator)
    client.force_login(evaluator)
    response = client.get(lhe_url(opd, "pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils tidak terpasang")
    pdf = tmp_path / "lhe.pdf"
    pdf.write_bytes(response.content)
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 5 and all("DRAF" in page for page in pages)
