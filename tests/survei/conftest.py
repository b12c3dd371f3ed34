"""Kabupaten Contoh's Kecamatan Contoh with one service and a survey period open today, plus
the personas around it (another OPD of the same pemda, another pemda)."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.survei import actions
from sakip.survei.models import PeriodeSurvei
from tests.factories import dataset
from tests.personas import make_user

ANSWERS = {f"u{i}": "3" for i in range(1, 10)}
PROFILE = {"jenis_kelamin": "P", "usia": "34", "pendidikan": "sma", "pekerjaan": "wirausaha"}


def filled(**changes) -> dict:
    return {**PROFILE, **ANSWERS, "saran": "Antrean dipercepat.", **changes}


@pytest.fixture(autouse=True)
def empty_cache(settings):
    # the rate limit's counts stay in this process: nothing written under DATA_DIR/cache
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def opd(db):
    load_data(dataset())
    same = dataset()
    same["opd"] = {**same["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(same)
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")


@pytest.fixture
def other_opd(opd):
    return PerangkatDaerah.objects.get(pemda=opd.pemda, slug="dinas-lain")


@pytest.fixture
def other_pemda_opd(opd):
    other = dataset()
    other["pemda"] = {**other["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    other["opd"] = {**other["opd"], "slug": "dinas-kota", "nama": "Dinas Kota"}
    load_data(other)
    return PerangkatDaerah.objects.get(slug="dinas-kota")


@pytest.fixture
def operator(opd):
    return make_user(opd.pemda, "operator", opd, name="operator-contoh")


@pytest.fixture
def layanan(opd, operator):
    return actions.tambah_layanan(operator, opd, "KTP dan KK")


def open_period(user, opd, **changes) -> PeriodeSurvei:
    today = timezone.localdate()
    mulai, selesai = actions.rentang_bawaan(today.year, "tahun")
    data = {"jenis": "tahun", "mulai": mulai, "selesai": selesai, "dibuka": True}
    return actions.simpan_periode(user, opd, {**data, "tahun": today.year, **changes})


@pytest.fixture
def periode(opd, operator, layanan):
    return open_period(operator, opd)
