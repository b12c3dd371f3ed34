"""The scale benches still run: bench/nasional.py at a tiny size on the suite's PostgreSQL server
(its own database, dropped after), bench/beban.py for a few seconds with two clients (SQLite)."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SUITE_DATABASE = os.environ.get("SAKIP_DATABASE_URL", "")


def run_bench(script: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAKIP_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.skipif(
    not SUITE_DATABASE.startswith("postgres"), reason="bench/nasional.py needs PostgreSQL"
)
def test_nasional_times_both_ways_and_they_give_the_same_figures():
    url = urlparse(SUITE_DATABASE)
    name = f"{url.path.lstrip('/')}_bench_nasional"
    server = url._replace(path="").geturl()
    out = run_bench(
        "nasional.py",
        *("--pemda", "3", "--opd", "2", "--indikator", "3", "--sub-kegiatan", "2"),
        *("--repeat", "1", "--db", name, "--server", server),
    )
    assert re.search(r"loaded [\d.]+ rows with COPY", out)
    for label in ("(a) national ranking of 3 pemda", "(b) overview of pemda-"):
        line = next(line for line in out.splitlines() if line.startswith(label))
        assert re.search(r"sakip \d+ ms .*raw SQL \d+ ms .*ratio [\d.]+", line), line
        assert line.endswith("same figures: yes"), line
    check = subprocess.run(
        ["psql", server, "-Atc", f"SELECT count(*) FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
    )
    assert check.stdout.strip() == "0"  # dropped after the run


def test_beban_loads_the_server_and_prints_every_page_against_the_trivial_one():
    out = run_bench("beban.py", "--duration", "3", "--clients", "2")
    assert "SAKIP_SKM_BATAS_RESPONS=1000000000" in out
    for label in ("trivial page GET /masuk/", "dashboard GET", "quarter page GET", "SKM submit"):
        line = next(line for line in out.splitlines() if line.startswith(label))
        count, errors, rate, p50, p95 = line.split()[-7:-2]
        assert int(count) > 0 and float(rate) > 0 and float(p95) >= float(p50), line
    assert re.search(r"SKM submissions stored: \d+ in \d+ s = [\d.]+/s", out)
    assert re.search(r"^errors: \d+", out, re.M)
