"""`sakip serve` (gunicorn with the production settings), its refusals, request ids and Sentry."""

import gzip
import http.client
import io
import json
import logging
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from sakip.server.gunicorn import MAX_WORKERS, default_workers
from sakip.server.request_id import RequestIdFilter
from tests.server_util import HOST, child_env, free_port

SAKIP = [sys.executable, "-m", "sakip"]


def _run(argv: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)


# --- refusals and the worker count ----------------------------------------------------------


def test_it_refuses_to_serve_with_debug_on(tmp_path):
    result = _run([*SAKIP, "serve"], child_env(tmp_path, SAKIP_DEBUG="1"))
    assert result.returncode == 1
    assert "SAKIP_DEBUG aktif" in result.stderr
    assert "Hapus SAKIP_DEBUG" in result.stderr
    assert not (tmp_path / "static").exists()  # refused before anything was done


def test_it_refuses_https_without_a_secret_key(monkeypatch):
    monkeypatch.setenv("SAKIP_HTTPS", "1")
    monkeypatch.delenv("SAKIP_SECRET_KEY", raising=False)
    with pytest.raises(CommandError, match="SAKIP_HTTPS=1 tanpa SAKIP_SECRET_KEY"):
        call_command("serve")


@pytest.mark.parametrize("workers", ["0", "-2", "dua"])
def test_it_refuses_a_worker_count_that_is_not_a_positive_number(workers):
    with pytest.raises(CommandError, match="--workers harus bilangan bulat 1 atau lebih"):
        call_command("serve", "--workers", workers)


def test_the_default_worker_count_is_two_per_core_plus_one_within_a_cap():
    assert default_workers({}, ncores=1) == 3
    assert default_workers({}, ncores=2) == 5
    assert default_workers({}, ncores=32) == MAX_WORKERS
    assert default_workers({"SAKIP_WEB_WORKERS": "7"}, ncores=2) == 7
    with pytest.raises(ValueError, match="SAKIP_WEB_WORKERS harus"):
        default_workers({"SAKIP_WEB_WORKERS": "0"}, ncores=2)


# --- request ids ------------------------------------------------------------------------------


def test_a_well_formed_request_id_from_the_proxy_is_sent_back(db):
    response = Client().get("/masuk/", headers={"X-Request-ID": "0f3c9a1b2d4e5f60718293a4b5c6d7e8"})
    assert response["X-Request-ID"] == "0f3c9a1b2d4e5f60718293a4b5c6d7e8"


@pytest.mark.parametrize("sent", [None, "", "pendek", "a b c d e f", "x" * 65, "id\ninjeksi-log"])
def test_a_missing_or_malformed_request_id_is_replaced_by_a_new_one(db, sent):
    headers = {} if sent is None else {"X-Request-ID": sent}
    first = Client().get("/masuk/", headers=headers)["X-Request-ID"]
    second = Client().get("/masuk/", headers=headers)["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


@pytest.fixture
def log_lines():
    """What the application's log handler (settings.LOGGING) writes, while the test runs."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestIdFilter) for f in h.filters)
    )
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield lambda: stream.getvalue().splitlines()
    handler.setStream(old)


def test_every_log_record_of_a_request_carries_its_id(db, log_lines):
    Client().get("/tidak-ada/", headers={"X-Request-ID": "uji-log-00000001"})
    logging.getLogger("sakip.uji").warning("sesudah permintaan")
    lines = log_lines()
    # Django logs a 404 after the middleware has returned: the id is still the request's
    assert any("[uji-log-00000001] django.request: Not Found: /tidak-ada/" in ln for ln in lines)
    assert any("[-] sakip.uji: sesudah permintaan" in ln for ln in lines), lines


# --- the server -------------------------------------------------------------------------------


def _get(port, path, **headers):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response, response.read()


def _wait_for(port, server, deadline=90):
    end = time.time() + deadline
    while time.time() < end and server.poll() is None:
        try:
            return _get(port, "/sehat")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"sakip serve did not answer (exit {server.poll()})")


def test_sakip_serve_answers_a_page_a_static_file_and_sehat(tmp_path):
    port = free_port()
    env = child_env(tmp_path, SAKIP_HTTPS="1", SAKIP_SECRET_KEY=secrets.token_urlsafe(50))
    log = (tmp_path / "akses.log").open("w")
    server = subprocess.Popen(
        [*SAKIP, "serve", "--bind", f"{HOST}:{port}", "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for(port, server)
        sehat, body = _get(port, "/sehat", **{"X-Request-ID": "uji-serve-00000001"})
        behind_nginx = {"X-Forwarded-Proto": "https"}
        page, html = _get(port, "/masuk/", **behind_nginx)
        plain_http, _ = _get(port, "/masuk/")
        css_url = re.search(r'href="(/static/sakip/sakip\.[0-9a-f]{12}\.css)"', html.decode())
        assert css_url, html.decode()
        css, css_body = _get(port, css_url.group(1), **behind_nginx)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()
    assert sehat.status == 200 and json.loads(body)["status"] == "baik"
    assert sehat.getheader("X-Request-ID") == "uji-serve-00000001"
    assert page.status == 200
    assert plain_http.status == 301  # the production settings: pages only over https
    # the static file as collected into the data directory, under its hashed name, for ever
    assert css.status == 200 and css.getheader("Content-Type").startswith("text/css")
    assert "immutable" in css.getheader("Cache-Control")
    assert css_body == (tmp_path / css_url.group(1).lstrip("/")).read_bytes()
    access_log = (tmp_path / "akses.log").read_text()
    assert re.search(r'"GET /sehat HTTP/1.1" 200 .* id=uji-serve-00000001', access_log), access_log


# --- Sentry -----------------------------------------------------------------------------------

BOOM = """
import sys, django
django.setup()
import sentry_sdk
from django.test import Client, override_settings
from django.urls import path

def boom(request):
    raise RuntimeError("uji sentry")

urlpatterns = [path("boom", boom)]
with override_settings(ROOT_URLCONF="__main__"):
    response = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False).get(
        "/boom", headers={"X-Request-ID": "uji-sentry-00000001", "Cookie": "sessionid=rahasia-sesi"}
    )
print(response.status_code)
sentry_sdk.flush(10)
"""


class _Envelopes(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_an_error_goes_to_sentry_with_the_request_id_and_no_personal_data(tmp_path):
    pytest.importorskip("sentry_sdk")
    collector = ThreadingHTTPServer((HOST, 0), _Envelopes)
    threading.Thread(target=collector.serve_forever, daemon=True).start()
    dsn = f"http://kuncipublik@{HOST}:{collector.server_address[1]}/1"
    try:
        result = _run([sys.executable, "-c", BOOM], child_env(tmp_path, SAKIP_SENTRY_DSN=dsn))
    finally:
        collector.shutdown()
    assert result.stdout.split() == ["500"], result.stderr
    events = [
        json.loads(line)
        for body in _Envelopes.received
        for line in body.splitlines()
        if b'"exception"' in line
    ]
    assert len(events) == 1, _Envelopes.received
    event = events[0]
    assert event["tags"]["request_id"] == "uji-sentry-00000001"
    assert event["exception"]["values"][-1]["value"] == "uji sentry"
    raw = b"".join(_Envelopes.received)
    assert b"rahasia-sesi" not in raw  # send_default_pii=False: no cookie
    assert "user" not in event or "ip_address" not in event["user"]


def test_a_dsn_without_sentry_sdk_installed_is_said_at_start(tmp_path):
    without_sentry = "import sys; sys.modules['sentry_sdk'] = None\nimport django; django.setup()"
    env = child_env(tmp_path, SAKIP_SENTRY_DSN="http://kunci@127.0.0.1:9/1")
    result = _run([sys.executable, "-c", without_sentry], env)
    assert result.returncode == 0
    assert "SAKIP_SENTRY_DSN diisi tetapi sentry-sdk tidak terpasang" in result.stderr
    assert "pip install 'sakip[sentry]'" in result.stderr
