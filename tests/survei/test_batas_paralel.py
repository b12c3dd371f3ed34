"""The public form's rate limit is exact under parallel requests, on the file cache and on Redis
(issue 10, "Done when"): 8 clients sending 200 submissions at once from one address, through HTTP,
to gunicorn (4 worker processes × 2 threads, as parallel as production), get exactly the
configured limit accepted and stored.

The server runs on a SQLite database of its own, made once for this module (whatever database the
suite runs on: it is the cache that is under test), with one OPD per cache."""

import collections
import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.redis_util import redis_url_or_skip

BATAS = 17  # SAKIP_SKM_BATAS_RESPONS for the server: not the default 10
CLIENTS, EACH = 8, 25
HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")

SETUP = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.survei.models import Layanan, PeriodeSurvei

class NoMigrations(dict):  # tables made from the models, as pytest --nomigrations: 2 s, not 15
    def __contains__(self, app):
        return True
    def __getitem__(self, app):
        return None

settings.MIGRATION_MODULES = NoMigrations()
call_command("migrate", run_syncdb=True, verbosity=0)
today = timezone.localdate()
pemda = Pemda.objects.create(slug="kabupaten-uji", nama="Kabupaten Uji", jenis="kabupaten")
for cache in ("berkas", "redis"):
    opd = PerangkatDaerah.objects.create(
        pemda=pemda, slug="kecamatan-" + cache, nama="Kecamatan " + cache, jenis="kecamatan"
    )
    Layanan.objects.create(pemda=pemda, opd=opd, kode="l1", nama="KTP", token="uji-" + cache)
    PeriodeSurvei.objects.create(
        pemda=pemda, opd=opd, tahun=today.year, jenis="tahun", populasi=5000,
        mulai=today.replace(month=1, day=1), selesai=today.replace(month=12, day=31),
    )
"""


def _env(data_dir: Path, **extra) -> dict:
    skip = ("SAKIP_DATABASE_URL", "SAKIP_REDIS_URL", "SAKIP_TRUSTED_PROXIES")
    env = {k: v for k, v in os.environ.items() if k not in skip and not k.startswith("DJANGO_")}
    return {**env, "SAKIP_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "sakip.settings"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("skm-paralel")
    subprocess.run(
        [sys.executable, "-c", SETUP], env=_env(data_dir), check=True, timeout=300
    )  # also makes the data directory's secret key, which every worker then shares
    return data_dir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    connection.request("GET", "/masuk/")
    return connection.getresponse().status == 200


def start_gunicorn(data_dir: Path, port: int, **env) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sakip.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            "4",
            "--threads",
            "2",
            "--preload",
            "--log-level",
            "warning",
        ],
        env={**_env(data_dir), "SAKIP_SKM_BATAS_RESPONS": str(BATAS), **env},
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if _answers(port):
                return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise RuntimeError("gunicorn did not answer")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, 15)
    server.wait(timeout=30)


def _client(port: int, path: str, first: int, barrier: threading.Barrier, statuses: list) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    page = response.read().decode()
    cookie = CSRF_COOKIE.search(response.getheader("Set-Cookie") or "").group(1)
    token = CSRF_INPUT.search(page).group(1)
    barrier.wait()
    for k in range(first, first + EACH):  # 200 different submissions: none is a duplicate
        form = {
            "csrfmiddlewaretoken": token,
            "jenis_kelamin": "LP"[k % 2],
            "usia": str(20 + k % 50),
            "pendidikan": "sma",
            "pekerjaan": "swasta",
            **{f"u{i}": str(1 + (k // 50 + i) % 4) for i in range(1, 10)},
            "saran": "",
            "kode": "",
            "situs": "",
        }
        connection = http.client.HTTPConnection(HOST, port, timeout=60)  # idle ones get closed
        connection.request(
            "POST",
            path,
            urllib.parse.urlencode(form),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"},
        )
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)


def send_in_parallel(port: int, path: str) -> collections.Counter:
    barrier, statuses = threading.Barrier(CLIENTS), []
    clients = [
        threading.Thread(target=_client, args=(port, path, c * EACH, barrier, statuses))
        for c in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=120)
    return collections.Counter(statuses)


def stored(data_dir: Path, token: str) -> int:
    with sqlite3.connect(data_dir / "sakip.sqlite3") as db:
        return db.execute(
            "SELECT COUNT(*) FROM survei_respons r JOIN survei_layanan l ON r.layanan_id = l.id "
            "WHERE l.token = ?",
            (token,),
        ).fetchone()[0]


@pytest.mark.parametrize("cache", ["berkas", "redis"])
def test_eight_parallel_clients_get_exactly_the_limit_accepted(data_dir, cache):
    env = {"SAKIP_REDIS_URL": redis_url_or_skip()} if cache == "redis" else {}
    port = _free_port()
    server = start_gunicorn(data_dir, port, **env)
    try:
        statuses = send_in_parallel(port, f"/skm/uji-{cache}/")
    finally:
        stop(server)
    assert statuses == {302: BATAS, 429: CLIENTS * EACH - BATAS}
    assert stored(data_dir, f"uji-{cache}") == BATAS
