"""Benchmark: SKM at the scale of a big pemda (issue 5).

Run:  .venv/bin/python bench/skm.py [--responses 1000000] [--opd 40] [--layanan 5]
                                     [--duration 20] [--concurrency 8] [--workers 3]

1. Creates its own PostgreSQL database (--db, default sakip_bench_skm on 127.0.0.1 as user
   postgres; dropped and made anew unless --reuse), migrates it, and builds one pemda with
   --opd OPDs × --layanan services, one open annual period per OPD for this year (dates
   around today, so the public form takes answers) and an IKM indicator per OPD linked to
   the SKM (sumber_realisasi "skm"), so every public submission also rewrites the realisation,
   as in production.
2. Loads --responses synthetic responses with COPY (psycopg), spread over the OPDs and
   services, each OPD with its own answer quality; ANALYZE.
3. Times `sakip.survei.hasil.ikm_semua_opd` (every OPD's IKM for the year: one aggregate query
   in the database, the formulas on 40 rows) and `hasil_periode` (one OPD's full results page
   model): median of --repeat runs, with their query counts.
4. Starts gunicorn (--workers sync workers) on loopback with the app and a load generator of
   --concurrency processes on the same machine. For --duration seconds each: (a) a trivial
   page of the same app, the login page GET; (b) public form submissions, each one a GET of
   the form (CSRF cookie and token) and a POST of valid random answers to a random service.
   Prints both rates and their ratio. The per-address rate limit of the public form
   (10 per 10 minutes) is switched off for the run through the setting
   SAKIP_SKM_BATAS_RESPONS (the app does not trust X-Forwarded-For, so all virtual users share
   127.0.0.1); the output says so. Duplicate detection stays on (answers are random).

The client runs on the same 2 cores as the server and the database: the ratio against the
trivial page, measured in the same run, is the figure to compare between machines.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")


# --- database --------------------------------------------------------------------------------


def fresh_database(url: str, name: str, reuse: bool) -> None:
    host = ["-h", HOST, "-U", "postgres"]
    if not reuse:
        subprocess.run(["dropdb", *host, "--if-exists", name], check=True)
    subprocess.run(["createdb", *host, name], capture_output=True)  # exists already: fine


def setup_django(url: str, work: Path) -> None:
    os.environ["SAKIP_DATABASE_URL"] = url
    os.environ["SAKIP_DATA_DIR"] = str(work)
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build_pemda(n_opd: int, n_layanan: int, tahun: int):
    """The pemda, its OPDs, services, periods and linked IKM indicators (ORM, a few hundred rows)."""
    import datetime

    from django.utils import timezone

    from sakip.organisasi.models import Pemda, PerangkatDaerah
    from sakip.perencanaan.models import Indikator
    from sakip.survei.models import Layanan, PeriodeSurvei

    pemda = Pemda.objects.filter(slug="kabupaten-bench").first()
    if pemda is not None:
        return pemda
    pemda = Pemda.objects.create(slug="kabupaten-bench", nama="Kabupaten Bench", jenis="kabupaten")
    today = timezone.localdate()
    for i in range(n_opd):
        opd = PerangkatDaerah.objects.create(
            pemda=pemda, slug=f"opd-{i:02d}", nama=f"OPD {i:02d}", jenis="dinas"
        )
        for j in range(n_layanan):
            Layanan.objects.create(
                pemda=pemda,
                opd=opd,
                kode=f"l{j}",
                nama=f"Layanan {j}",
                urutan=j,
                token=secrets.token_urlsafe(12),
            )
        PeriodeSurvei.objects.create(
            pemda=pemda,
            opd=opd,
            tahun=tahun,
            jenis="tahun",
            populasi=20_000,
            mulai=min(datetime.date(tahun, 1, 1), today),
            selesai=max(datetime.date(tahun, 12, 31), today),
        )
        Indikator.objects.create(
            pemda=pemda,
            opd=opd,
            kode="IKM",
            nama="Indeks Kepuasan Masyarakat",
            satuan="NIK",
            tipe_penghitungan="posisi_akhir",
            presisi=2,
            skala_min=25,
            skala_max=100,
            sumber_realisasi="skm",
        )
    return pemda


def load_responses(pemda, total: int, tahun: int) -> float:
    """COPY `total` responses into survei_respons; returns the seconds it took."""
    from django.db import connection

    from sakip.survei.models import Layanan, PeriodeSurvei, Respons

    periods = {p.opd_id: p.pk for p in PeriodeSurvei.objects.filter(pemda=pemda)}
    services = list(Layanan.objects.filter(pemda=pemda).values_list("opd_id", "pk"))
    rng = random.Random(2017)
    table = Respons._meta.db_table
    columns = (
        "pemda_id, opd_id, periode_id, layanan_id, diterima, saluran, jenis_kelamin, usia, "
        "pendidikan, pekerjaan, u1, u2, u3, u4, u5, u6, u7, u8, u9, saran, sidik, dibatalkan, "
        "alasan_batal"
    )
    # a pool of answer rows per OPD (each OPD its own quality), sampled per response
    pools = {}
    for opd_id in periods:
        quality = rng.uniform(2.4, 3.7)
        pools[opd_id] = [
            "\t".join(str(min(4, max(1, round(rng.gauss(quality, 0.6))))) for _u in range(9))
            for _k in range(997)
        ]
    profiles = [
        f"{rng.choice('LP')}\t{rng.randint(17, 75)}\t{rng.choice(['sd', 'smp', 'sma', 's1'])}\t"
        f"{rng.choice(['petani', 'swasta', 'wirausaha', 'pns', 'lainnya'])}"
        for _k in range(991)
    ]
    start = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            batch = []
            for i in range(total):
                opd_id, layanan_id = services[i % len(services)]
                pool = pools[opd_id]
                voided = "t" if i % 97 == 0 else "f"
                batch.append(
                    f"{pemda.pk}\t{opd_id}\t{periods[opd_id]}\t{layanan_id}\t"
                    f"{tahun}-06-01 08:00:00+00\tkertas\t{profiles[i % 991]}\t{pool[i % 997]}\t"
                    f"\t\t{voided}\t\n"
                )
                if len(batch) == 20_000:
                    copy.write("".join(batch))
                    batch = []
            copy.write("".join(batch))
    return time.perf_counter() - start


def vacuum_analyze() -> None:
    """What autovacuum does soon after a bulk load in production: statistics for the planner
    and the visibility map that lets the results read the `respons_hitung` index alone."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def time_results(pemda, tahun: int, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sakip.survei.hasil import hasil_periode, ikm_semua_opd
    from sakip.survei.models import PeriodeSurvei, Respons

    counted = Respons.objects.filter(pemda=pemda, dibatalkan=False).count()
    print(f"responses counted (not voided): {counted:,}".replace(",", "."))
    for label, fn in (
        ("every OPD's IKM (ikm_semua_opd)", lambda: ikm_semua_opd(pemda, tahun)),
        (
            "one OPD's results (hasil_periode)",
            lambda: hasil_periode(
                PeriodeSurvei.objects.select_related("opd__pemda").filter(pemda=pemda).first()
            ),
        ),
    ):
        fn()  # warm the cache
        times = []
        for _i in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
        print(
            f"{label}: median {statistics.median(times) * 1000:.0f} ms over {repeat} runs "
            f"(min {min(times) * 1000:.0f} ms), {len(captured)} queries"
        )
    rows = ikm_semua_opd(pemda, tahun)
    sample = rows[0]
    print(
        f"  e.g. {sample.nama}: {sample.ikm.responden} responden, IKM "
        f"{sample.ikm.nik:.2f} ({sample.ikm.mutu})"
    )


# --- load test -------------------------------------------------------------------------------


def start_server(work: Path, port: int, workers: int) -> subprocess.Popen:
    settings_dir = work / "benchsettings"
    settings_dir.mkdir(exist_ok=True)
    (settings_dir / "skm_bench_settings.py").write_text(
        "from sakip.settings import *  # noqa\n"
        "SAKIP_SKM_BATAS_RESPONS = 10**9  # bench only: every virtual user is 127.0.0.1\n"
    )
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "skm_bench_settings"
    env["PYTHONPATH"] = os.pathsep.join([str(settings_dir), str(ROOT / "src")])
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    server = subprocess.Popen(
        [
            gunicorn,
            "sakip.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    for _i in range(100):
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/masuk/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer")


def _trivial(port: int, deadline: float) -> dict:
    counts: dict = {"ok": 0, "other": 0}
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.time() < deadline:
        connection.request("GET", "/masuk/")
        response = connection.getresponse()
        response.read()
        counts["ok" if response.status == 200 else "other"] += 1
    return counts


def _submit(port: int, deadline: float, tokens: list[str], seed: int) -> dict:
    rng = random.Random(seed)
    counts: dict = {"ok": 0, "duplicate": 0, "other": 0, "requests": 0}
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.time() < deadline:
        path = f"/skm/{rng.choice(tokens)}/"
        connection.request("GET", path)
        response = connection.getresponse()
        page = response.read().decode()
        cookie = CSRF_COOKIE.search(response.getheader("Set-Cookie") or "")
        token = CSRF_INPUT.search(page)
        counts["requests"] += 1
        if response.status != 200 or not cookie or not token:
            counts["other"] += 1
            continue
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "jenis_kelamin": rng.choice("LP"),
            "usia": str(rng.randint(17, 80)),
            "pendidikan": rng.choice(["sd", "smp", "sma", "s1"]),
            "pekerjaan": rng.choice(["petani", "swasta", "wirausaha", "lainnya"]),
            **{f"u{i}": str(rng.randint(1, 4)) for i in range(1, 10)},
            "saran": "",
            "kode": "",
            "situs": "",
        }
        connection.request(
            "POST",
            path,
            urllib.parse.urlencode(form),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie.group(1)}",
            },
        )
        response = connection.getresponse()
        response.read()
        counts["requests"] += 1
        if response.status == 302:
            counts["ok"] += 1
        elif response.status == 409:
            counts["duplicate"] += 1
        else:
            counts["other"] += 1
    return counts


def run_load(kind: str, port: int, duration: float, concurrency: int, tokens) -> tuple[dict, float]:
    deadline = time.time() + duration
    with multiprocessing.get_context("fork").Pool(concurrency) as pool:
        start = time.time()
        if kind == "trivial":
            jobs = [pool.apply_async(_trivial, (port, deadline)) for _i in range(concurrency)]
        else:
            jobs = [
                pool.apply_async(_submit, (port, deadline, tokens, seed))
                for seed in range(concurrency)
            ]
        results = [job.get() for job in jobs]
        elapsed = time.time() - start
    total: dict = {}
    for result in results:
        for key, value in result.items():
            total[key] = total.get(key, 0) + value
    return total, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--layanan", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--db", default="sakip_bench_skm")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    parser.add_argument("--no-load-test", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-skm-"))
    url = f"postgresql://postgres@{HOST}:5432/{args.db}"
    fresh_database(url, args.db, args.reuse)
    setup_django(url, work)
    from django.core.management import call_command
    from django.utils import timezone

    from sakip.survei.models import Layanan, Respons

    tahun = timezone.localdate().year
    call_command("migrate", verbosity=0)
    pemda = build_pemda(args.opd, args.layanan, tahun)
    have = Respons.objects.filter(pemda=pemda).count()
    if have < args.responses:
        seconds = load_responses(pemda, args.responses - have, tahun)
        rate = (args.responses - have) / seconds
        print(
            f"loaded {args.responses - have:,} responses with COPY in {seconds:.1f} s "
            f"({rate:,.0f}/s)".replace(",", ".")
        )
    vacuum_analyze()
    print(f"pemda: {args.opd} OPD × {args.layanan} layanan, PostgreSQL database {args.db}")
    time_results(pemda, tahun, args.repeat)
    if args.no_load_test:
        return

    tokens = list(Layanan.objects.filter(pemda=pemda).values_list("token", flat=True))
    from django.db import connections

    connections.close_all()  # no connection shared with the forked load processes
    server = start_server(work, args.port, args.workers)
    try:
        print(
            f"\nload test: gunicorn {args.workers} sync workers on {HOST}:{args.port}, "
            f"{args.concurrency} client processes on the same machine, {args.duration:.0f} s each"
        )
        print(
            "NOTE: the public form's per-address rate limit is OFF for this run "
            "(SAKIP_SKM_BATAS_RESPONS = 10**9): all virtual users come from 127.0.0.1 and "
            "the app rightly does not trust X-Forwarded-For."
        )
        trivial, t_elapsed = run_load("trivial", args.port, args.duration, args.concurrency, tokens)
        forms, f_elapsed = run_load("submit", args.port, args.duration, args.concurrency, tokens)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    trivial_rate = trivial["ok"] / t_elapsed
    submit_rate = forms["ok"] / f_elapsed
    print(
        f"trivial page (GET /masuk/): {trivial_rate:.0f} requests/s "
        f"({trivial['ok']} ok, {trivial['other']} other)"
    )
    print(
        f"public form submissions (GET form + POST): {submit_rate:.1f} submissions/s "
        f"({forms['ok']} stored, {forms['duplicate']} duplicates refused, "
        f"{forms['other']} other; {forms['requests'] / f_elapsed:.0f} requests/s)"
    )
    print(f"ratio submissions / trivial page requests: {submit_rate / trivial_rate:.2f}")
    stored = Respons.objects.filter(pemda=pemda, saluran="daring").count()
    print(f"stored online responses in the database: {stored}")


if __name__ == "__main__":
    main()
