"""`sakip worker`: django-tasks-db's worker loop, with a heartbeat and the take-over of dead
workers' tasks (sakip.worker.lease).

The heartbeat thread, every SAKIP_WORKER_DETAK_DETIK seconds: the worker's row (its lease), the
heartbeat /sehat reads (sakip.sehat.detak_worker), and the recovery of stalled tasks.

SIGTERM or Ctrl+C: no new task is taken; the running one finishes, then the worker leaves (its
row removed). A second signal stops at once: the task is left to the next worker, which queues
it again (the process is gone)."""

from __future__ import annotations

import logging
import os
import signal
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker

from sakip.sehat import detak_worker
from sakip.worker import lease
from sakip.worker.models import Worker

logger = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str, every: float):
        super().__init__(name="sakip-worker-detak", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                beat(self.worker_id)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def register(worker_id: str) -> None:
    Worker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": lease.HOST, "pid": os.getpid(), "heartbeat_at": timezone.now()},
    )


def beat(worker_id: str) -> None:
    """One heartbeat; a failing database or cache is logged and tried again at the next one."""
    close_old_connections()
    try:
        if not Worker.objects.filter(worker_id=worker_id).update(heartbeat_at=timezone.now()):
            logger.error("worker %s was taken for dead; registered again", worker_id)
            register(worker_id)
        detak_worker()
        lease.recover_stalled_tasks()
    except Exception:
        logger.exception("worker %s: heartbeat failed", worker_id)


class SakipWorker(DatabaseWorker):
    def run(self) -> None:
        register(self.worker_id)
        detak_worker()
        heartbeat = Heartbeat(self.worker_id, settings.SAKIP_WORKER_DETAK_DETIK)
        heartbeat.start()
        try:
            lease.recover_stalled_tasks()
            super().run()
        finally:
            # a second signal (Ctrl+C reaches the demo's whole group) must not cut leaving short
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, signal.SIG_IGN)
            heartbeat.stop()
            Worker.objects.filter(worker_id=self.worker_id).delete()
            logger.info("worker %s stopped", self.worker_id)

    def shutdown(self, signum, frame) -> None:
        if not self.running and self.running_task:
            logger.warning(
                "%s again: stopping now; the running task is queued again by the next worker",
                signal.strsignal(signum),
            )
            os._exit(1)
        super().shutdown(signum, frame)
