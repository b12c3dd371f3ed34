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
OPD = "kecamatan-contoh"

PAGES = {
    "pengukuran": [OPD, 2024],
    "triwulan": [OPD, 2024, 4],
    "perjanjian_kinerja": [OPD, 2024],
    "anggaran": [OPD, 2024],
    "renstra": [OPD],
    "ringkasan_pemda": [2024],
    "pengukuran_xlsx": [OPD, 2024],
}
ROLE = {"ringkasan_pemda": "admin_pemda"}
LIMIT = 40


def queries(client, name, size) -> int:
    load_data(bigger_dataset(size))
    opd = PerangkatDaerah.objects.get(slug=OPD)
    peran = ROLE.get(name, "operator")
    user = make_user(opd.pemda, peran, opd if peran == "operator" else None, name=f"u{size}")
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name, args=PAGES[name]))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_queries_do_not_grow_with_indicators_and_sub_kegiatan(client, name):
    small = queries(client, name, 1)
    large = queries(client, name, 30)
    assert large == small, f"{name}: {small} queries with 1 extra indicator, {large} with 30"
    assert small <= LIMIT
