"""The quarterly journeys in a real browser, on the real Kecamatan Jati demo data.

The story: the demo file holds Kecamatan Jati's whole 2024 (LKjIP 2024). Each entry test
replays early January 2025, when the Triwulan IV figures are typed in: the fixture `tw4_open`
removes from the loaded demo the two Triwulan IV rows that the operator then types back —
the IKM (annual SKM result, 86,66, a posisi-akhir indicator whose annual value sits in TW IV)
and the last spending of sub-kegiatan 7.01.05.2.01.0003 "Pelaksanaan Tugas Forum Koordinasi
Pimpinan di Kecamatan" (Rp 1.250.000; pagu Rp 5.000.000, Rp 3.750.000 spent in TW I–III).
Typing back the demo's own figures lets the last test check that the dashboard then shows
exactly what `sakip pengukuran --opd kecamatan-jati --tahun 2024` prints for the full demo.
"""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from playwright.sync_api import expect

from sakip.organisasi.models import Peristiwa
from sakip.pengukuran import actions
from sakip.pengukuran.models import PeriodeLaporan, RealisasiAnggaran, RealisasiKinerja
from sakip.perencanaan.models import Indikator, SubKegiatan

pytestmark = pytest.mark.django_db(transaction=True)

TAHUN = 2024
SUB = "7.01.05.2.01.0003"
SUB_NAMA = "Pelaksanaan Tugas Forum Koordinasi Pimpinan di Kecamatan"
IKM_NAMA = "Indeks Kepuasan Masyarakat terhadap Pelayanan Kecamatan"
IKM_ROW = "#k-r-IKM"
SUB_ROW = "#a-r-" + SUB.replace(".", "_")
TW4 = f"/opd/kecamatan-jati/{TAHUN}/triwulan/4/"
CATATAN = "Keterangan IKM masih kosong: tuliskan sumber angkanya (hasil SKM 2024)."


@pytest.fixture
def tw4_open(jati):
    """Triwulan IV 2024 before the operator has typed the IKM and the last spending of SUB."""
    ikm = RealisasiKinerja.objects.filter(
        pemda=jati.pemda, indikator__opd=jati, indikator__kode="IKM", tahun=TAHUN, triwulan=4
    )
    sub = RealisasiAnggaran.objects.filter(
        pemda=jati.pemda, sub_kegiatan__kode=SUB, tahun=TAHUN, triwulan=4
    )
    assert ikm.get().nilai == Decimal("86.66") and sub.get().jumlah == 1250000  # the demo's
    # the demo's IKM comes from its SKM; these journeys replay an operator typing it by hand
    Indikator.objects.filter(pemda=jati.pemda, opd=jati, kode="IKM").update(
        sumber_realisasi=Indikator.SumberRealisasi.MANUAL
    )
    ikm.delete()
    sub.delete()
    return jati


def ikm_tw4(opd):
    return RealisasiKinerja.objects.filter(
        pemda=opd.pemda, indikator__opd=opd, indikator__kode="IKM", tahun=TAHUN, triwulan=4
    )


def sub_realisasi(opd, **filters):
    return RealisasiAnggaran.objects.filter(
        pemda=opd.pemda, sub_kegiatan__kode=SUB, tahun=TAHUN, **filters
    )


def status_of(opd, triwulan=4):
    return PeriodeLaporan.objects.get(pemda=opd.pemda, opd=opd, tahun=TAHUN, triwulan=triwulan)


# --- what a person does ------------------------------------------------------------------------


def go_to_year(page, tahun):
    """After logging in, the dashboard opens on the latest year with a PK or DPA: the demo's
    2024. Any other year is reached by the year links."""
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"Kinerja Kecamatan Jati tahun {TAHUN}")
    step, arrow = (-1, "← {}") if tahun < TAHUN else (1, "{} →")
    for shown in range(TAHUN, tahun, step):
        page.get_by_role("link", name=arrow.format(shown + step)).click()
        expect(heading).to_have_text(f"Kinerja Kecamatan Jati tahun {shown + step}")


def open_quarter(page, triwulan, expected_status):
    card = page.locator("a.quarter", has_text=f"Triwulan {triwulan}")
    expect(card).to_contain_text(expected_status)
    card.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Realisasi triwulan {triwulan} tahun {TAHUN} · Kecamatan Jati"
    )
    page.wait_for_load_state("load")  # htmx is set up on DOMContentLoaded
    expect(page.locator("#status-periode")).to_have_text(expected_status)
    assert_legible(page.locator("#status-periode"))


def back_to_dashboard(page):
    page.get_by_role("navigation", name="Menu OPD").get_by_role(
        "link", name="Kinerja", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Kinerja Kecamatan Jati tahun {TAHUN}"
    )


CONTRAST = """el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let back = el, bg = [255, 255, 255];
  while (back) {
    const c = rgb(getComputedStyle(back).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c.slice(0, 3); break; }
    back = back.parentElement;
  }
  const [a, b] = [lum(rgb(getComputedStyle(el).color).slice(0, 3)), lum(bg)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def assert_legible(locator, minimum=3.0):
    """The text can be read: its colour against the first opaque background behind it."""
    ratio = locator.evaluate(CONTRAST)
    assert ratio >= minimum, f"{locator.inner_text()!r}: contrast {ratio:.2f}:1"


def type_and_save(row, label, text):
    row.get_by_label(label, exact=True).fill(text)
    row.get_by_role("button", name="Simpan").click()


def enter_tw4_figures(page):
    """Types the IKM and the Rp figure in Triwulan IV; each row answers in place (HTMX)."""
    page.evaluate("window.__samePage = true")  # gone if the browser loads a new page
    ikm = page.locator(IKM_ROW)
    expect(ikm).to_contain_text(IKM_NAMA)
    type_and_save(ikm, "Realisasi", "86,66")
    expect(ikm.get_by_role("status")).to_have_text("Tersimpan")
    expect(ikm.locator("td.current")).to_have_text("86,66")  # the TW IV column
    expect(ikm.get_by_label("Realisasi", exact=True)).to_have_value("86,66")

    sub = page.locator(SUB_ROW)
    expect(sub).to_contain_text(SUB_NAMA)
    expect(sub.locator("td.num").first).to_have_text("5.000.000")  # pagu
    type_and_save(sub, "Realisasi (Rp)", "1.250.000")
    expect(sub.get_by_role("status")).to_have_text("Tersimpan")
    expect(sub.locator("td.current")).to_have_text("1.250.000")
    assert page.evaluate("window.__samePage") is True, "the save reloaded the whole page"


# --- journeys ----------------------------------------------------------------------------------


def test_new_operator_enters_triwulan_iv_and_submits_it(page, tw4_open, operator, login, shot):
    """Journey 1: log in, find 2024 from the dashboard, open Triwulan IV, type the IKM as
    "86,66" and a rupiah figure as "1.250.000", see "Tersimpan" in each row without a page
    load, then submit to the pimpinan."""
    opd = tw4_open
    login(page, operator, screenshot=lambda p: shot(p, "01-login.png"))
    go_to_year(page, TAHUN)
    open_quarter(page, 4, "Draf")

    enter_tw4_figures(page)
    shot(page, "03-triwulan-entry.png")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "03-triwulan-entry-top.png", full_page=False)

    saved = ikm_tw4(opd).get()
    assert saved.nilai == Decimal("86.66")
    assert saved.history.first().history_user == operator
    assert sub_realisasi(opd, triwulan=4).get().jumlah == 1250000

    page.get_by_role("button", name="Ajukan ke pimpinan").click()
    expect(page.locator("#status-periode")).to_have_text("Diajukan")
    assert_legible(page.locator("#status-periode"))
    expect(page.locator("ul.messages")).to_contain_text(
        "Triwulan diajukan ke pimpinan untuk diverifikasi."
    )
    # submitted: the values stay on the page but can no longer be edited
    expect(page.get_by_role("button", name="Simpan")).to_have_count(0)
    expect(page.get_by_role("button", name="Ajukan ke pimpinan")).to_have_count(0)
    expect(page.locator(IKM_ROW).locator("td.current")).to_have_text("86,66")
    assert status_of(opd).status == "diajukan"

    back_to_dashboard(page)
    expect(page.locator("a.quarter", has_text="Triwulan 4")).to_contain_text("Diajukan")


def test_bad_entries_are_refused_next_to_the_field_and_nothing_is_saved(
    page, tw4_open, operator, login, shot
):
    """Journey 2: "1,500" for the IKM is ambiguous (1500 or 1,5?); Rp 1.500.000 for SUB in
    TW IV would take the year to Rp 5.250.000 over a pagu of Rp 5.000.000."""
    opd = tw4_open
    login(page, operator)
    page.goto(TW4)
    page.wait_for_load_state("load")
    page.evaluate("window.__samePage = true")

    ikm = page.locator(IKM_ROW)
    with page.expect_response(lambda r: "/kinerja/IKM/" in r.url) as answer:
        type_and_save(ikm, "Realisasi", "1,500")
    assert answer.value.status == 422 and "ambigu" in answer.value.text()  # the server refused
    error = ikm.locator("input + p.error")  # right under the field that is wrong
    expect(error, "the refusal (HTTP 422) must be swapped into the row").to_contain_text("ambigu")
    expect(error).to_contain_text("tulis 1500 untuk")
    expect(error).to_contain_text("atau 1,5 untuk")
    assert_legible(error)
    expect(ikm.get_by_label("Realisasi", exact=True)).to_have_value("1,500")  # kept as typed
    expect(ikm.get_by_label("Realisasi", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(ikm.get_by_role("status")).to_have_count(0)  # no "Tersimpan"

    sub = page.locator(SUB_ROW)
    type_and_save(sub, "Realisasi (Rp)", "1.500.000")
    error = sub.locator("input + p.error")
    expect(error).to_contain_text("melebihi pagu Rp 5.000.000")
    expect(error).to_contain_text("sisa pagu untuk triwulan ini Rp 1.250.000")
    expect(sub.get_by_label("Realisasi (Rp)", exact=True)).to_have_value("1.500.000")
    expect(sub.get_by_role("status")).to_have_count(0)
    assert page.evaluate("window.__samePage") is True

    shot(page, "04-validation.png")
    ikm.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")
    shot(page, "04-validation-ikm.png", full_page=False)
    sub.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 200)")
    shot(page, "04-validation-pagu.png", full_page=False)

    assert not ikm_tw4(opd).exists()
    assert not sub_realisasi(opd, triwulan=4).exists()
    assert sub_realisasi(opd).aggregate(total=Sum("jumlah"))["total"] == 3750000


def test_pimpinan_returns_the_quarter_with_a_note_then_verifies_the_fix(
    page, tw4_open, operator, pimpinan, login, logout, shot
):
    """Journey 3. Start: the operator has typed TW IV (IKM without keterangan) and submitted —
    set up with the same actions the views call. The pimpinan returns it with a note, the
    operator reads the note, adds the keterangan and resubmits, the pimpinan verifies."""
    opd = tw4_open
    ikm = Indikator.objects.get(pemda=opd.pemda, opd=opd, kode="IKM")
    sub = SubKegiatan.objects.get(pemda=opd.pemda, kode=SUB)
    actions.simpan_realisasi_kinerja(operator, ikm, TAHUN, 4, Decimal("86.66"), "", 0)
    actions.simpan_realisasi_anggaran(operator, sub, TAHUN, 4, Decimal(1250000), 0)
    actions.ajukan(operator, opd, TAHUN, 4)

    # the pimpinan finds the submitted quarter and returns it
    login(page, pimpinan)
    go_to_year(page, TAHUN)
    open_quarter(page, 4, "Diajukan")
    expect(page.locator(IKM_ROW).locator("td.current")).to_have_text("86,66")  # read-only
    expect(page.get_by_role("button", name="Simpan")).to_have_count(0)
    page.get_by_label("Kembalikan dengan catatan").fill(CATATAN)
    page.get_by_role("button", name="Kembalikan ke operator").click()
    expect(page.locator("#status-periode")).to_have_text("Dikembalikan")
    assert_legible(page.locator("#status-periode"))
    expect(page.locator("ul.messages")).to_contain_text("Triwulan dikembalikan ke operator.")
    assert status_of(opd).status == "dikembalikan"
    logout(page)

    # the operator sees the note, fixes the row and resubmits
    login(page, operator)
    go_to_year(page, TAHUN)
    open_quarter(page, 4, "Dikembalikan")
    note = page.locator(".workflow .returned")
    expect(note).to_have_text(f"Catatan pimpinan: {CATATAN}")
    shot(page, "05-returned-note.png", full_page=False)
    row = page.locator(IKM_ROW)
    row.locator("summary", has_text="Keterangan").click()  # the note opens on demand
    row.get_by_label("Keterangan").fill("Hasil SKM 2024: NIK 86,66 (mutu B, Baik).")
    row.get_by_role("button", name="Simpan").click()
    expect(row.get_by_role("status")).to_have_text("Tersimpan")
    page.get_by_role("button", name="Ajukan ulang ke pimpinan").click()
    expect(page.locator("#status-periode")).to_have_text("Diajukan")
    assert_legible(page.locator("#status-periode"))
    expect(note).to_have_count(0)
    assert ikm_tw4(opd).get().keterangan == "Hasil SKM 2024: NIK 86,66 (mutu B, Baik)."
    logout(page)

    # the pimpinan verifies
    login(page, pimpinan)
    go_to_year(page, TAHUN)
    open_quarter(page, 4, "Diajukan")
    expect(page.locator(IKM_ROW)).to_contain_text("Hasil SKM 2024: NIK 86,66 (mutu B, Baik).")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator("#status-periode")).to_have_text("Diverifikasi")
    assert_legible(page.locator("#status-periode"))
    expect(page.locator("ul.messages")).to_contain_text("Triwulan diverifikasi.")
    expect(page.get_by_role("button", name="Verifikasi")).to_have_count(0)
    events = page.locator("ul.events")
    expect(events).to_contain_text(f"Dikembalikan · camat-jati: “{CATATAN}”")
    expect(events).to_contain_text("Diverifikasi · camat-jati")
    shot(page, "06-verified.png")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "06-verified-top.png", full_page=False)

    assert status_of(opd).status == "diverifikasi"
    assert status_of(opd).catatan == ""
    jenis = list(
        Peristiwa.objects.filter(opd=opd)
        .order_by("waktu", "pk")
        .values_list("jenis", "oleh__username")
    )
    assert jenis == [
        ("diajukan", "operator-jati"),
        ("dikembalikan", "camat-jati"),
        ("diajukan", "operator-jati"),
        ("diverifikasi", "camat-jati"),
    ]


def figures(line):
    """The numbers of one line as the CLI prints them: 1.866.543.961, 93,33 %, 70,00 …"""
    return re.findall(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?(?: %)?", line)


def test_dashboard_after_entry_shows_the_same_figures_as_the_cli(
    page, tw4_open, operator, login, shot
):
    """Journey 4: the dashboard before the TW IV figures, then after the operator types them,
    shows the capaian, predikat and budget totals that `sakip pengukuran` prints."""
    login(page, operator)
    page.goto(f"/opd/kecamatan-jati/{TAHUN}/")
    kinerja = page.locator("table").first
    total = page.locator("tfoot tr")
    expect(kinerja.locator("tr", has_text=IKM_NAMA)).to_contain_text("belum ada data")
    expect(total).to_contain_text("1.865.293.961")  # 1.250.000 short

    open_quarter(page, 4, "Draf")
    enter_tw4_figures(page)
    back_to_dashboard(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinerja Kecamatan Jati tahun 2024")

    sakip = kinerja.locator("tr", has_text="Nilai SAKIP")
    for figure in ("70,00", "73,36", "104,80 %"):
        expect(sakip).to_contain_text(figure)
    expect(sakip.locator(".badge")).to_have_text("Sangat Baik")
    assert_legible(sakip.locator(".badge"))
    ikm = kinerja.locator("tr", has_text=IKM_NAMA)
    for figure in ("85,00", "86,66", "101,95 %"):
        expect(ikm).to_contain_text(figure)
    expect(ikm.locator(".badge")).to_have_text("Sangat Baik")
    for figure in ("2.000.000.000", "1.866.543.961", "133.456.039", "93,33 %"):
        expect(total).to_contain_text(figure)
    shot(page, "02-dashboard.png")
    shot(page, "02-dashboard-top.png", top=1000)

    # the same figures as the console command, on the same database
    out = StringIO()
    call_command("pengukuran", "--opd", "kecamatan-jati", "--tahun", str(TAHUN), stdout=out)
    lines = out.getvalue().splitlines()
    for prefix, row in (("Nilai SAKIP", sakip), (IKM_NAMA, ikm), ("JUMLAH", total)):
        line = next(line for line in lines if line.startswith(prefix))
        assert figures(line), line
        for figure in figures(line):
            expect(row).to_contain_text(figure)
    assert "Sangat Baik" in next(line for line in lines if line.startswith("Nilai SAKIP"))


def test_quarter_page_is_usable_on_a_phone(phone, tw4_open, operator, login, shot):
    """A 390×844 phone: the page does not scroll sideways, the status and the submit button fit
    the screen, and a value can be typed and saved with taps."""
    login(phone, operator)
    phone.goto(TW4)
    phone.wait_for_load_state("load")
    expect(phone.locator("#status-periode")).to_have_text("Draf")
    shot(phone, "07-phone.png", full_page=False)

    width = phone.evaluate("document.documentElement.scrollWidth")
    wide = phone.evaluate(
        """() => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > 391
                      && getComputedStyle(el).position !== 'static')
        .slice(0, 3).map(el => `${el.tagName}.${el.className} "${el.textContent.trim()}"`)"""
    )
    assert width <= 390, f"the page is {width}px wide on a 390px screen; sticking out: {wide}"
    for locator in (
        phone.locator("#status-periode"),
        phone.get_by_role("button", name="Ajukan ke pimpinan"),
    ):
        box = locator.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box

    row = phone.locator(IKM_ROW)
    row.get_by_label("Realisasi", exact=True).fill("86,66")
    row.get_by_role("button", name="Simpan").tap()
    expect(row.get_by_role("status")).to_have_text("Tersimpan")
    assert ikm_tw4(tw4_open).get().nilai == Decimal("86.66")
