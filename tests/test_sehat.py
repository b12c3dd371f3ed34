"""/sehat: 200 with every required check passing, 503 when one fails; no login; no secret."""

import json
import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from sakip.sehat import detak_worker
from tests.server_util import HOST, child_env, free_port, get_in_child

pytestmark = pytest.mark.django_db


def sehat(client=None, **headers):
    response = (client or Client()).get(reverse("sehat"), headers=headers)
    return response, json.loads(response.content)


def test_it_answers_200_without_login_when_everything_is_up():
    response, body = sehat()
    assert response.status_code == 200
    assert body["status"] == "baik"
    assert set(body["periksa"]) == {"basis_data", "cache", "worker", "libreoffice"}
    assert all(check["ok"] for check in body["periksa"].values())
    assert body["periksa"]["worker"] == {"ok": True, "wajib": False, "keadaan": "belum ada worker"}
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_it_answers_head_and_refuses_post():
    assert Client().head(reverse("sehat")).status_code == 200
    assert Client().post(reverse("sehat")).status_code == 405


def test_it_answers_503_when_the_cache_is_unreachable():
    nowhere = f"redis://{HOST}:{free_port()}/0"
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": nowhere}
    }
    with override_settings(CACHES=caches):
        response, body = sehat()
    assert response.status_code == 503
    assert body["status"] == "terganggu"
    assert body["periksa"]["cache"]["ok"] is False
    assert body["periksa"]["cache"]["galat"] == "cache tidak menjawab"
    assert body["periksa"]["basis_data"]["ok"] is True
    assert nowhere.split("//")[1] not in response.content.decode()  # no address in the answer


def test_it_answers_503_when_the_database_is_unreachable(tmp_path):
    port = free_port()
    env = child_env(tmp_path, SAKIP_DATABASE_URL=f"postgresql://sakip:rahasia@{HOST}:{port}/sakip")
    answers, log = get_in_child(env, "uji-sehat-basis-data", "/sehat")
    status, text = answers["/sehat"]
    body = json.loads(text)
    assert status == 503
    assert body["periksa"]["basis_data"] == {
        "ok": False,
        "galat": "basis data tidak menjawab",
        "ms": body["periksa"]["basis_data"]["ms"],
    }
    assert body["periksa"]["cache"]["ok"] is True
    assert str(port) not in text and "rahasia" not in text
    # the reason is in the log, on the request's id
    assert "[uji-sehat-basis-data] sakip.sehat: sehat: basis data tidak menjawab" in log


def test_a_worker_heartbeat_is_reported_with_its_age():
    detak_worker(time.time() - 42)
    _response, body = sehat()
    worker = body["periksa"]["worker"]
    assert worker["ok"] is True and worker["keadaan"] == "berjalan"
    assert 42 <= worker["umur_detik"] <= 45


def test_a_late_heartbeat_is_reported_but_only_a_required_worker_makes_it_503(settings):
    detak_worker(time.time() - 301)
    response, body = sehat()
    assert response.status_code == 200
    assert body["periksa"]["worker"]["keadaan"] == "terlambat"
    settings.SAKIP_WORKER_WAJIB = True
    response, body = sehat()
    assert response.status_code == 503
    assert body["periksa"]["worker"] == {
        "ok": False,
        "wajib": True,
        "keadaan": "terlambat",
        "umur_detik": body["periksa"]["worker"]["umur_detik"],
    }


def test_a_required_worker_that_never_beat_makes_it_503(settings):
    settings.SAKIP_WORKER_WAJIB = True
    response, body = sehat()
    assert response.status_code == 503
    assert body["periksa"]["worker"]["keadaan"] == "belum ada worker"
    detak_worker()
    assert sehat()[0].status_code == 200


def test_it_answers_503_without_libreoffice(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    response, body = sehat()
    assert response.status_code == 503
    assert body["periksa"]["libreoffice"]["ok"] is False
    assert "LibreOffice tidak terpasang" in body["periksa"]["libreoffice"]["galat"]


def test_behind_https_a_local_monitor_gets_it_over_plain_http(tmp_path):
    """SAKIP_HTTPS=1 redirects every page to https, but not /sehat: a monitor on the machine
    asks gunicorn directly."""
    env = child_env(tmp_path, SAKIP_HTTPS="1", SAKIP_SECRET_KEY="k" * 50)
    answers, _log = get_in_child(env, "uji-sehat-https", "/sehat", "/masuk/")
    assert answers["/sehat"][0] == 200
    assert answers["/masuk/"][0] == 301
