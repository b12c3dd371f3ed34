"""Crafted input never makes a 500: digits that are not ASCII ("²", "١٢"), huge numbers. Each
is refused with the Indonesian message a person would get for a plain typing mistake."""

import pytest
from django.urls import reverse

from sakip.survei.isian import bilangan_ascii
from sakip.survei.models import Respons
from tests.survei.conftest import filled
from tests.survei.test_impor import GOOD, filled_template, upload

pytestmark = pytest.mark.django_db

NOT_ASCII = ["²", "١٢", "٣٤", "𝟑𝟒"]


@pytest.mark.parametrize("typed", NOT_ASCII)
def test_only_ascii_digits_are_a_number(typed):
    assert typed.isdigit() or typed.isnumeric()
    assert bilangan_ascii(typed) is None
    assert bilangan_ascii(" 34 ") == 34


@pytest.mark.parametrize("typed", NOT_ASCII)
def test_the_public_form_refuses_a_non_ascii_age(client, periode, layanan, typed):
    response = client.post(reverse("skm_form", args=[layanan.token]), filled(usia=typed))
    assert response.status_code == 422
    assert "Usia harus bilangan bulat tahun" in response.content.decode()
    assert not Respons.objects.exists()


def test_the_paper_grid_refuses_a_non_ascii_age(client, opd, operator, periode, layanan):
    client.force_login(operator)
    response = client.post(
        reverse("skm_kertas_simpan", args=[opd.slug, periode.pk]),
        {**filled(usia="²"), "layanan": layanan.pk},
    )
    assert response.status_code == 422
    assert "Usia harus bilangan bulat tahun" in response.content.decode()
    assert not Respons.objects.exists()


def test_the_import_preview_refuses_a_non_ascii_age(
    client, opd, operator, periode, layanan, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    client.force_login(operator)
    row = list(GOOD)
    row[2] = "²"
    response = upload(client, opd, periode, filled_template(opd, [row]))
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert "Usia harus bilangan bulat tahun" in preview.content.decode()


def test_a_non_ascii_year_falls_back_to_this_year(client, opd, operator, layanan):
    client.force_login(operator)
    response = client.post(
        reverse("skm_layanan_tambah", args=[opd.slug]), {"nama": "SKTM", "tahun": "²"}
    )
    assert response.status_code == 302
    assert client.get(reverse("skm_unsur", args=[opd.slug]) + "?tahun=²").status_code == 200


def test_the_code_sheet_ignores_a_non_ascii_service(client, opd, operator, periode, layanan):
    client.force_login(operator)
    sheet = reverse("skm_kode_cetak", args=[opd.slug, periode.pk])
    assert client.get(sheet + "?layanan=²").status_code == 200


def test_a_huge_population_is_refused_in_indonesian(client, opd, operator, periode):
    client.force_login(operator)
    response = client.post(
        reverse("skm_periode", args=[opd.slug, periode.pk]),
        {
            "jenis": "tahun",
            "mulai": periode.mulai.isoformat(),
            "selesai": periode.selesai.isoformat(),
            "populasi": str(10**20),
            "dibuka": "on",
            "versi": periode.versi,
        },
    )
    assert response.status_code == 422
    assert "Populasi paling banyak 100.000.000 orang" in response.content.decode()
    periode.refresh_from_db()
    assert periode.populasi is None


def test_a_huge_version_number_is_refused_not_a_crash(client, opd, operator, layanan):
    client.force_login(operator)
    response = client.post(
        reverse("skm_layanan_ubah", args=[opd.slug, layanan.pk]),
        {
            f"l{layanan.pk}-nama": "KTP",
            f"l{layanan.pk}-urutan": "1",
            f"l{layanan.pk}-versi": str(10**20),
        },
    )
    assert response.status_code == 422
    layanan.refresh_from_db()
    assert layanan.nama == "KTP dan KK"
