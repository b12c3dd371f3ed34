"""The public form: one valid submission stores exactly one response; every abuse measure and
every invalid answer stores nothing and says why in Indonesian."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sakip.survei import actions
from sakip.survei.models import KodeSekali, Respons
from tests.survei.conftest import filled, open_period

pytestmark = pytest.mark.django_db


def url(layanan):
    return reverse("skm_form", args=[layanan.token])


def test_it_shows_the_nine_questions_with_their_labels_without_login(client, periode, layanan):
    response = client.get(url(layanan))
    body = response.content.decode()
    assert response.status_code == 200
    assert "KTP dan KK" in body and "Kecamatan Contoh" in body
    assert body.count('type="radio" name="u') == 9 * 4
    assert "kesesuaian persyaratan pelayanan" in body and "Sangat sesuai" in body
    assert "Dikelola dengan baik" in body  # U8's fourth label
    assert "<script" not in body  # works without JavaScript
    assert len(response.content) < 30 * 1024


def test_it_stores_exactly_one_response_and_redirects_to_thanks(client, periode, layanan):
    response = client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    assert response["Location"] == reverse("skm_terima_kasih", args=[layanan.token])
    stored = Respons.objects.get()
    assert (stored.periode, stored.layanan, stored.saluran) == (periode, layanan, "daring")
    assert [getattr(stored, f"u{i}") for i in range(1, 10)] == [3] * 9
    assert (stored.jenis_kelamin, stored.usia, stored.pendidikan) == ("P", 34, "sma")
    assert stored.saran == "Antrean dipercepat."
    assert len(stored.sidik) == 64 and "10.0.0.1" not in stored.sidik
    thanks = client.get(response["Location"])
    assert "Terima kasih" in thanks.content.decode()


def test_missing_and_out_of_range_answers_store_nothing_and_keep_the_rest(client, periode, layanan):
    data = filled(u3="5", usia="9", pendidikan="")
    del data["u7"]
    response = client.post(url(layanan), data)
    body = response.content.decode()
    assert response.status_code == 422
    assert Respons.objects.count() == 0
    assert "Pilih salah satu jawaban untuk pertanyaan 7." in body
    assert "Jawaban pertanyaan 3 tidak sah" in body
    assert "Usia 9 di luar batas wajar 10–120 tahun." in body
    assert "Pendidikan wajib diisi." in body
    # what was typed stays: the other answers and the suggestion are still chosen/filled
    assert 'name="u1" value="3" checked' in body
    assert "Antrean dipercepat." in body


def test_the_honeypot_looks_accepted_but_stores_nothing(client, periode, layanan):
    response = client.post(url(layanan), filled(situs="http://spam.example"))
    assert response.status_code == 302
    assert "terima-kasih" in response["Location"]
    assert Respons.objects.count() == 0


def test_the_same_answers_from_the_same_address_count_once(client, periode, layanan):
    assert client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.2").status_code == 302
    again = client.post(url(layanan), filled(saran="lagi"), REMOTE_ADDR="10.0.0.2")
    assert again.status_code == 409
    assert "sudah kami terima" in again.content.decode()
    assert Respons.objects.count() == 1
    # another address, or other answers, are another respondent
    assert client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.3").status_code == 302
    assert client.post(url(layanan), filled(u1="4"), REMOTE_ADDR="10.0.0.2").status_code == 302
    assert Respons.objects.count() == 3


def test_a_voided_response_does_not_block_the_respondent(client, periode, layanan, operator):
    client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.2")
    actions.batalkan_respons(operator, Respons.objects.get(), "uji coba petugas")
    assert client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.2").status_code == 302
    assert Respons.objects.filter(dibatalkan=False).count() == 1


def test_an_address_is_limited_to_ten_responses_in_ten_minutes(client, periode, layanan):
    for age in range(20, 30):
        assert (
            client.post(url(layanan), filled(usia=str(age)), REMOTE_ADDR="10.0.0.9").status_code
            == 302
        )
    refused = client.post(url(layanan), filled(usia="40"), REMOTE_ADDR="10.0.0.9")
    assert refused.status_code == 429
    assert "coba lagi sekitar 10 menit lagi" in refused.content.decode()
    assert Respons.objects.count() == 10
    # another address is not held back
    assert client.post(url(layanan), filled(usia="40"), REMOTE_ADDR="10.0.0.10").status_code == 302


def test_a_closed_period_shows_a_friendly_page_and_stores_nothing(
    client, periode, layanan, operator
):
    actions.simpan_periode(
        operator,
        periode.opd,
        {
            "jenis": periode.jenis,
            "mulai": periode.mulai,
            "selesai": periode.selesai,
            "dibuka": False,
            "tahun": periode.tahun,
            "versi": periode.versi,
        },
        periode,
    )
    page = client.get(url(layanan))
    assert "Survei sedang tidak dibuka" in page.content.decode()
    client.post(url(layanan), filled())
    assert Respons.objects.count() == 0


def test_only_a_period_whose_dates_contain_today_is_open(client, opd, operator, layanan):
    today = timezone.localdate()
    ended = today - timedelta(days=1)
    open_period(
        operator,
        opd,
        jenis="semester_1",
        tahun=ended.year,
        mulai=ended.replace(month=1, day=1),
        selesai=ended,
    )
    assert "Survei sedang tidak dibuka" in client.get(url(layanan)).content.decode()
    if today.month == 12 and today.day == 31:  # no room for a later period this year
        return
    later = today + timedelta(days=1)
    open_period(operator, opd, jenis="semester_2", tahun=later.year, mulai=later, selesai=later)
    assert "Survei sedang tidak dibuka" in client.get(url(layanan)).content.decode()


def test_an_unknown_or_inactive_service_is_not_found(client, periode, layanan, operator):
    assert client.get(reverse("skm_form", args=["tidak-ada"])).status_code == 404
    actions.ubah_layanan(operator, layanan, layanan.nama, layanan.urutan, False, layanan.versi)
    assert client.get(url(layanan)).status_code == 404


def test_csrf_protection_stays_on(periode, layanan):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(layanan), filled()).status_code == 403
    assert Respons.objects.count() == 0


# --- one-time codes ----------------------------------------------------------------------------


@pytest.fixture
def kode(periode, operator):
    return actions.buat_kode(operator, periode, 3)[0].kode


def test_a_one_time_code_counts_once(client, periode, layanan, kode):
    shown = actions.tampil_kode(kode).lower()  # typed in lower case with the dash
    assert client.post(url(layanan), filled(kode=shown)).status_code == 302
    row = KodeSekali.objects.get(kode=kode)
    assert row.dipakai is not None and Respons.objects.get().kode_sekali == row
    again = client.post(url(layanan), filled(kode=kode, u1="1"), REMOTE_ADDR="10.1.1.1")
    assert again.status_code == 422
    assert "Kode ini sudah dipakai" in again.content.decode()
    assert Respons.objects.count() == 1


def test_a_code_in_the_link_is_filled_in(client, periode, layanan, kode):
    page = client.get(url(layanan) + "?kode=" + actions.tampil_kode(kode)).content.decode()
    assert f'value="{kode}"' in page


def test_an_unknown_code_is_refused(client, periode, layanan, kode):
    response = client.post(url(layanan), filled(kode="ZZZZ-ZZZZ"))
    assert response.status_code == 422
    assert "Kode tidak dikenal" in response.content.decode()
    assert Respons.objects.count() == 0


def test_a_code_of_another_service_is_refused(client, periode, layanan, operator):
    other = actions.tambah_layanan(operator, periode.opd, "Surat keterangan tidak mampu")
    kode = actions.buat_kode(operator, periode, 1, other)[0].kode
    response = client.post(url(layanan), filled(kode=kode))
    assert "Kode ini untuk layanan lain." in response.content.decode()
    assert Respons.objects.count() == 0
    assert client.post(url(other), filled(kode=kode)).status_code == 302


def test_a_period_that_requires_a_code_refuses_a_response_without_one(
    client, opd, operator, layanan
):
    open_period(operator, opd, wajib_kode=True)
    page = client.get(url(layanan)).content.decode()
    assert "Kode pada tanda terima" in page
    response = client.post(url(layanan), filled())
    assert response.status_code == 422
    assert "Isi kode sekali pakai" in response.content.decode()
    assert Respons.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_racing_submissions_cannot_both_use_one_code(opd, operator, layanan, monkeypatch):
    """Two threads, two connections, one code: the row lock makes the second wait and see the
    code used; without it both would pass the check before either marked it."""
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is one shared-cache file: threads lock it")
    periode = open_period(operator, opd)
    kode = actions.buat_kode(operator, periode, 1)[0].kode
    barrier = threading.Barrier(2)
    original = Respons.objects.create

    def slow_create(**kwargs):  # widen the window between the check and the write
        import time

        time.sleep(0.3)
        return original(**kwargs)

    monkeypatch.setattr(Respons.objects, "create", slow_create)
    results = []

    def submit(usia):
        try:
            barrier.wait()
            actions.kirim_respons(layanan, periode, filled(usia=str(usia)), kode, f"s{usia}")
            results.append("ok")
        except Exception as error:  # noqa: BLE001 - the refusal is what is asserted
            results.append(type(error).__name__ + ":" + " ".join(getattr(error, "messages", [])))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(age,)) for age in (30, 31)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (
        sorted(results)[0]
        == "KodeDitolak:Kode ini sudah dipakai. Setiap kode hanya berlaku satu kali."
    )
    assert sorted(results)[1] == "ok"
    assert Respons.objects.count() == 1


# --- speed ---------------------------------------------------------------------------------------


def test_the_form_needs_few_queries(client, periode, layanan, operator):
    kode = actions.buat_kode(operator, periode, 1)[0].kode
    with CaptureQueriesContext(connection) as get:
        assert client.get(url(layanan)).status_code == 200
    with CaptureQueriesContext(connection) as post:
        assert client.post(url(layanan), filled(kode=kode)).status_code == 302
    assert len(get) <= 3, [q["sql"] for q in get]
    # service, period, code (locked), duplicate check, insert, code used, SKM-linked indicators,
    # and the test transaction's savepoint pair
    assert len(post) <= 10, [q["sql"] for q in post]


# --- the OPD's own link -------------------------------------------------------------------------


def test_the_opds_link_lets_the_respondent_pick_the_service(
    client, opd, operator, periode, layanan
):
    chooser = reverse("skm_pilih_layanan", args=[opd.pemda.slug, opd.slug])
    assert client.get(chooser)["Location"] == url(layanan)  # one service: straight to its form
    sktm = actions.tambah_layanan(operator, opd, "Surat keterangan tidak mampu")
    stopped = actions.tambah_layanan(operator, opd, "Legalisir")
    actions.ubah_layanan(operator, stopped, stopped.nama, 3, False, stopped.versi)
    page = client.get(chooser).content.decode()
    assert url(layanan) in page and url(sktm) in page and stopped.token not in page
    assert client.get(reverse("skm_pilih_layanan", args=["lain", opd.slug])).status_code == 404


def test_the_opd_poster_opens_with_the_opds_own_qr_code(client, opd, operator, layanan):
    actions.tambah_layanan(operator, opd, "Dispensasi nikah")
    client.force_login(operator)
    page = client.get(reverse("skm_poster_opd", args=[opd.slug])).content.decode()
    chooser = "http://testserver" + reverse("skm_pilih_layanan", args=[opd.pemda.slug, opd.slug])
    assert page.count("<svg") == 3
    assert page.index(chooser) < page.index(url(layanan)) and "Semua layanan" in page


def test_the_refusal_names_the_configured_window(client, periode, layanan, settings):
    settings.SAKIP_SKM_BATAS_RESPONS, settings.SAKIP_SKM_JENDELA_DETIK = 1, 90
    assert client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.11").status_code == 302
    refused = client.post(url(layanan), filled(usia="40"), REMOTE_ADDR="10.0.0.11")
    assert refused.status_code == 429 and "sekitar 2 menit lagi" in refused.content.decode()
