"""The results pages: what they show, to whom, and in a bounded number of queries."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sakip.organisasi.models import Pemda
from sakip.pengukuran.models import PeriodeLaporan
from sakip.perencanaan.models import Indikator
from sakip.survei.models import Respons
from tests.personas import make_user
from tests.survei_hasil.helpers import (
    WORKED_TOTALS,
    add_responses,
    answers_for_totals,
    layanan,
    periode,
    world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled():
    opd = world()
    p = periode(opd, populasi=100)
    rows = answers_for_totals(WORKED_TOTALS, 29)
    add_responses(p, layanan(opd), rows[:20], saran="Ruang tunggu panas", jenis_kelamin="P")
    add_responses(p, layanan(opd, "sktm", "SKTM", 2), rows[20:], usia=70)
    return p


def _get(client, name, *args):
    return client.get(reverse(name, args=args))


def test_the_results_page_shows_the_figures(client, filled):
    client.force_login(make_user(filled.pemda, "operator", filled.opd))
    body = _get(client, "skm_hasil", filled.opd.slug, filled.pk).content.decode()
    assert "91,48" in body and "3,6590" in body and "Sangat Baik" in body
    assert "sampel minimum 80 dari populasi 100" in body
    assert "belum cukup" in body  # 29 < 80
    assert "prioritas perbaikan" in body and "Waktu Penyelesaian" in body
    assert "Ruang tunggu panas" in body
    assert "SKTM" in body


def test_the_results_page_says_when_the_population_is_empty(client):
    opd = world()
    p = periode(opd)
    client.force_login(make_user(opd.pemda, "pimpinan", opd))
    assert "populasi belum diisi" in _get(client, "skm_hasil", opd.slug, p.pk).content.decode()


def test_the_locked_quarter_message_is_shown(client, filled):
    Indikator.objects.filter(opd=filled.opd, kode="IKM").update(sumber_realisasi="skm")
    PeriodeLaporan.objects.create(
        pemda=filled.pemda, opd=filled.opd, tahun=2024, triwulan=4, status="dikunci"
    )
    client.force_login(make_user(filled.pemda, "operator", filled.opd))
    body = _get(client, "skm_hasil", filled.opd.slug, filled.pk).content.decode()
    assert "IKM terbaru belum masuk ke realisasi karena triwulan IV sudah dikunci" in body
    response = client.post(reverse("skm_perbarui_realisasi", args=[filled.opd.slug, filled.pk]))
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "berstatus dikunci" in body


def test_the_update_button_writes_the_realisation(client, filled):
    Indikator.objects.filter(opd=filled.opd, kode="IKM").update(sumber_realisasi="skm")
    client.force_login(make_user(filled.pemda, "operator", filled.opd))
    client.post(reverse("skm_perbarui_realisasi", args=[filled.opd.slug, filled.pk]))
    body = _get(client, "skm_hasil", filled.opd.slug, filled.pk).content.decode()
    assert "sesuai IKM terbaru" in body
    assert "SKM Tahunan 2024: IKM 91,48 (A)" in body


def test_results_page_queries_do_not_grow_with_responses_and_services(client, filled):
    client.force_login(make_user(filled.pemda, "operator", filled.opd))
    url = reverse("skm_hasil", args=[filled.opd.slug, filled.pk])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(5):
        add_responses(filled, layanan(filled.opd, f"l{i}", f"Layanan {i}"), [[3] * 9] * 30)
    with CaptureQueriesContext(connection) as big:
        assert client.get(url).status_code == 200
    assert len(big) == len(small) <= 20


def test_xlsx_exports(client, filled):
    client.force_login(make_user(filled.pemda, "viewer"))
    book = load_workbook(
        BytesIO(_get(client, "skm_hasil_xlsx", "kecamatan-contoh", filled.pk).content)
    )
    ringkasan = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert ringkasan["IKM / NIK (25–100)"] == 91.48
    assert ringkasan["Mutu pelayanan"] == "A"
    assert [r[1] for r in book["Per layanan"].iter_rows(min_row=2, values_only=True)] == [20, 9]
    raw = load_workbook(
        BytesIO(_get(client, "skm_respons_xlsx", "kecamatan-contoh", filled.pk).content)
    )
    rows = list(raw.active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 29
    assert sum(r[8] for r in rows) == WORKED_TOTALS[0]  # U1 column
    # the profile as the forms name it, not its codes
    assert {r[3] for r in rows} <= {str(v) for v in Respons.Saluran.labels}
    assert {r[4] for r in rows} <= {"Laki-laki", "Perempuan"}
    assert {r[6] for r in rows} <= {str(v) for v in Respons.Pendidikan.labels}
    assert {r[7] for r in rows} <= {str(v) for v in Respons.Pekerjaan.labels}


def test_the_pemda_page_lists_every_opd(client, filled):
    client.force_login(make_user(filled.pemda, "evaluator"))
    with CaptureQueriesContext(connection) as captured:
        body = _get(client, "skm_pemda", 2024).content.decode()
    assert "Kecamatan Contoh" in body and "91,48" in body
    assert len(captured) <= 8
    book = load_workbook(BytesIO(_get(client, "skm_pemda_xlsx", 2024).content))
    assert list(book.active.iter_rows(min_row=2, values_only=True))[0][4] == 91.48


def test_the_public_page_hides_the_unsur_detail_below_ten_respondents(client):
    opd = world()
    p = periode(opd)
    ktp = layanan(opd)
    add_responses(p, ktp, [[4] * 9] * 8 + [[1] * 9])
    text = _get(client, "skm_publik_hasil", "kabupaten-contoh", "kecamatan-contoh").content
    text = text.decode()
    assert "Rincian per unsur ditampilkan setelah minimal 10 responden" in text
    assert "NRR (1–4)" not in text and "Persyaratan" not in text
    assert "IKM" in text and "91,67" in text  # the IKM itself stays published
    add_responses(p, ktp, [[3] * 9])
    text = _get(client, "skm_publik_hasil", "kabupaten-contoh", "kecamatan-contoh").content
    assert "NRR (1–4)" in text.decode()


def test_the_public_page_shows_aggregates_only(client, filled):
    body = _get(client, "skm_publik_hasil", "kabupaten-contoh", "kecamatan-contoh")
    assert body.status_code == 200
    assert "public" in body["Cache-Control"]
    text = body.content.decode()
    assert "91,48" in text and "Sangat Baik" in text and "29" in text
    assert "Ruang tunggu panas" not in text  # no suggestion text
    assert "Laki-laki" not in text and "Perempuan" not in text  # no profiles
    assert _get(client, "skm_publik_hasil", "kabupaten-contoh", "tidak-ada").status_code == 404
    other = Pemda.objects.create(slug="kota-lain", nama="Kota Lain", jenis="kota")
    assert _get(client, "skm_publik_hasil", other.slug, "kecamatan-contoh").status_code == 404
    client.force_login(make_user(filled.pemda, "operator", filled.opd))
    mine = _get(client, "skm_publik_hasil", "kabupaten-contoh", "kecamatan-contoh")
    assert "private" in mine["Cache-Control"] and "public" not in mine["Cache-Control"]


def test_the_index_goes_to_the_latest_period(client, filled):
    client.force_login(make_user(filled.pemda, "operator", filled.opd))
    response = _get(client, "skm_hasil_daftar", filled.opd.slug)
    assert response["Location"] == reverse("skm_hasil", args=[filled.opd.slug, filled.pk])


def test_voided_responses_leave_the_results(client, filled):
    filled.respons.filter(layanan__kode="sktm").update(dibatalkan=True)
    client.force_login(make_user(filled.pemda, "operator", filled.opd))
    body = _get(client, "skm_hasil", filled.opd.slug, filled.pk).content.decode()
    assert "SKTM" not in body
    assert Decimal(20) == filled.respons.filter(dibatalkan=False).count()
