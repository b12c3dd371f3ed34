"""Load test: `sakip serve` on loopback with the demo, at N concurrent clients (issue 12).

Run:  .venv/bin/python bench/beban.py [--duration 60] [--clients 8] [--workers W]
                                       [--db NAME [--keep]] [--server URL]

1. Makes a demo database: PostgreSQL database --db on --server (an old one of that name is
   dropped first, this one after the run unless --keep), or SQLite in a temporary data folder
   without --db; the schema straight from the models (bench/benchdb.py), then the real
   `sakip demo --no-serve` loader (Kecamatan Jati with its SKM, whose 2026 form is open). The
   operator's password is set to a known one (the demo prints its generated passwords once).
2. Starts `sakip serve --bind 127.0.0.1:<free port>` (gunicorn, production settings, --workers or
   sakip's default) in its own process group, with SAKIP_SKM_BATAS_RESPONS=1000000000: the public
   form allows 10 responses per address per OPD in 10 minutes, every client here is 127.0.0.1
   and the app rightly does not trust X-Forwarded-For without SAKIP_TRUSTED_PROXIES, so the limit
   is raised for this server only (the output says so). Duplicate detection stays on: answers
   are random, and a 409 "sudah diterima" is counted apart, not as an error.
3. --clients threads, each with its own login as operator-jati (GET /masuk/ for the CSRF cookie
   and token, POST), then for --duration seconds each, one page after the other, all clients
   on the same page: the trivial page (GET /masuk/), the OPD dashboard, a quarter page, and the
   public SKM form (each submission a new visitor: GET the form, POST random valid answers to a
   random open service). One connection per request (no keep-alive race with gunicorn's
   worker recycling).
4. Prints per page: requests, errors (any other status, or no answer), requests/s, p50 and p95,
   and p95 and rate against the trivial page of the same server in the same run; then the SKM
   submissions per second against the 41,8/s measured before the recompute was debounced, and
   every error by page and status (the server's log is kept then). With --strict it exits 1
   when any request failed.

The clients run on the same cores as the server and the database: the ratios to the trivial
page, measured in the same run, are the figures to compare between machines.
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchdb import (
    DEFAULT_SERVER,
    HOST,
    create_database,
    create_schema,
    drop_database,
    setup_django,
)

OPD = "kecamatan-jati"
USER = "operator-jati"
PAGES = {  # page → path; the SKM form is a GET and a POST per submission
    "trivial": "/masuk/",
    "dashboard": f"/opd/{OPD}/2024/",
    "triwulan": f"/opd/{OPD}/2024/triwulan/4/",
}
SKM_RATE_BEFORE = 41.8  # submissions/s, bench/skm.py before the debounce (issue 12)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RAISED_LIMIT = "1000000000"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# --- the demo and the server ------------------------------------------------------------------


def prepare_demo(url: str | None, data_dir: Path) -> tuple[str, list[str]]:
    """The demo loaded; the operator's password and the tokens of the open SKM services."""
    setup_django(url, data_dir)
    create_schema()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    from sakip.survei import publik
    from sakip.survei.models import Layanan

    call_command("demo", no_serve=True, stdout=io.StringIO())
    password = secrets.token_urlsafe(16)
    user = get_user_model().objects.get(username=USER)
    user.set_password(password)
    user.save()
    tokens = [
        layanan.token
        for layanan in Layanan.objects.filter(opd__slug=OPD)
        if publik.periode_berjalan(layanan) is not None
    ]
    connections.close_all()  # the server's processes have the database to themselves
    if not tokens:
        raise SystemExit("the demo has no open SKM period: nothing to post the public form to")
    return password, tokens


def start_server(url: str | None, data_dir: Path, port: int, workers: int | None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAKIP_", "DJANGO_"))}
    env.update(
        SAKIP_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="sakip.settings",
        SAKIP_SKM_BATAS_RESPONS=RAISED_LIMIT,
    )
    if url:
        env["SAKIP_DATABASE_URL"] = url
    argv = [sys.executable, "-m", "sakip", "serve", "--bind", f"{HOST}:{port}"]
    if workers:
        argv += ["--workers", str(workers)]
    log = data_dir / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.time() + 180  # collectstatic, then gunicorn with --preload
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"sakip serve stopped:\n{log.read_text()[-3000:]}")
        try:
            if Browser(port).request("GET", "/masuk/")[0] == 200:
                found = re.search(r"dengan (\d+) proses", log.read_text())
                return server, found.group(1) if found else "?"
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"sakip serve did not answer:\n{log.read_text()[-3000:]}")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# --- the clients ------------------------------------------------------------------------------


class Browser:
    """Cookies and one connection per request; (status, body) back."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text

    def post_form(self, path: str, page: str, fields: dict) -> int:
        token = CSRF_INPUT.search(page)
        return self.request("POST", path, {"csrfmiddlewaretoken": token.group(1), **fields})[0]

    def login(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/masuk/")
        answer = self.post_form("/masuk/", page, {"username": username, "password": password})
        if status != 200 or answer != 302:
            raise SystemExit(f"login as {username} failed: GET {status}, POST {answer}")


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    failures: Counter = field(default_factory=Counter)  # (page, status) of each error
    duplicates: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, status: int, ok: bool) -> None:
        with self.lock:
            self.times.setdefault(page, []).append(seconds)
            self.errors.setdefault(page, 0)
            if not ok:
                self.errors[page] += 1
                self.failures[page, status] += 1


def timed_request(tally: Tally, page: str, expected: set[int], fn) -> tuple[int, str]:
    start = time.perf_counter()
    try:
        status, text = fn()
    except (OSError, http.client.HTTPException):
        status, text = 0, ""
    tally.add(page, time.perf_counter() - start, status, status in expected)
    return status, text


def random_answers(rng: random.Random) -> dict:
    return {
        "jenis_kelamin": rng.choice("LP"),
        "usia": str(rng.randint(17, 80)),
        "pendidikan": rng.choice(["sd", "smp", "sma", "s1"]),
        "pekerjaan": rng.choice(["petani", "swasta", "wirausaha", "lainnya"]),
        **{f"u{i}": str(rng.randint(1, 4)) for i in range(1, 10)},
        "saran": "",
        "kode": "",
        "situs": "",
    }


def submit_skm(port: int, tally: Tally, tokens: list[str], rng: random.Random) -> None:
    visitor = Browser(port)  # a new respondent: no session, a CSRF cookie of its own
    path = f"/skm/{rng.choice(tokens)}/"
    status, page = timed_request(tally, "skm_form", {200}, lambda: visitor.request("GET", path))
    if status != 200 or not CSRF_INPUT.search(page):
        return
    status, _text = timed_request(
        tally,
        "skm_kirim",
        {302, 409},
        lambda: (visitor.post_form(path, page, random_answers(rng)), ""),
    )
    if status == 409:
        with tally.lock:
            tally.duplicates += 1


def run_phase(page: str, browsers, tokens, duration: float) -> tuple[Tally, float]:
    tally = Tally()
    deadline = time.time() + duration

    def client(number: int, browser: Browser) -> None:
        rng = random.Random(number)
        while time.time() < deadline:
            if page == "skm":
                submit_skm(browser.port, tally, tokens, rng)
            else:
                timed_request(tally, page, {200}, lambda: browser.request("GET", PAGES[page]))

    threads = [
        threading.Thread(target=client, args=(n, b), daemon=True) for n, b in enumerate(browsers)
    ]
    start = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.time() - start


def warm_up(browsers, tokens) -> None:
    """Every page a few times per client before anything is timed: each gunicorn process
    loads its templates and caches on its first requests."""
    for _round in range(2):
        for number, browser in enumerate(browsers):
            for path in PAGES.values():
                browser.request("GET", path)
            Browser(browser.port).request("GET", f"/skm/{tokens[number % len(tokens)]}/")


# --- the report -------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


LABELS = {
    "trivial": "trivial page GET /masuk/",
    "dashboard": f"dashboard GET {PAGES['dashboard']}",
    "triwulan": f"quarter page GET {PAGES['triwulan']}",
    "skm_form": "SKM form GET /skm/<token>/",
    "skm_kirim": "SKM submit POST /skm/<token>/",
}


def report(results: dict[str, tuple[Tally, float]]) -> int:
    rows = {}
    for tally, elapsed in results.values():
        for page, times in tally.times.items():
            rows[page] = (len(times), tally.errors[page], len(times) / elapsed, times)
    base_rate = rows["trivial"][2]
    base_p95 = percentile(rows["trivial"][3], 0.95)
    print(
        f"{'page':<54} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p95 ×trivial':>12} {'rate ×trivial':>13}"
    )
    for page, (count, errors, rate, times) in rows.items():
        p95 = percentile(times, 0.95)
        print(
            f"{LABELS[page]:<54} {count:>8} {errors:>6} {rate:>7.1f} "
            f"{percentile(times, 0.5) * 1000:>7.0f} {p95 * 1000:>7.0f} "
            f"{p95 / base_p95:>12.1f} {rate / base_rate:>13.2f}"
        )
    tally, elapsed = results["skm"]
    stored = rows["skm_kirim"][0] - rows["skm_kirim"][1] - tally.duplicates
    rate = stored / elapsed
    print(
        f"SKM submissions stored: {stored} in {elapsed:.0f} s = {rate:.1f}/s "
        f"({tally.duplicates} duplicates refused with 409); ratio to the trivial page's "
        f"requests/s {rate / base_rate:.2f}; {rate / SKM_RATE_BEFORE:.1f}× the "
        f"{SKM_RATE_BEFORE}/s measured before the debounce"
    )
    failures = Counter()
    for tally, _elapsed in results.values():
        failures.update(tally.failures)
    print(
        f"errors: {sum(failures.values())}"
        + "".join(
            f"; {LABELS[page]} answered {status or 'nothing'} ×{n}"
            for (page, status), n in sorted(failures.items())
        )
    )
    return sum(failures.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per page")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, help="gunicorn processes (sakip's default)")
    parser.add_argument("--db", help="PostgreSQL database to create (default: SQLite)")
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a request failed")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="bench-beban-"))
    url = create_database(args.server, args.db) if args.db else None
    errors = None
    try:
        start = time.perf_counter()
        password, tokens = prepare_demo(url, data_dir)
        loaded = time.perf_counter()
        port = free_port()
        server, workers = start_server(url, data_dir, port, args.workers)
        print(
            f"demo loaded in {loaded - start:.0f} s, sakip serve answering "
            f"{time.perf_counter() - loaded:.0f} s later"
        )
        try:
            browsers = [Browser(port) for _i in range(args.clients)]
            for browser in browsers:
                browser.login(USER, password)
            warm_up(browsers, tokens)
            print(
                f"sakip serve on {HOST}:{port}: {workers} gunicorn processes × 2 threads, "
                f"{'PostgreSQL ' + args.db if url else 'SQLite'}, the demo (Kecamatan Jati); "
                f"{args.clients} client threads on the same machine, {args.duration:.0f} s per "
                f"page, logged in as {USER}"
            )
            print(
                f"NOTE: SAKIP_SKM_BATAS_RESPONS={RAISED_LIMIT} for this server: the public "
                "form's limit per address is off, every client is 127.0.0.1"
            )
            results = {
                phase: run_phase(phase, browsers, tokens, args.duration)
                for phase in ("trivial", "dashboard", "triwulan", "skm")
            }
        finally:
            stop_server(server)
        errors = report(results)
    finally:
        if args.db and not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.server, args.db)
        if errors == 0:
            shutil.rmtree(data_dir, ignore_errors=True)
        else:
            print(f"the data folder and the server's log are kept: {data_dir}")
    return 1 if errors and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
