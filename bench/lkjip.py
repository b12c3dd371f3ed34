"""Benchmark: LKjIP documents (issue: DOCX well under a second; PDF close to LibreOffice's own).

Run:  .venv/bin/python bench/lkjip.py [--opd-count 50] [--repeat 5]

Prints, measured in the same run (these machines are shared and noisy, so only ratios
against a baseline of the same run mean anything):
- the demo's DOCX: build (queries + formulas) and render, median of --repeat runs;
- its PDF through sakip, next to LibreOffice converting the same DOCX directly (baseline);
- a batch of --opd-count synthetic OPDs (copies of the demo under other slugs): all DOCX, then
  all PDFs in one LibreOffice run through sakip, next to LibreOffice converting the same files
  directly in one run (baseline).
Uses a throwaway SQLite database in a temporary folder.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src/sakip/demo/data/kecamatan-jati.yaml"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def libreoffice_direct(files: list[Path], outdir: Path) -> float:
    """LibreOffice's own time for the same files: one plain soffice run, fresh profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = Path(tempfile.mkdtemp(prefix="bench-lo-"))
    try:
        seconds, _ = timed(lambda: subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             "pdf", "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=60 + 30 * len(files),
        ))
        return seconds
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opd-count", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-lkjip-"))
    os.environ["SAKIP_DATA_DIR"] = str(work)
    os.environ.pop("SAKIP_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from sakip.dataset import load_data
    from sakip.organisasi.lookup import find_opd
    from sakip.pelaporan.build import build_lkjip
    from sakip.pelaporan.docx import render_lkjip
    from sakip.pelaporan.pdf import convert_many, docx_to_pdf

    call_command("migrate", verbosity=0)
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    load_data(data)
    opd = find_opd("kecamatan-jati")

    builds, renders = [], []
    for _ in range(args.repeat):
        seconds, report = timed(lambda: build_lkjip(opd, 2024))
        builds.append(seconds)
        seconds, docx = timed(lambda: render_lkjip(report))
        renders.append(seconds)
    demo_docx = work / "lkjip-demo.docx"
    demo_docx.write_bytes(docx)
    print(f"demo DOCX ({len(docx) / 1024:.0f} KiB): build {statistics.median(builds):.3f} s, "
          f"render {statistics.median(renders):.3f} s, "
          f"total {statistics.median(builds) + statistics.median(renders):.3f} s "
          f"(median of {args.repeat})")

    sakip_pdf, _ = timed(lambda: docx_to_pdf(demo_docx, work / "sakip-demo.pdf"))
    direct_dir = work / "direct-one"
    direct_dir.mkdir()
    lo_pdf = libreoffice_direct([demo_docx], direct_dir)
    print(f"demo PDF: sakip {sakip_pdf:.2f} s, LibreOffice alone {lo_pdf:.2f} s, "
          f"ratio {sakip_pdf / lo_pdf:.2f}")

    batch = work / "batch"
    batch.mkdir()
    for i in range(args.opd_count):
        copy_ = copy.deepcopy(data)
        copy_["opd"] = {**copy_["opd"], "slug": f"opd-{i:02d}", "nama": f"OPD Sintetis {i:02d}"}
        load_data(copy_)
    files = []

    def all_docx():
        for i in range(args.opd_count):
            path = batch / f"lkjip-opd-{i:02d}.docx"
            path.write_bytes(render_lkjip(build_lkjip(find_opd(f"opd-{i:02d}"), 2024)))
            files.append(path)

    docx_seconds, _ = timed(all_docx)
    print(f"batch of {args.opd_count} OPDs: DOCX {docx_seconds:.2f} s "
          f"({docx_seconds / args.opd_count:.3f} s per OPD)")
    sakip_batch, _ = timed(lambda: convert_many(files, batch / "sakip"))
    direct_batch_dir = work / "direct-batch"
    direct_batch_dir.mkdir()
    lo_batch = libreoffice_direct(files, direct_batch_dir)
    print(f"batch PDF: sakip {sakip_batch:.2f} s, LibreOffice alone {lo_batch:.2f} s, "
          f"ratio {sakip_batch / lo_batch:.2f}; "
          f"one LibreOffice run per OPD would cost about {lo_pdf * args.opd_count:.0f} s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
