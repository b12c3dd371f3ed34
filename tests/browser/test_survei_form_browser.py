"""The SKM in a real browser: a citizen answers on a phone, an operator types a paper
questionnaire with the keyboard only. Kecamatan Jati's demo file, one service, a period open
today."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sakip.formulas.ikm import UNSUR
from sakip.survei import actions, publik
from sakip.survei.models import Respons

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def layanan(jati, operator):
    layanan = actions.tambah_layanan(operator, jati, "KTP dan KK")
    if publik.periode_berjalan(layanan) is None:
        today = timezone.localdate()
        mulai, selesai = actions.rentang_bawaan(today.year, "tahun")
        actions.simpan_periode(
            operator,
            jati,
            {
                "jenis": "tahun",
                "mulai": mulai,
                "selesai": selesai,
                "dibuka": True,
                "tahun": today.year,
            },
        )
    return layanan


def test_a_citizen_answers_on_a_phone_and_is_thanked(phone, layanan, shot):
    phone.goto(f"/skm/{layanan.token}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Survei Kepuasan Masyarakat")
    expect(phone.get_by_text("Kecamatan Jati").first).to_be_visible()
    shot(phone, "skm-isi-01-formulir-ponsel.png", full_page=False)

    # sent empty first: told what is missing, nothing stored
    phone.get_by_role("button", name="Kirim jawaban").click()
    expect(phone.get_by_role("alert").first).to_contain_text("Jawaban belum tersimpan.")
    expect(phone.get_by_text("Pilih salah satu jawaban untuk pertanyaan 1.")).to_be_visible()
    assert Respons.objects.count() == 0

    phone.get_by_role("radio", name="Perempuan").check()
    phone.get_by_label("Usia (tahun)").fill("29")
    phone.get_by_label("Pendidikan terakhir").select_option(label="D4/S1")
    phone.get_by_label("Pekerjaan").select_option(label="Pegawai swasta")
    for nomor, (_kode, nama) in enumerate(UNSUR, start=1):
        group = phone.get_by_role("group", name=f"{nomor}. {nama}")
        group.get_by_role("radio").nth(3 if nomor % 2 else 2).check()
    phone.get_by_label("Saran (boleh kosong)").fill("Petugas ramah, antrean agak lama.")
    shot(phone, "skm-isi-02-formulir-terisi.png")
    phone.get_by_role("button", name="Kirim jawaban").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Terima kasih")
    shot(phone, "skm-isi-03-terima-kasih.png", full_page=False)
    stored = Respons.objects.get()
    assert (stored.saluran, stored.jenis_kelamin, stored.usia, stored.pendidikan) == (
        "daring",
        "P",
        29,
        "s1",
    )
    assert [getattr(stored, f"u{i}") for i in range(1, 10)] == [4, 3, 4, 3, 4, 3, 4, 3, 4]
    assert stored.saran == "Petugas ramah, antrean agak lama."


def test_an_operator_types_a_paper_questionnaire_with_the_keyboard_only(
    page, layanan, operator, login, shot
):
    periode = publik.periode_berjalan(layanan)
    login(page, operator)
    page.goto(f"/opd/kecamatan-jati/{periode.tahun}/skm/")
    expect(page.get_by_role("link", name=f"Tahunan {periode.tahun}")).to_be_visible()
    shot(page, "skm-isi-00-pengaturan.png")
    page.get_by_role("link", name="Poster QR").click()
    expect(page.locator("svg.qr")).to_be_visible()
    expect(page.get_by_text(f"/skm/{layanan.token}/")).to_be_visible()
    shot(page, "skm-isi-00-poster.png", full_page=False)
    page.go_back()
    page.get_by_role("link", name="Kuesioner kertas").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_label("L/P")).to_be_focused()

    # L/P, usia (Enter moves on), pendidikan 3, pekerjaan 4, U1…U9, saran + Enter saves
    page.keyboard.type("l")
    expect(page.get_by_label("Usia")).to_be_focused()
    page.keyboard.type("7")  # a slip: seven years old
    page.keyboard.press("Enter")
    page.keyboard.type("34")
    page.keyboard.type("231434124")
    expect(page.get_by_label("Saran")).to_be_focused()
    page.keyboard.type("Kursi tunggu kurang")
    page.keyboard.press("Enter")

    # refused on the row, the cursor back on the age, everything else kept
    expect(page.get_by_text("Usia 7 di luar batas wajar 10–120 tahun.")).to_be_visible()
    expect(page.get_by_label("Usia")).to_be_focused()
    expect(page.get_by_label("Saran")).to_have_value("Kursi tunggu kurang")
    assert Respons.objects.count() == 0
    shot(page, "skm-isi-04-kertas-salah.png", full_page=False)

    page.keyboard.type("57")  # the field is selected: typing replaces it
    for _field in range(12):  # Enter through to the last field, then Enter saves
        page.keyboard.press("Enter")
    page.keyboard.press("Enter")

    saved = page.get_by_role("status").filter(has_text="tersimpan")
    expect(saved).to_be_visible()
    expect(page.get_by_label("L/P")).to_be_focused()  # ready for the next sheet
    expect(page.get_by_label("L/P")).to_have_value("")
    shot(page, "skm-isi-05-kertas-tersimpan.png", full_page=False)
    stored = Respons.objects.get()
    assert (stored.saluran, stored.diinput_oleh, stored.jenis_kelamin, stored.usia) == (
        "kertas",
        operator,
        "L",
        57,
    )
    assert (stored.pendidikan, stored.pekerjaan) == ("sma", "petani")
    assert [getattr(stored, f"u{i}") for i in range(1, 10)] == [2, 3, 1, 4, 3, 4, 1, 2, 4]
    expect(page.locator(f"#respons-{stored.pk}")).to_contain_text("Kursi tunggu kurang")
