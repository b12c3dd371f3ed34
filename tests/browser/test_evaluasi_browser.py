"""One Evaluasi AKIP in a real browser, on the real Kecamatan Jati demo data: the operator
assesses itself and submits, the evaluator grades and submits to the ketua tim, the ketua tim
publishes, and the OPD's dashboard shows the Nilai SAKIP realisation and capaian it produced.

The demo file's own 2024 Nilai SAKIP row is removed first: the evaluation writes it. With 80
criteria, the browser does a few of each kind of entry (HTMX saves, keyboard choice of a grade)
and the rest is written through the same actions beforehand, so the journey stays short.
Also the pemda recap as an evaluator reads it, with the LHE and spreadsheet downloads."""

import io
import re
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from sakip.evaluasi import actions
from sakip.evaluasi.models import Evaluasi, JawabanKriteria
from sakip.pengukuran.models import RealisasiKinerja
from tests.evaluasi.helpers import opened
from tests.evaluasi_output.factories import evaluation, opd_named
from tests.personas import make_user

pytestmark = pytest.mark.django_db(transaction=True)

TAHUN = 2024
LEMBAR = f"/opd/kecamatan-jati/{TAHUN}/evaluasi/"


@pytest.fixture
def evaluasi(jati, operator):
    RealisasiKinerja.objects.filter(
        pemda=jati.pemda, indikator__opd=jati, indikator__kode="SAKIP", tahun=TAHUN
    ).delete()
    users = {
        "operator": operator,
        "admin": make_user(jati.pemda, "admin_pemda", name="admin-blora"),
        "evaluator": make_user(jati.pemda, "evaluator", name="evaluator-blora"),
        "ketua": make_user(jati.pemda, "evaluator", name="ketua-tim-blora"),
    }
    return opened(jati, users, TAHUN), users


def rest(evaluasi, user, field, skip):
    """Every criterion but those in `skip`, through the actions."""
    save = actions.simpan_mandiri if field == "mandiri" else actions.simpan_penilaian
    for jawaban in JawabanKriteria.objects.filter(evaluasi=evaluasi).select_related(
        "evaluasi", "kriteria"
    ):
        if jawaban.kriteria.kode not in skip:
            save(user, jawaban, "BB", "", jawaban.versi)


def row_of(page, kode):
    return page.locator("tr.kriteria", has_text=kode + " ").first


def grade_in_browser(page, kode, grade, text):
    row = row_of(page, kode)
    row.get_by_role("combobox").first.focus()
    row.get_by_role("combobox").first.select_option(grade)
    row.get_by_role("textbox").first.fill(text)
    row.get_by_role("button", name="Simpan").click()
    expect(row_of(page, kode).get_by_role("status")).to_have_text("Tersimpan")


def test_an_evaluation_from_self_assessment_to_the_published_nilai_sakip(
    page, evaluasi, login, logout, shot
):
    evaluasi, users = evaluasi
    in_browser = ("1.a.1", "1.a.2")
    rest(evaluasi, users["operator"], "mandiri", in_browser)

    # 1. the operator: self-assessment of two criteria, then submits
    login(page, users["operator"])
    page.get_by_role("navigation", name="Menu OPD").get_by_role(
        "link", name="Evaluasi AKIP"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Evaluasi AKIP Kecamatan Jati tahun {TAHUN}"
    )
    expect(page.locator("#total-mandiri")).to_contain_text("78/80 terisi")
    grade_in_browser(page, "1.a.1", "A", "Pedoman penyusunan Renstra dan PK dari Bupati.")
    grade_in_browser(page, "1.a.2", "BB", "RPJPD Kabupaten Blora 2005–2025.")
    expect(page.locator("#total-mandiri")).to_have_text("80,10 (A)")  # recomputed after the save
    shot(page, "evaluasi-01-mandiri.png")
    page.get_by_role("button", name="Ajukan penilaian mandiri ke evaluator").click()
    expect(page.locator("#status-evaluasi")).to_have_text("Diajukan ke evaluator")
    expect(page.get_by_text("Nilai evaluator")).to_have_count(0)
    logout(page)

    # 2. the evaluator: grades, a recommendation, submits to the ketua tim
    rest(evaluasi, users["evaluator"], "evaluator", in_browser)
    login(page, users["evaluator"])
    page.goto(LEMBAR)
    grade_in_browser(page, "1.a.1", "BB", "Pedoman ada, sesuai.")
    grade_in_browser(page, "1.a.2", "BB", "Sesuai.")
    expect(page.locator("#total-evaluator")).to_have_text("80,00 (BB)")
    page.get_by_role("link", name="Rekomendasi & tindak lanjut").click()
    page.get_by_label("Rekomendasi", exact=True).fill(
        "Agar menyusun pohon kinerja sampai eselon IV."
    )
    page.get_by_role("button", name="Tambah").click()
    expect(page.locator("ol.rekomendasi")).to_contain_text("pohon kinerja")
    page.goto(LEMBAR)
    page.get_by_role("button", name="Ajukan ke ketua tim").click()
    expect(page.locator("#status-evaluasi")).to_have_text("Direviu ketua tim")
    logout(page)

    # 3. the ketua tim approves and publishes
    login(page, users["ketua"])
    page.goto(LEMBAR + "reviu/")
    shot(page, "evaluasi-02-reviu.png")
    page.get_by_role("button", name="Setujui dan publikasikan").click()
    expect(page.locator(".messages")).to_contain_text("Hasil evaluasi dipublikasikan")
    expect(page.locator(".messages")).to_contain_text(
        f"Realisasi Nilai SAKIP triwulan 4 tahun {TAHUN} kini 80,00."
    )
    expect(page.locator("#hasil-akhir")).to_contain_text("Nilai SAKIP 80,00, predikat BB")
    logout(page)
    assert Evaluasi.objects.get(pk=evaluasi.pk).status == Evaluasi.Status.DIPUBLIKASIKAN

    # 4. the OPD reads its result and its dashboard shows the new realisation and capaian
    login(page, users["operator"])
    page.goto(LEMBAR)
    expect(page.locator("#total-evaluator")).to_have_text("80,00 (BB)")
    menu = page.get_by_role("navigation", name="Menu OPD")
    menu.get_by_role("link", name="Kinerja", exact=True).click()
    row = page.get_by_role("row").filter(has_text=re.compile(r"^\s*Nilai SAKIP"))
    expect(row).to_contain_text("80,00")  # realisasi
    expect(row).to_contain_text("114,29 %")  # capaian: 80 / 70 (PK 2024)
    shot(page, "evaluasi-03-dashboard.png")
    stored = RealisasiKinerja.objects.get(indikator__kode="SAKIP", tahun=TAHUN, triwulan=4)
    assert stored.nilai == Decimal("80.00") and stored.sumber.startswith("Evaluasi AKIP 2024")


@pytest.fixture
def rekap_evaluator(live_server):
    opd = opd_named("kecamatan-contoh", "Kecamatan Contoh")
    evaluation(opd, "BB")  # 80
    evaluation(opd_named("dinas-pendidikan", "Dinas Pendidikan"), "A")  # 90
    evaluation(opd_named("dinas-sosial", "Dinas Sosial"), "CC")  # 60
    evaluation(opd_named("dinas-draf", "Dinas Draf"), "AA", status="dievaluasi")
    return make_user(opd.pemda, "evaluator", name="evaluator-itkab")


def test_an_evaluator_reads_the_recap_and_downloads_the_lhe(page, rekap_evaluator, login, shot):
    """The recap: ranking, averages and chart; the LHE of the first OPD and the spreadsheet.
    Here, not in tests/evaluasi_output: importing this package's `browser` fixture there made a
    second Playwright instance whose event loop broke the browser tests run after it."""
    login(page, rekap_evaluator)
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
