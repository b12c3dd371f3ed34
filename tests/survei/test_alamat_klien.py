"""Who the citizen is, behind a reverse proxy, and how the rate limit and the duplicate check
use it: X-Forwarded-For only from a trusted proxy; a valid one-time code is never refused as a
duplicate; wrong codes count toward the limit; the cache is shared by every process."""

import threading
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection, connections
from django.test import RequestFactory
from django.urls import reverse

from sakip.organisasi.alamat import alamat_ip_klien, alamat_klien
from sakip.settings import cache_from_env
from sakip.survei import actions, publik
from sakip.survei.models import Respons
from tests.redis_util import redis_url_or_skip
from tests.survei.conftest import filled, open_period

pytestmark = pytest.mark.django_db
NGINX = "127.0.0.1"


def url(layanan):
    return reverse("skm_form", args=[layanan.token])


def alamat(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return alamat_klien(RequestFactory().get("/", **meta))


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.SAKIP_TRUSTED_PROXIES = []
    assert alamat(NGINX, "203.0.113.7") == NGINX
    assert alamat("198.51.100.4", "203.0.113.7") == "198.51.100.4"


def test_behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client(settings):
    settings.SAKIP_TRUSTED_PROXIES = [NGINX, "10.0.0.5"]
    assert alamat(NGINX, "203.0.113.7") == "203.0.113.7"
    # the client wrote "1.2.3.4" itself; nginx appended what it saw; a second proxy too
    assert alamat(NGINX, "1.2.3.4, 203.0.113.7, 10.0.0.5") == "203.0.113.7"
    assert alamat(NGINX, "") == NGINX
    assert alamat(NGINX) == NGINX
    # a client that connects directly cannot choose its address with the header
    assert alamat("198.51.100.4", "203.0.113.7") == "198.51.100.4"


def test_axes_gets_the_same_address_or_none_when_it_is_not_an_ip_address(settings):
    settings.SAKIP_TRUSTED_PROXIES = [NGINX]
    behind_nginx = RequestFactory().get("/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="2001:db8::7")
    assert alamat_ip_klien(behind_nginx) == "2001:db8::7"
    garbled = RequestFactory().get("/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="unknown")
    assert alamat_klien(garbled) == "unknown"  # still a key for a limit
    assert alamat_ip_klien(garbled) is None  # not for an IP address column
    assert alamat_ip_klien(RequestFactory().get("/", REMOTE_ADDR="")) is None


def test_behind_nginx_two_citizens_with_the_same_answers_both_count(
    client, settings, periode, layanan
):
    settings.SAKIP_TRUSTED_PROXIES = [NGINX]
    first = client.post(
        url(layanan), filled(), REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    second = client.post(
        url(layanan), filled(), REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert (first.status_code, second.status_code) == (302, 302)
    again = client.post(
        url(layanan), filled(), REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert again.status_code == 409
    assert Respons.objects.count() == 2


def test_behind_nginx_each_citizen_has_their_own_rate_limit(client, settings, periode, layanan):
    settings.SAKIP_TRUSTED_PROXIES = [NGINX]
    settings.SAKIP_SKM_BATAS_RESPONS = 2
    for age in (30, 31):
        post = client.post(
            url(layanan), filled(usia=str(age)), REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="1.1.1.1"
        )
        assert post.status_code == 302
    held = client.post(
        url(layanan), filled(usia="32"), REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="1.1.1.1"
    )
    assert held.status_code == 429
    other = client.post(
        url(layanan), filled(usia="32"), REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="2.2.2.2"
    )
    assert other.status_code == 302


def test_a_valid_code_is_never_refused_as_a_duplicate(client, periode, layanan, operator):
    codes = [row.kode for row in actions.buat_kode(operator, periode, 2)]
    for kode in codes:  # two citizens at one office computer, same answers
        assert (
            client.post(url(layanan), filled(kode=kode), REMOTE_ADDR="10.0.0.2").status_code == 302
        )
    assert Respons.objects.count() == 2


def test_wrong_codes_count_toward_the_rate_limit(client, settings, periode, layanan, operator):
    settings.SAKIP_SKM_BATAS_RESPONS = 3
    actions.buat_kode(operator, periode, 1)
    for guess in ("AAAAAAAA", "CCCCCCCC", "DDDDDDDD"):
        wrong = client.post(url(layanan), filled(kode=guess), REMOTE_ADDR="10.0.0.66")
        assert wrong.status_code == 422
    held = client.post(url(layanan), filled(kode="EEEEEEEE"), REMOTE_ADDR="10.0.0.66")
    assert held.status_code == 429
    assert Respons.objects.count() == 0


def test_the_same_answers_sent_again_do_not_use_up_the_limit(client, settings, periode, layanan):
    settings.SAKIP_SKM_BATAS_RESPONS = 2
    assert client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.68").status_code == 302
    for _i in range(3):  # the same answers: refused as duplicates, not counted
        assert client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.68").status_code == 409
    assert client.post(url(layanan), filled(usia="50"), REMOTE_ADDR="10.0.0.68").status_code == 302
    assert client.post(url(layanan), filled(usia="51"), REMOTE_ADDR="10.0.0.68").status_code == 429


def test_a_missing_required_code_is_not_counted_as_a_guess(
    client, settings, opd, operator, layanan
):
    settings.SAKIP_SKM_BATAS_RESPONS = 1
    open_period(operator, opd, wajib_kode=True)
    for _i in range(2):
        assert client.post(url(layanan), filled(), REMOTE_ADDR="10.0.0.67").status_code == 422


def test_the_cache_is_shared_by_every_process_of_the_machine(tmp_path):
    files = cache_from_env({}, tmp_path)["default"]
    assert files["BACKEND"] == "sakip.organisasi.cache.AtomicFileBasedCache"
    assert Path(files["LOCATION"]) == tmp_path / "cache"
    redis = cache_from_env({"SAKIP_REDIS_URL": "redis://127.0.0.1:6379/3"}, tmp_path)["default"]
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }


def test_the_default_settings_do_not_count_per_process():
    from django.conf import global_settings

    import sakip.settings as project

    assert project.CACHES != global_settings.CACHES
    assert "locmem" not in project.CACHES["default"]["BACKEND"]


def test_a_file_cache_counts_across_processes(settings, tmp_path, periode, layanan):
    """Two cache handles on one folder (as two gunicorn workers) see one count."""
    settings.CACHES = cache_from_env({}, tmp_path)
    settings.SAKIP_SKM_BATAS_RESPONS = 2
    assert publik.catat_kiriman("10.9.9.9", layanan.opd_id)
    other_worker = caches.create_connection("default")
    key = publik._kunci_batas("10.9.9.9", layanan.opd_id)
    assert other_worker.incr(key) == 2
    assert not publik.catat_kiriman("10.9.9.9", layanan.opd_id)
    assert other_worker.get(key) == 2  # the refused one gave its count back


@pytest.mark.django_db(transaction=True)
def test_two_identical_submissions_at_once_are_stored_once(opd, operator, layanan, monkeypatch):
    """The service's row lock orders the duplicate checks: without it both threads would find
    no earlier twin before either wrote."""
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is one shared-cache file: threads lock it")
    periode = open_period(operator, opd)
    barrier = threading.Barrier(2)
    original = Respons.objects.create

    def slow_create(**kwargs):
        import time

        time.sleep(0.3)
        return original(**kwargs)

    monkeypatch.setattr(Respons.objects, "create", slow_create)
    results = []

    def submit():
        try:
            barrier.wait()
            actions.kirim_respons(layanan, periode, filled(), "", "sidik-sama")
            results.append("ok")
        except actions.Duplikat:
            results.append("duplikat")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["duplikat", "ok"]
    assert Respons.objects.count() == 1


def test_a_redis_cache_counts_the_limit(settings, periode, layanan):
    settings.CACHES = cache_from_env({"SAKIP_REDIS_URL": redis_url_or_skip()}, Path("."))
    settings.SAKIP_SKM_BATAS_RESPONS = 2
    caches["default"].delete(publik._kunci_batas("10.8.8.8", layanan.opd_id))
    for _i in range(2):
        assert publik.catat_kiriman("10.8.8.8", layanan.opd_id)
    assert not publik.catat_kiriman("10.8.8.8", layanan.opd_id)
    publik.batalkan_kiriman("10.8.8.8", layanan.opd_id)  # one of the two was not a submission
    assert publik.catat_kiriman("10.8.8.8", layanan.opd_id)
    caches["default"].delete(publik._kunci_batas("10.8.8.8", layanan.opd_id))
