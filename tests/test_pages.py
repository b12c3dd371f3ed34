"""Persona matrix for every page: own OPD, another OPD of the same pemda, another pemda."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import Akun, Pemda, PerangkatDaerah
from tests.factories import dataset, sub_kegiatan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    load_data(dataset())
    other_pemda = dataset()
    other_pemda["pemda"] = {**other_pemda["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    load_data(other_pemda)
    home_pemda = Pemda.objects.get(slug="kabupaten-contoh")
    PerangkatDaerah.objects.create(
        pemda=home_pemda, slug="dinas-lain", nama="Dinas Lain", jenis="dinas"
    )
    return home_pemda


def login(client, pemda, peran, opd_slug=None):
    user = get_user_model().objects.create_user(username=f"u-{peran}", password="x")
    opd = PerangkatDaerah.objects.get(pemda=pemda, slug=opd_slug) if opd_slug else None
    Akun.objects.create(user=user, pemda=pemda, opd=opd, peran=peran)
    client.force_login(user)


def page(slug):
    return reverse("pengukuran", args=[slug, 2024])


@pytest.mark.parametrize(
    "peran, own, expected_other_opd",
    [
        ("operator", "kecamatan-contoh", 403),
        ("pimpinan", "kecamatan-contoh", 403),
        ("admin_pemda", None, 200),
        ("evaluator", None, 200),
        ("viewer", None, 200),
    ],
)
def test_persona_matrix_for_the_measurement_page(client, world, peran, own, expected_other_opd):
    login(client, world, peran, own)
    assert client.get(page("kecamatan-contoh")).status_code == 200
    assert client.get(page("dinas-lain")).status_code == expected_other_opd


def test_it_rejects_other_pemda(client, world):
    login(client, world, "admin_pemda")
    other = Pemda.objects.get(slug="kota-lain")
    opd = PerangkatDaerah.objects.get(pemda=other)
    opd.slug = "hanya-di-kota-lain"
    opd.save()
    assert client.get(page("hanya-di-kota-lain")).status_code == 404


def test_same_slug_in_another_pemda_shows_the_users_own_pemda(client, world):
    login(client, world, "evaluator")
    response = client.get(page("kecamatan-contoh"))
    assert response.context["opd"].pemda == world


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(page("kecamatan-contoh"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_akun_is_refused(client, world):
    user = get_user_model().objects.create_user(username="tanpa-akun", password="x")
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 403


def test_operator_home_goes_to_own_opd(client, world):
    login(client, world, "operator", "kecamatan-contoh")
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert "/opd/kecamatan-contoh/" in response["Location"]


def test_admin_home_lists_only_own_pemda(client, world):
    login(client, world, "admin_pemda")
    response = client.get(reverse("home"))
    names = [opd.nama for opd in response.context["opd_list"]]
    assert names == ["Dinas Lain", "Kecamatan Contoh"]


def test_the_page_shows_indonesian_figures(client, world):
    login(client, world, "operator", "kecamatan-contoh")
    body = client.get(page("kecamatan-contoh")).content.decode()
    assert "86,86" in body
    assert "102,19 %" in body
    assert "1.300.000" in body


def test_page_queries_are_bounded(client, world, django_assert_max_num_queries):
    login(client, world, "operator", "kecamatan-contoh")
    with django_assert_max_num_queries(16):
        client.get(page("kecamatan-contoh"))


def test_pemda_overview_sorts_by_serapan_with_missing_last(client, world):
    data = dataset()
    sub_kegiatan(data, 1)["realisasi"] = [0, 0, 0, 450000]
    load_data(data)
    login(client, world, "evaluator")
    response = client.get(reverse("ringkasan_pemda", args=[2024]) + "?urut=serapan&arah=turun")
    names = [r.nama for r in response.context["rows"]]
    assert names == ["Kecamatan Contoh", "Dinas Lain"]  # Dinas Lain has no DPA
    body = response.content.decode()
    assert "102,19 %" in body  # mean capaian of Kecamatan Contoh's one indicator


def test_pemda_overview_queries_do_not_grow_with_the_number_of_opd(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world, "admin_pemda")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("ringkasan_pemda", args=[2024]))
    for i in range(5):
        data = dataset()
        data["opd"] = {**data["opd"], "slug": f"opd-{i}", "nama": f"OPD {i}"}
        load_data(data)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("ringkasan_pemda", args=[2024]))
    assert len(many) == len(few)


def test_admin_creates_an_account_with_a_generated_password_shown_once(client, world):
    from sakip.organisasi.models import Akun

    login(client, world, "admin_pemda")
    response = client.post(reverse("akun_list"), {"username": "operator-baru", "peran": "operator"})
    assert response.status_code == 422
    assert "harus terhubung ke satu OPD" in response.content.decode()
    opd = PerangkatDaerah.objects.get(slug="dinas-lain", pemda=world)
    response = client.post(
        reverse("akun_list"), {"username": "operator-baru", "peran": "operator", "opd": opd.pk}
    )
    password = response.context["shown"][1]
    assert len(password) == 19 and password in response.content.decode()
    akun = Akun.objects.get(user__username="operator-baru")
    assert akun.pemda == world and akun.opd == opd
    assert akun.user.check_password(password)
    assert password not in client.get(reverse("akun_list")).content.decode()


def test_home_opens_the_latest_planned_year_not_an_empty_one(client, world):
    login(client, world, "operator", "kecamatan-contoh")
    response = client.get(reverse("home"))
    assert response["Location"].endswith("/opd/kecamatan-contoh/2024/")


def test_a_pemda_admin_cannot_reset_a_platform_superuser_with_an_akun(client, world):
    from django.contrib.auth import get_user_model

    from sakip.organisasi.models import Akun, Peristiwa

    root = get_user_model().objects.create_superuser("root", password="rahasia-panjang")
    akun = Akun.objects.create(user=root, pemda=world, peran="viewer")
    login(client, world, "admin_pemda")
    assert client.post(reverse("akun_reset", args=[akun.pk])).status_code == 404
    root.refresh_from_db()
    assert root.check_password("rahasia-panjang")
    operator = get_user_model().objects.create_user("op-lain", password="x")
    target = Akun.objects.create(user=operator, pemda=world, peran="viewer")
    client.post(reverse("akun_reset", args=[target.pk]))
    assert Peristiwa.objects.filter(jenis="akun_kata_sandi", objek="Akun op-lain").exists()


def test_years_outside_2000_2100_are_not_found(client, world):
    login(client, world, "operator", "kecamatan-contoh")
    assert client.get("/opd/kecamatan-contoh/0000/").status_code == 404
    assert client.get("/opd/kecamatan-contoh/9999/").status_code == 404


def test_pemda_cap_limits_each_capaian_before_the_roll_up(client, world):
    from decimal import Decimal

    from sakip.formulas.result import Result
    from sakip.pengukuran.overview import capped

    assert capped(Result.computed(Decimal(150)), Decimal(120)).value == Decimal(120)
    assert capped(Result.computed(Decimal(50)), Decimal(120)).value == Decimal(50)
    assert capped(Result.missing("x"), Decimal(120)).value is None
    world.batas_capaian = Decimal(100)
    world.save()
    login(client, world, "evaluator")
    rows = client.get(reverse("ringkasan_pemda", args=[2024])).context["rows"]
    contoh = next(r for r in rows if r.nama == "Kecamatan Contoh")
    assert contoh.capaian.value == Decimal(100)  # 102,19 % capped at 100
