"""The recap in a real browser: an Inspektorat evaluator opens it, reads the ranking, the
averages and the chart, and downloads the LHE of the first OPD and the recap spreadsheet.
Screenshots go to test-artifacts/browser/ like the other browser tests'."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

# the browser tests' fixtures (tests/browser/conftest.py), used here by name
from tests.browser.conftest import browser, login, page, shot  # noqa: F401
from tests.evaluasi_output.factories import evaluation, opd_named
from tests.personas import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def evaluator(live_server):
    opd = opd_named("kecamatan-contoh", "Kecamatan Contoh")
    evaluation(opd, "BB")  # 80
    evaluation(opd_named("dinas-pendidikan", "Dinas Pendidikan"), "A")  # 90
    evaluation(opd_named("dinas-sosial", "Dinas Sosial"), "CC")  # 60
    evaluation(opd_named("dinas-draf", "Dinas Draf"), "AA", status="dievaluasi")
    return make_user(opd.pemda, "evaluator", name="evaluator-itkab")


def test_an_evaluator_reads_the_recap_and_downloads_the_lhe(page, evaluator, login, shot):  # noqa: F811
    login(page, evaluator)
    page.goto("/pemda/2024/evaluasi/rekap/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rekap Evaluasi AKIP")
    rows = page.locator("table.rekap tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Dinas Pendidikan")
    expect(rows.nth(0)).to_contain_text("90,00")
    expect(rows.nth(2)).to_contain_text("Dinas Sosial")
    expect(page.locator("table.rekap tfoot")).to_contain_text("76,67")  # (90 + 80 + 60) / 3
    expect(page.locator("table.rekap")).not_to_contain_text("Dinas Draf")
    chart = page.locator("img.rekap-chart")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.naturalWidth") == 945
    shot(page, "evaluasi-rekap.png")

    with page.expect_download() as download:
        rows.nth(0).get_by_role("link", name="Word").click()
    lhe = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    text = "\n".join(p.text for p in lhe.paragraphs)
    assert "DINAS PENDIDIKAN" in text and "memperoleh nilai 90,00" in text

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh XLSX").click()
    assert download.value.suggested_filename == "rekap-evaluasi-kabupaten-contoh-2024.xlsx"
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert [c.value for c in sheet[2]][:2] == [1, "Dinas Pendidikan"]
