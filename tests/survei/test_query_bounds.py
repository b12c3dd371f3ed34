"""The SKM pages load in a number of queries that does not grow with services or responses."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.survei import actions
from tests.survei.conftest import filled

pytestmark = pytest.mark.django_db
LIMIT = 15


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(operator, periode, start, n):
    for i in range(start, start + n):
        layanan = actions.tambah_layanan(operator, periode.opd, f"Layanan {i}")
        actions.simpan_respons_kertas(operator, periode, layanan, filled(usia=str(20 + i)))


@pytest.mark.parametrize("name", ["skm", "skm_kertas", "skm_poster_opd", "skm_unsur"])
def test_the_page_does_not_grow(client, operator, periode, name):
    args = {
        "skm": [periode.opd.slug, periode.tahun],
        "skm_kertas": [periode.opd.slug, periode.pk],
    }.get(name, [periode.opd.slug])
    client.force_login(operator)
    grow(operator, periode, 0, 1)
    small = count(client, reverse(name, args=args))
    grow(operator, periode, 1, 12)
    large = count(client, reverse(name, args=args))
    assert large == small, f"{name}: {small} queries with 1 service, {large} with 13"
    assert small <= LIMIT
