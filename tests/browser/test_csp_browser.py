"""The Content-Security-Policy in a real browser: the main pages, as an operator of Kecamatan
Jati and as a citizen on the public SKM form, load without one violation of the policy (no
refused inline style, script or handler: Chromium reports each as a `securitypolicyviolation`
event and on the console), and what used to be inline still works: the print buttons (handler
from survei/cetak.js), the predicate badge colours (classes from the nonce'd `<style>`), the
htmx row save on the quarter page and the Django admin."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from sakip.organisasi.models import RentangPredikat
from sakip.pengukuran.models import RealisasiKinerja
from sakip.perencanaan.models import Indikator
from sakip.survei import actions
from tests.browser.conftest import PASSWORD
from tests.personas import make_user
from tests.survei_hasil.helpers import add_responses

pytestmark = pytest.mark.django_db(transaction=True)

TAHUN = 2024
OPD = "/opd/kecamatan-jati"
IKM_ROW = "#k-r-IKM"

# before any script of the page: every violation of the policy, and window.print counted
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(
  `${e.effectiveDirective} ${e.blockedURI || "inline"} ${e.sourceFile}:${e.lineNumber}`));
window.__dicetak = 0;
window.print = () => { window.__dicetak += 1; };
"""


class Violations:
    """Violations seen by the page (events) and on the console, since the last check."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.context.add_init_script(WATCH)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url):
        response = self.page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        self.page.wait_for_load_state("load")
        self.assert_none(url)

    def assert_none(self, where):
        events = self.page.evaluate("window.__csp")
        seen, self.console = self.console, []
        assert (events, seen) == ([], []), where


@pytest.fixture
def skm(jati, operator):
    """A service, a survey period open today with a few answers, and unused one-time codes."""
    layanan = actions.tambah_layanan(operator, jati, "KTP dan KK")
    tahun = timezone.localdate().year
    mulai, selesai = actions.rentang_bawaan(tahun, "tahun")
    periode = actions.simpan_periode(
        operator,
        jati,
        {"jenis": "tahun", "mulai": mulai, "selesai": selesai, "dibuka": True, "tahun": tahun},
    )
    add_responses(periode, layanan, [[3] * 9, [4] * 9, [2, 3, 4, 3, 2, 3, 4, 3, 2]])
    actions.buat_kode(operator, periode, 3, layanan)
    return {"layanan": layanan, "periode": periode, "tahun": tahun}


@pytest.fixture
def ikm_open(jati):
    """Triwulan IV 2024 before the IKM is typed (as the quarterly journeys replay it)."""
    Indikator.objects.filter(pemda=jati.pemda, opd=jati, kode="IKM").update(
        sumber_realisasi=Indikator.SumberRealisasi.MANUAL
    )
    RealisasiKinerja.objects.filter(
        pemda=jati.pemda, indikator__opd=jati, indikator__kode="IKM", tahun=TAHUN, triwulan=4
    ).delete()
    return jati


def rgb(colour: str) -> str:
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


def assert_badge_coloured(badge, pemda):
    """The badge shows its band's colour from the pemda's scale, not the grey fallback."""
    label = badge.inner_text().strip()
    warna = RentangPredikat.objects.get(pemda=pemda, skala__aktif=True, label=label).warna
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", warna), warna
    background = badge.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == rgb(warna), f"{label}: {background}, not {warna}"


def test_the_operators_pages_load_without_a_policy_violation(
    page, jati, operator, skm, ikm_open, login, shot
):
    watch = Violations(page)
    login(page, operator)
    watch.assert_none("login")
    periode, layanan, tahun = skm["periode"].pk, skm["layanan"].pk, skm["tahun"]
    for url in (
        f"{OPD}/{TAHUN}/",
        f"{OPD}/{TAHUN}/triwulan/4/",
        f"{OPD}/renstra/",
        f"{OPD}/{TAHUN}/pk/",
        f"{OPD}/{TAHUN}/anggaran/",
        f"{OPD}/{TAHUN}/laporan/",
        f"{OPD}/{tahun}/skm/",
        f"{OPD}/skm/periode/{periode}/",
        f"{OPD}/skm/periode/{periode}/kode/",
        f"{OPD}/skm/periode/{periode}/kertas/",
        f"{OPD}/skm/periode/{periode}/impor/",
        f"{OPD}/skm/periode/{periode}/hasil/",
        f"{OPD}/skm/hasil/",
        f"{OPD}/skm/unsur/",
        f"{OPD}/skm/layanan/{layanan}/poster/",
        f"{OPD}/skm/poster/",
        f"{OPD}/skm/periode/{periode}/kode/cetak/",
    ):
        watch.visit(url)

    page.goto(f"{OPD}/skm/periode/{periode}/hasil/")
    chart = page.locator("svg.chart.wide")  # NRR per unsur: its width attribute caps it at 720
    box = chart.bounding_box()
    assert 0 < box["width"] <= 720 and box["height"] > 0, box
    shot(page, "csp-01-hasil-skm.png")


def test_the_pemda_pages_load_without_a_policy_violation(page, jati, skm, login):
    watch = Violations(page)
    login(page, make_user(jati.pemda, "admin_pemda", name="admin-blora"))
    for url in (
        f"/pemda/{TAHUN}/",
        f"/pemda/{skm['tahun']}/skm/",
        f"/pemda/{TAHUN}/evaluasi/",
        f"/pemda/{TAHUN}/evaluasi/rekap/",
        f"/pemda/{TAHUN}/dokumen/",
        "/pemda/templat/",
        "/pemda/akun/",
    ):
        watch.visit(url)


def test_the_evaluasi_worksheet_loads_without_a_policy_violation(page, jati, operator, login):
    from tests.evaluasi.helpers import opened

    users = {
        "admin": make_user(jati.pemda, "admin_pemda", name="admin-blora"),
        "evaluator": make_user(jati.pemda, "evaluator", name="evaluator-blora"),
        "ketua": make_user(jati.pemda, "evaluator", name="ketua-tim-blora"),
    }
    opened(jati, users, TAHUN)
    watch = Violations(page)
    login(page, operator)
    watch.visit(f"{OPD}/{TAHUN}/evaluasi/")
    expect(page.locator("tr.kriteria").first).to_be_visible()


def test_the_evaluasi_recap_shows_its_inline_png_chart_under_the_policy(page, live_server, login):
    """img-src allows data: for this chart: it comes inline as a PNG."""
    from tests.evaluasi_output.factories import evaluation, opd_named

    opd = opd_named("kecamatan-contoh", "Kecamatan Contoh")
    evaluation(opd, "BB")
    watch = Violations(page)
    login(page, make_user(opd.pemda, "evaluator", name="evaluator-itkab"))
    watch.visit(f"/pemda/{TAHUN}/evaluasi/rekap/")
    chart = page.locator("img.rekap-chart")
    expect(chart).to_be_visible()
    assert chart.get_attribute("src").startswith("data:image/png;base64,")
    assert chart.evaluate("img => img.naturalWidth") > 0


def test_the_print_buttons_print_through_the_static_script(page, jati, operator, skm, login):
    watch = Violations(page)
    login(page, operator)
    periode = skm["periode"].pk
    for url, name in (
        (f"{OPD}/skm/layanan/{skm['layanan'].pk}/poster/", "Cetak poster"),
        (f"{OPD}/skm/poster/", "Cetak poster"),
        (f"{OPD}/skm/periode/{periode}/kode/cetak/", "Cetak"),
    ):
        watch.visit(url)
        button = page.get_by_role("button", name=name, exact=True)
        assert button.get_attribute("onclick") is None
        button.click()
        assert page.evaluate("window.__dicetak") == 1, url
        watch.assert_none(url)


def test_the_badges_keep_their_colours_also_in_a_row_htmx_swaps_in(
    page, ikm_open, operator, login, shot
):
    watch = Violations(page)
    login(page, operator)
    watch.visit(f"{OPD}/{TAHUN}/")
    sakip = page.locator("tr", has_text="Nilai SAKIP").locator(".badge")
    expect(sakip).to_have_text("Sangat Baik")
    assert_badge_coloured(sakip, ikm_open.pemda)
    badges = page.locator("table .badge")
    assert badges.count() >= 3
    for i in range(badges.count()):
        assert_badge_coloured(badges.nth(i), ikm_open.pemda)
    watch.visit(f"{OPD}/renstra/")
    iku = page.locator(".badge", has_text="IKU").first
    assert iku.evaluate("el => getComputedStyle(el).backgroundColor") == rgb("#0b5cad")

    watch.visit(f"{OPD}/{TAHUN}/triwulan/4/")
    row = page.locator(IKM_ROW)
    expect(row.locator(".badge")).to_have_count(0)  # no IKM figure yet in 2024
    row.get_by_label("Realisasi", exact=True).fill("86,66")
    row.get_by_role("button", name="Simpan").click()
    expect(row.get_by_role("status")).to_have_text("Tersimpan")
    expect(row.locator(".badge")).to_have_text("Sangat Baik")
    assert_badge_coloured(row.locator(".badge"), ikm_open.pemda)
    watch.assert_none("after the htmx swap")
    shot(page, "csp-02-triwulan-badge.png", top=900)
    assert RealisasiKinerja.objects.get(
        pemda=ikm_open.pemda, indikator__kode="IKM", tahun=TAHUN, triwulan=4
    ).nilai == Decimal("86.66")


def test_the_public_skm_pages_load_without_a_policy_violation(phone, jati, skm, shot):
    watch = Violations(phone)
    watch.visit(f"/skm/{skm['layanan'].token}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Survei Kepuasan Masyarakat")
    header = phone.locator("header")  # publik.css: the blue band
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == rgb("#0b5cad")
    phone.get_by_role("button", name="Kirim jawaban").click()  # empty: the errors, styled
    expect(phone.get_by_role("alert").first).to_contain_text("Jawaban belum tersimpan.")
    watch.assert_none("the refused form")
    shot(phone, "csp-03-formulir-publik.png", full_page=False)
    watch.visit(f"/skm/layanan/{jati.pemda.slug}/{jati.slug}/")
    watch.visit(f"/skm/hasil/{jati.pemda.slug}/{jati.slug}/")


def test_the_not_found_page_loads_without_a_policy_violation(page, jati, operator, login):
    watch = Violations(page)
    login(page, operator)
    response = page.goto("/tidak-ada-halaman-ini/")
    assert response.status == 404
    assert "default-src 'self'" in response.headers["content-security-policy"]
    watch.assert_none("404")


def test_the_django_admin_works_under_the_policy(page, jati):
    """No relaxation for /admin/: Django 5.2's admin has no inline script or style."""
    get_user_model().objects.create_superuser("admin-csp", password=PASSWORD)
    watch = Violations(page)
    watch.visit("/admin/login/")
    page.locator("#id_username").fill("admin-csp")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/admin/")
    watch.assert_none("admin login")
    for url in (
        "/admin/",
        "/admin/organisasi/skalapredikat/",
        "/admin/organisasi/perangkatdaerah/",
        "/admin/auth/user/add/",
    ):
        watch.visit(url)
    skala = page.goto("/admin/organisasi/skalapredikat/")
    assert skala.status == 200
    page.locator("#result_list tbody th a").first.click()  # the change form with its inline bands
    page.wait_for_load_state("load")
    expect(page.locator("input[name='nama']")).to_be_visible()
    rows = page.locator("tr.form-row.dynamic-rentang")
    before = rows.count()
    page.locator(".add-row a").click()  # admin/js/inlines.js adds an empty band
    expect(rows).to_have_count(before + 1)
    watch.assert_none("admin change form")
