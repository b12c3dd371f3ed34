"""sakip speaks Indonesian whatever the browser asks for, and so do its error pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_indonesian_dates_and_numbers(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "id"


@override_settings(DEBUG=False)
def test_not_found_and_forbidden_pages_are_in_indonesian(client):
    missing = client.get("/skm/tidak-ada-token-ini/", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404
    assert "Halaman tidak ditemukan" in missing.content.decode()
    assert "Not Found" not in missing.content.decode()


@override_settings(DEBUG=False)
def test_a_refusal_says_why_in_indonesian(client):
    from sakip.dataset import load_data
    from sakip.organisasi.models import PerangkatDaerah
    from tests.factories import dataset
    from tests.personas import make_user

    load_data(dataset())
    opd = PerangkatDaerah.objects.get(slug="kecamatan-contoh")
    client.force_login(make_user(opd.pemda, "viewer"))
    refused = client.get(reverse("akun_list"))
    assert refused.status_code == 403
    body = refused.content.decode()
    assert "Anda tidak dapat membuka halaman ini" in body and "Forbidden" not in body
