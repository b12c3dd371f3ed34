"""The newcomer's path, through the real `sakip` console command in a fresh data directory:
`sakip demo --no-serve`, then `sakip pengukuran` in text and JSON."""

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

SAKIP = shutil.which("sakip", path=str(Path(sys.executable).parent)) or "sakip"


def run(*args, data_dir):
    env = {k: v for k, v in os.environ.items() if k != "SAKIP_DATABASE_URL"}
    return subprocess.run(
        [SAKIP, *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("demo")
    first = run("demo", "--no-serve", data_dir=data_dir)
    assert first.returncode == 0, first.stderr
    assert "operator-jati" in first.stdout
    return data_dir, first.stdout


def test_demo_prints_generated_passwords_once(demo_dir):
    data_dir, first_output = demo_dir
    assert "Kata sandi hanya ditampilkan sekali" in first_output
    second = run("demo", "--no-serve", data_dir=data_dir)
    assert second.returncode == 0, second.stderr
    assert "tidak ada yang berubah" in second.stdout
    assert "kata sandi tidak berubah" in second.stdout


def test_pengukuran_shows_the_headline_figures_in_indonesian_format(demo_dir):
    data_dir, _ = demo_dir
    result = run("pengukuran", "--opd", "kecamatan-jati", "--tahun", "2024", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    sakip_line = next(line for line in result.stdout.splitlines() if line.startswith("Nilai SAKIP"))
    for figure in ("70,00", "73,36", "104,80 %", "Sangat Baik"):
        assert figure in sakip_line
    total = next(line for line in result.stdout.splitlines() if line.startswith("JUMLAH"))
    for figure in ("2.000.000.000", "1.866.543.961", "133.456.039", "93,33 %"):
        assert figure in total


def sum_children(line):
    return sum(Decimal(child["anggaran"]) for child in line["rincian"]), sum(
        Decimal(child["realisasi"]) for child in line["rincian"]
    )


def test_pengukuran_json_has_exact_numbers_and_every_parent_is_the_sum_of_its_children(demo_dir):
    data_dir, _ = demo_dir
    result = run(
        "pengukuran", "--opd", "kecamatan-jati", "--tahun", "2024", "--json", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    total = data["anggaran"]
    assert (total["anggaran"], total["realisasi"], total["selisih"]) == (
        "2000000000",
        "1866543961",
        "133456039",
    )
    assert total["serapan_persen"]["nilai"] == "93.33"

    def check(line):
        if "rincian" in line:
            assert sum_children(line) == (Decimal(line["anggaran"]), Decimal(line["realisasi"]))
            for child in line["rincian"]:
                check(child)
        else:
            assert Decimal(line["realisasi"]) <= Decimal(line["anggaran"]), line["kode"]

    check(total)
    nilai_sakip = next(row for row in data["kinerja"] if row["indikator"] == "Nilai SAKIP")
    assert nilai_sakip["capaian_persen"]["nilai"] == "104.80"
    assert nilai_sakip["triwulan"] == [None, None, None, "73.36"]  # no storage zeros
    assert nilai_sakip["predikat"] == "Sangat Baik"


def test_unknown_opd_says_what_to_do(demo_dir):
    data_dir, _ = demo_dir
    result = run("pengukuran", "--opd", "kecamatan-lain", "--tahun", "2024", data_dir=data_dir)
    assert result.returncode != 0
    assert "tidak ditemukan" in result.stderr


def test_pengukuran_warns_like_the_dashboard_about_unverified_quarters(demo_dir):
    data_dir, _ = demo_dir
    result = run(
        "pengukuran", "--opd", "kecamatan-jati", "--tahun", "2024", "--json", data_dir=data_dir
    )
    notes = json.loads(result.stdout)["catatan"]
    assert "Triwulan 1, 2, 3, 4 belum diverifikasi pimpinan." in notes


def test_sakip_alone_lists_its_own_commands():
    result = subprocess.run([SAKIP], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("sakip demo", "sakip pengukuran", "sakip lkjip", "sakip pk", "sakip muat"):
        assert command in result.stdout
