"""Benchmark and proof (issue 12): a worker killed in the middle of a PDF batch is taken over.

Run:  .venv/bin/python bench/worker.py [--opd-count 50] [--kill-at N] [--no-pdf]
                                       [--database-url postgresql://.../EMPTY_DB]

Makes a pemda of --opd-count synthetic OPDs (copies of the demo under other slugs), queues the
LKjIP of every OPD (DOCX and PDF) as a task, starts `sakip worker`, kills it with SIGKILL (its
whole process group, LibreOffice included) once N documents are written (default: half), starts
another worker and waits. Then checks: the job is done, its ZIP holds every DOCX and PDF, no task
and no job is left running, the task was claimed by both workers; the second worker stops
cleanly on SIGTERM. Prints the figures. Uses a throwaway SQLite database in a temporary folder,
or the (empty) PostgreSQL database given. tests/test_worker.py runs the same scenario
(`kill_and_take_over`) on the suite's database with a few OPDs.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src/sakip/demo/data/kecamatan-jati.yaml"


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    """`sakip worker` in a process group of its own (its LibreOffice runs die with it)."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "sakip", "worker", "--no-startup-delay", "--interval", "0.2"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"waited {timeout:.0f} s for {what}")


@dataclass
class Figures:
    documents: int  # DOCX and PDF in the ZIP
    written_before_kill: int  # DOCX on disk when the first worker was killed
    until_kill: float  # seconds from the first worker's start to the kill
    take_over: float  # from the second worker's start until it runs the job again
    after_take_over: float  # from then until the job is done
    total: float
    worker_ids: list[str]
    second_exit: int  # the second worker's exit code on SIGTERM


def kill_and_take_over(env: dict, job_id: int, kill_at: int, log: Path, timeout: float = 900):
    """Runs the scenario on the job (already queued) in the database `env` points to."""
    from django_tasks_db.models import DBTaskResult

    from sakip.pelaporan.models import PekerjaanDokumen

    def job():
        return PekerjaanDokumen.objects.get(pk=job_id)

    start = time.monotonic()
    first = start_worker(env, log)
    try:
        wait_for(
            lambda: job().selesai >= kill_at or job().status not in ("antre", "berjalan"),
            timeout,
            f"{kill_at} documents",
        )
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    killed = time.monotonic()
    at_kill = job()
    assert at_kill.status == "berjalan", f"the job was {at_kill.status} when the worker died"
    folder = Path(env.get("SAKIP_DATA_DIR", "")) / "media" / "dokumen" / str(job_id)
    written = len(list(folder.glob("*.docx")))

    second = start_worker(env, log)
    try:
        restarted = time.monotonic()
        wait_for(
            lambda: len(DBTaskResult.objects.get(args_kwargs__args=[job_id]).worker_ids) == 2,
            timeout,
            "the second worker to take the task",
        )
        taken = time.monotonic()
        done = wait_for(
            lambda: (j := job()).status in ("selesai", "gagal") and j,
            timeout,
            "the job to end",
        )
        ended = time.monotonic()
        wait_for(
            lambda: DBTaskResult.objects.get(args_kwargs__args=[job_id]).status != "RUNNING",
            60,
            "the task row to be finished",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second_exit = second.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(second.pid, signal.SIGKILL)
            second_exit = second.wait()
    assert done.status == "selesai", done.pesan
    task = DBTaskResult.objects.get(args_kwargs__args=[job_id])
    return Figures(
        documents=len(zipfile.ZipFile(done.berkas).namelist()),
        written_before_kill=written,
        until_kill=killed - start,
        take_over=taken - restarted,
        after_take_over=ended - taken,
        total=ended - start,
        worker_ids=task.worker_ids,
        second_exit=second_exit,
    )


def leftovers() -> dict:
    """What is left running: tasks, jobs and registered workers."""
    from django_tasks_db.models import DBTaskResult

    from sakip.pelaporan.models import PekerjaanDokumen
    from sakip.worker.models import Worker

    return {
        "tasks running": DBTaskResult.objects.running().count(),
        "jobs unfinished": PekerjaanDokumen.objects.filter(
            status__in=["antre", "berjalan"]
        ).count(),
        "workers registered": Worker.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opd-count", type=int, default=50)
    parser.add_argument("--kill-at", type=int, help="documents written before the kill")
    parser.add_argument("--no-pdf", action="store_true", help="DOCX only")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    kill_at = args.kill_at or max(1, args.opd_count // 2)

    work = Path(tempfile.mkdtemp(prefix="bench-worker-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAKIP_", "DJANGO_"))}
    env.update(SAKIP_DATA_DIR=str(work), DJANGO_SETTINGS_MODULE="sakip.settings")
    env.update(SAKIP_WORKER_DETAK_DETIK="1")
    if args.database_url:
        env["SAKIP_DATABASE_URL"] = args.database_url
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django
    import yaml

    django.setup()
    from django.core.management import call_command

    from sakip.dataset import load_data
    from sakip.organisasi.models import PerangkatDaerah
    from sakip.pelaporan.models import PekerjaanDokumen
    from sakip.pelaporan.tasks import lkjip_semua_opd

    call_command("migrate", verbosity=0)
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    started = time.monotonic()
    for i in range(args.opd_count):
        opd = copy.deepcopy(data)
        opd["opd"] = {**opd["opd"], "slug": f"opd-{i:02d}", "nama": f"OPD Sintetis {i:02d}"}
        load_data(opd)
    pemda = PerangkatDaerah.objects.get(slug="opd-00").pemda
    print(f"{args.opd_count} synthetic OPDs loaded in {time.monotonic() - started:.1f} s")

    job = PekerjaanDokumen.objects.create(pemda=pemda, tahun=2024, pdf=not args.no_pdf)
    lkjip_semua_opd.enqueue(job.pk)
    log = work / "worker.log"
    figures = kill_and_take_over(env, job.pk, kill_at, log)
    expected = args.opd_count * (1 if args.no_pdf else 2)
    left = leftovers()
    print(
        f"first worker killed (SIGKILL) after {figures.until_kill:.1f} s, "
        f"{figures.written_before_kill} DOCX written\n"
        f"second worker took the task over in {figures.take_over:.1f} s, "
        f"finished {figures.after_take_over:.1f} s later (total {figures.total:.1f} s)\n"
        f"ZIP: {figures.documents} documents of {expected} expected; "
        f"task claimed by {len(figures.worker_ids)} workers; "
        f"second worker's exit on SIGTERM: {figures.second_exit}\n"
        f"left: {left}"
    )
    ok = figures.documents == expected and not any(left.values()) and figures.second_exit == 0
    if ok:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"FAILED; worker log: {log}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
