"""Who holds a running task, and what becomes of it when its worker is gone.

A task row of django-tasks-db says RUNNING and names the workers that claimed it, the last one
holding it. That worker is alive while its row in `Worker` beats (sakip.worker.runner) and, on
this machine, while its process exists. A running task whose holder is not alive is queued again
(READY, the next worker runs it from the start) or, after SAKIP_WORKER_PERCOBAAN claims, failed
with the reason. Both are told: `task_requeued` for the first, the Tasks API's own
`task_finished` for the second, so the owner of the work (e.g. the document batch) updates its
rows. Recovery is run by every worker as it starts and at each heartbeat, and by the pages that
show a job's progress."""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from sakip.worker.models import Worker

logger = logging.getLogger(__name__)

# sent with `task_result` (the task as queued again) and `alasan`, a sentence for the user
task_requeued = Signal()


class WorkerBerhenti(Exception):
    """A task's worker stopped in the middle of it too many times."""


HOST = socket.gethostname()


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child not yet reaped by its parent is still listed, as a zombie
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def is_alive(worker: Worker, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if worker.heartbeat_at < now - timedelta(seconds=settings.SAKIP_WORKER_BATAS_DETIK):
        return False
    return worker.host != HOST or process_exists(worker.pid)


def live_workers(now: datetime | None = None) -> list[Worker]:
    return [w for w in Worker.objects.all() if is_alive(w, now)]


def recover_stalled_tasks(now: datetime | None = None) -> list[DBTaskResult]:
    """Queues again or fails every running task whose worker is not alive; forgets dead workers.
    Returns the tasks it changed."""
    now = now or timezone.now()
    # the tasks before the workers: a task claimed before this read has its worker listed next
    running = list(DBTaskResult.objects.running().only("id", "worker_ids"))
    workers = list(Worker.objects.all())
    alive = {w.worker_id for w in workers if is_alive(w, now)}
    stalled = [r for r in running if not r.worker_ids or r.worker_ids[-1] not in alive]
    changed = [r for r in (_take_over(r.id, r.worker_ids) for r in stalled) if r is not None]
    dead = [w.pk for w in workers if w.worker_id not in alive]
    if dead:
        Worker.objects.filter(pk__in=dead, heartbeat_at__lte=now).delete()
    return changed


def _take_over(result_id, holders: list[str]) -> DBTaskResult | None:
    with exclusive_transaction(DBTaskResult.objects.db):
        result = DBTaskResult.objects.select_for_update().filter(id=result_id).first()
        if result is None or result.status != TaskResultStatus.RUNNING:
            return None  # finished or taken over meanwhile
        if result.worker_ids != holders:
            return None  # claimed again meanwhile
        attempts = len(result.worker_ids)
        if attempts < settings.SAKIP_WORKER_PERCOBAAN:
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            alasan = _(
                "Worker berhenti di tengah pekerjaan; pekerjaan diulang "
                "(percobaan %(berikut)s dari %(maks)s)."
            ) % {"berikut": attempts + 1, "maks": settings.SAKIP_WORKER_PERCOBAAN}
            logger.warning("task %s requeued: %s", result.id, alasan)
            requeued = True
        else:
            alasan = _(
                "Worker berhenti di tengah pekerjaan %(n)s kali; pekerjaan dihentikan. "
                "Periksa log worker (journalctl -u sakip-worker), lalu mulai lagi."
            ) % {"n": attempts}
            result.set_failed(WorkerBerhenti(alasan))
            logger.error("task %s failed: %s", result.id, alasan)
            requeued = False
    if requeued:
        task_requeued.send(sender=Worker, task_result=result.task_result, alasan=alasan)
    else:
        task_finished.send(sender=DatabaseBackend, task_result=result.task_result)
    return result


def alasan_gagal(task_result) -> str:
    """Why a failed task failed, for the user: the sentence of a stopped worker; otherwise a
    general one (the traceback is in the task row and the worker's log)."""
    error = task_result.errors[-1] if task_result.errors else None
    path = f"{WorkerBerhenti.__module__}.{WorkerBerhenti.__qualname__}"
    if error is not None and error.exception_class_path == path:
        return error.traceback.strip().splitlines()[-1].split(": ", 1)[-1]
    return alasan_gagal_umum()


def alasan_gagal_umum() -> str:
    return _("Terjadi kesalahan tak terduga saat pekerjaan berjalan; rinciannya ada di log worker.")
