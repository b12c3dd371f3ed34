"""Issue 5's done-when in a real browser: a citizen answers the public SKM form (no login,
headless Chromium), the response shows up in the OPD's SKM results, and the IKM indicator,
linked to the SKM, has a new realisation and capaian on the OPD dashboard.

The world: the test dataset's Kecamatan Contoh with an open annual survey period for this
year, one service, three earlier paper responses (all answers 3: IKM 75,00) and the IKM
indicator linked to the SKM with a target of 85 for this year (capaian 88,24 %). The citizen
answers 4 to every question: IKM (3 × 27 + 36) / 36 × 25 = 81,25, capaian 95,59 %."""

import copy
import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import Indikator
from sakip.survei.models import Respons
from sakip.survei.tautan import perbarui_realisasi
from tests.factories import dataset
from tests.personas import make_user
from tests.survei_hasil.helpers import add_responses, layanan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(live_server):
    tahun = timezone.localdate().year
    data = copy.deepcopy(dataset())
    data["renstra"][0]["tujuan"][0]["indikator"][0]["target"][tahun] = "85"
    load_data(data)
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")
    Indikator.objects.filter(opd=opd, kode="IKM").update(sumber_realisasi="skm")
    from sakip.survei.models import PeriodeSurvei

    periode = PeriodeSurvei.objects.create(
        pemda=opd.pemda,
        opd=opd,
        tahun=tahun,
        jenis="tahun",
        mulai=datetime.date(tahun, 1, 1),
        selesai=datetime.date(tahun, 12, 31),
        populasi=500,
    )
    service = layanan(opd, "ktp", "Pengantar KTP-el")
    add_responses(periode, service, [[3] * 9] * 3)
    perbarui_realisasi(periode)
    return {"opd": opd, "periode": periode, "layanan": service, "tahun": tahun}


def ikm_row(page):
    return page.locator("tr", has_text="Indeks Kepuasan Masyarakat")


def test_a_public_answer_reaches_the_results_and_the_dashboard(page, world, login, shot):
    opd, periode, tahun = world["opd"], world["periode"], world["tahun"]
    pimpinan = make_user(opd.pemda, "pimpinan", opd, name="camat-contoh")

    login(page, pimpinan)
    page.goto(f"/opd/{opd.slug}/{tahun}/")
    expect(ikm_row(page).locator("td").nth(3)).to_have_text("75,00")
    expect(ikm_row(page).locator("td").nth(4)).to_have_text("88,24 %")
    page.context.clear_cookies()

    # the citizen, without an account, on the link of the service's QR poster
    page.goto(f"/skm/{world['layanan'].token}/")
    expect(page.get_by_text("Pengantar KTP-el").first).to_be_visible()
    page.get_by_label("Perempuan").check()
    page.locator("#usia").fill("34")
    page.locator("#pendidikan").select_option(label="SMA/SMK")
    page.locator("#pekerjaan").select_option(label="Petani/nelayan")
    for i in range(1, 10):
        page.locator(f'input[name="u{i}"][value="4"]').check()
    page.locator("#saran").fill("Petugas ramah, ruang tunggu nyaman.")
    shot(page, "skm-01-formulir-publik.png")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_url("**/terima-kasih/")
    shot(page, "skm-02-terima-kasih.png", full_page=False)
    assert Respons.objects.filter(periode=periode, saluran="daring").count() == 1

    login(page, pimpinan)
    page.goto(f"/opd/{opd.slug}/skm/periode/{periode.pk}/hasil/")
    expect(page.locator("#skm-responden")).to_have_text("4")
    expect(page.locator("#skm-nik")).to_have_text("81,25")
    expect(page.get_by_text("Petugas ramah, ruang tunggu nyaman.")).to_be_visible()
    expect(page.get_by_text("sesuai IKM terbaru")).to_be_visible()
    shot(page, "skm-03-hasil.png")

    page.goto(f"/opd/{opd.slug}/{tahun}/")
    expect(ikm_row(page).locator("td").nth(3)).to_have_text("81,25")
    expect(ikm_row(page).locator("td").nth(4)).to_have_text("95,59 %")
    shot(page, "skm-04-dasbor.png")
