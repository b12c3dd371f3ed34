"""`sakip worker` (sakip.worker) and the document batch as a task of Django's Tasks API on the
database backend: the lease of a task on its worker, the take-over of a dead worker's task (queued
again, then failed with the reason), what the job page shows; and, with real `sakip worker`
subprocesses on the suite's database, a worker killed in the middle of a PDF batch taken over by
the next one (the scenario of bench/worker.py)."""

import importlib.util
import os
import signal
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sakip.dataset import load_data
from sakip.organisasi.models import Pemda
from sakip.pelaporan import batch
from sakip.pelaporan.models import PekerjaanDokumen
from sakip.pelaporan.pdf import PdfError, find_soffice
from sakip.worker import lease
from sakip.worker.models import Worker
from tests.factories import dataset
from tests.personas import make_user
from tests.server_util import child_env, get_in_child

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
BENCH = Path(__file__).resolve().parents[1] / "bench" / "worker.py"


def load_opds(count: int) -> Pemda:
    for i in range(count):
        data = dataset()
        if i:
            data["opd"] = {**data["opd"], "slug": f"opd-{i}", "nama": f"OPD Sintetis {i}"}
        load_data(data)
    return Pemda.objects.get()


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(load_opds(2), "admin_pemda"))
    return client


@pytest.fixture
def queued(settings, admin_client):
    """A Word-only batch queued from its page, on the database backend: nothing runs it."""
    settings.TASKS = DATABASE_TASKS
    admin_client.post(reverse("dokumen_pemda", args=[2024]))
    return PekerjaanDokumen.objects.get()


def worker(worker_id: str, *, ago: float = 0, host: str = lease.HOST, pid: int | None = None):
    return Worker.objects.create(
        worker_id=worker_id,
        host=host,
        pid=os.getpid() if pid is None else pid,
        heartbeat_at=timezone.now() - timedelta(seconds=ago),
    )


def claim(job: PekerjaanDokumen, worker_id: str) -> DBTaskResult:
    """What a worker does as it takes the task and starts it."""
    result = DBTaskResult.objects.get()
    result.claim(worker_id)
    PekerjaanDokumen.objects.filter(pk=job.pk).update(status="berjalan", langkah="Menyusun")
    return result


def page(client, job) -> str:
    return client.get(reverse("pekerjaan_dokumen", args=[job.pk])).content.decode()


def test_the_page_queues_the_batch_as_a_task_and_says_when_no_worker_runs(admin_client, queued):
    result = DBTaskResult.objects.get()
    assert (result.status, result.task_path) == ("READY", "sakip.pelaporan.tasks.lkjip_semua_opd")
    assert result.args_kwargs == {"args": [queued.pk], "kwargs": {}}
    shown = page(admin_client, queued)
    assert "Menunggu" in shown and "Belum ada worker yang berjalan" in shown

    worker("hidup")
    assert "Belum ada worker" not in page(admin_client, queued)


def test_a_task_whose_worker_stopped_beating_is_queued_again_then_failed_with_the_reason(
    admin_client, queued, settings
):
    settings.SAKIP_WORKER_BATAS_DETIK = 60
    worker("mati", ago=61, host="mesin-lain", pid=1)
    claim(queued, "mati")

    [requeued] = lease.recover_stalled_tasks()

    assert requeued.status == "READY" and requeued.worker_ids == ["mati"]
    queued.refresh_from_db()
    assert queued.status == "antre"
    assert queued.langkah == (
        "Worker berhenti di tengah pekerjaan; pekerjaan diulang (percobaan 2 dari 3)."
    )
    assert not Worker.objects.exists()  # the dead worker is forgotten

    for attempt in ("kedua", "ketiga"):
        worker(attempt, ago=61, host="mesin-lain", pid=1)
        claim(queued, attempt)
        lease.recover_stalled_tasks()
    result = DBTaskResult.objects.get()
    assert result.status == "FAILED" and result.worker_ids == ["mati", "kedua", "ketiga"]
    assert result.exception_class_path == "sakip.worker.lease.WorkerBerhenti"
    queued.refresh_from_db()
    assert queued.status == "gagal"
    assert queued.pesan.startswith(
        "Worker berhenti di tengah pekerjaan 3 kali; pekerjaan dihentikan."
    )
    assert queued.pesan in page(admin_client, queued)
    assert lease.recover_stalled_tasks() == []  # nothing left running


def test_a_live_workers_task_is_left_running(queued, settings):
    settings.SAKIP_WORKER_BATAS_DETIK = 60
    worker("di-sini", ago=30)  # this very process, on this machine
    claim(queued, "di-sini")
    assert lease.recover_stalled_tasks() == []
    worker("di-mesin-lain", ago=30, host="mesin-lain", pid=1)  # its pid means nothing here
    assert {w.worker_id for w in lease.live_workers()} == {"di-sini", "di-mesin-lain"}
    assert DBTaskResult.objects.get().status == "RUNNING"
    queued.refresh_from_db()
    assert queued.status == "berjalan"


def test_a_worker_whose_process_is_gone_is_dead_at_once_and_the_page_shows_the_job_waiting(
    admin_client, queued
):
    gone = subprocess.Popen(["true"])
    gone.wait()
    worker("terbunuh", host=lease.HOST, pid=gone.pid)  # a fresh heartbeat, but no process
    claim(queued, "terbunuh")

    shown = page(admin_client, queued)  # the page takes the task from the dead worker

    assert "Menunggu" in shown and "percobaan 2 dari 3" in shown
    assert DBTaskResult.objects.get().status == "READY"


def test_an_unexpected_error_fails_the_job_and_the_task(admin_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("rusak")

    monkeypatch.setattr(batch, "build_lkjip", broken)
    admin_client.post(reverse("dokumen_pemda", args=[2024]))  # run as enqueued (tests)
    job = PekerjaanDokumen.objects.get()
    assert job.status == "gagal"
    assert (
        job.pesan
        == "Terjadi kesalahan tak terduga saat pekerjaan berjalan; rinciannya ada di log worker."
    )


# --- real workers, killed and taken over -------------------------------------------------------


def bench():
    spec = importlib.util.spec_from_file_location("bench_worker", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def worker_env(tmp_path: Path) -> dict:
    """The environment of a `sakip` process on the suite's database (a file on SQLite:
    tests/conftest.py), with a heartbeat every half second."""
    database = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        url = urlparse(os.environ["SAKIP_DATABASE_URL"])._replace(path=f"/{database}")
        return child_env(tmp_path, SAKIP_DATABASE_URL=url.geturl(), SAKIP_WORKER_DETAK_DETIK="0.5")
    assert Path(database).name == "sakip.sqlite3"
    return child_env(Path(database).parent, SAKIP_WORKER_DETAK_DETIK="0.5")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_pdf_batch_is_taken_over(client, settings, tmp_path):
    try:
        find_soffice()
    except PdfError:
        pytest.skip("LibreOffice is not installed")
    env = worker_env(tmp_path)
    settings.MEDIA_ROOT = Path(env["SAKIP_DATA_DIR"]) / "media"
    settings.TASKS = DATABASE_TASKS
    client.force_login(make_user(load_opds(3), "admin_pemda"))
    client.post(reverse("dokumen_pemda", args=[2024]), {"pdf": "1"})
    job = PekerjaanDokumen.objects.get()
    scenario = bench()

    figures = scenario.kill_and_take_over(env, job.pk, kill_at=1, log=tmp_path / "worker.log")

    log = (tmp_path / "worker.log").read_text()
    assert len(figures.worker_ids) == 2, log  # the killed worker's claim, then the next one's
    assert figures.second_exit == 0, log  # SIGTERM: a clean stop
    assert scenario.leftovers() == {
        "tasks running": 0,
        "jobs unfinished": 0,
        "workers registered": 0,
    }
    job.refresh_from_db()
    assert job.status == "selesai" and job.pesan.startswith("Percobaan 2:")
    names = sorted(zipfile.ZipFile(job.berkas).namelist())
    assert names == sorted(
        f"lkjip-{slug}-2024.{kind}"
        for slug in ("kecamatan-contoh", "opd-1", "opd-2")
        for kind in ("docx", "pdf")
    )
    assert all(zipfile.ZipFile(job.berkas).read(n)[:4] in (b"PK\x03\x04", b"%PDF") for n in names)
    download = client.get(reverse("unduh_pekerjaan", args=[job.pk]))
    assert download.status_code == 200
    # the workers' heartbeat reached the cache /sehat reads
    [(status, body)] = get_in_child(env, "uji-worker", "/sehat")[0].values()
    assert '"worker": {"ok": true, "wajib": false, "keadaan": "berjalan"' in body


@pytest.mark.django_db(transaction=True)
def test_sigterm_lets_the_running_task_finish_then_the_worker_leaves(client, settings, tmp_path):
    env = worker_env(tmp_path)
    settings.TASKS = DATABASE_TASKS
    client.force_login(make_user(load_opds(3), "admin_pemda"))
    client.post(reverse("dokumen_pemda", args=[2024]))  # Word only
    job = PekerjaanDokumen.objects.get()
    scenario = bench()
    worker = scenario.start_worker(env, tmp_path / "worker.log")
    try:
        scenario.wait_for(
            lambda: PekerjaanDokumen.objects.get(pk=job.pk).status != "antre", 300, "the start"
        )
        worker.send_signal(signal.SIGTERM)
        job.refresh_from_db()
        assert job.status == "berjalan"  # the signal came in the middle of the batch
        exit_code = worker.wait(300)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    log = (tmp_path / "worker.log").read_text()
    assert exit_code == 0, log
    assert "shutting down gracefully" in log
    job.refresh_from_db()
    assert (job.status, job.selesai, job.total) == ("selesai", 3, 3)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert not Worker.objects.exists()
