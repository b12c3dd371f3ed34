"""Every page loads in a number of queries that does not grow with the OPD's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from tests.personas import make_user
from tests.test_measurement import bigger_dataset

pytestmark = pytest.mark.django_db
PAGES = {  # the OPD's slug is filled in per size
    "pengukuran": ["<opd>", 2024],
    "triwulan": ["<opd>", 2024, 4],
    "perjanjian_kinerja": ["<opd>", 2024],
    "anggaran": ["<opd>", 2024],
    "renstra": ["<opd>"],
    "ringkasan_pemda": [2024],
    "pengukuran_xlsx": ["<opd>", 2024],
}
ROLE = {"ringkasan_pemda": "admin_pemda"}
LIMIT = 40


def queries(client, name, size) -> int:
    slug = f"opd-{size}"
    load_data(bigger_dataset(size, slug))
    opd = PerangkatDaerah.objects.get(slug=slug)
    peran = ROLE.get(name, "operator")
    user = make_user(opd.pemda, peran, opd if peran == "operator" else None, name=f"u{size}")
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(
            reverse(name, args=[slug if a == "<opd>" else a for a in PAGES[name]])
        )
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_queries_do_not_grow_with_indicators_and_sub_kegiatan(client, name):
    small = queries(client, name, 1)
    large = queries(client, name, 30)
    assert large == small, f"{name}: {small} queries with 1 extra indicator, {large} with 30"
    assert small <= LIMIT
