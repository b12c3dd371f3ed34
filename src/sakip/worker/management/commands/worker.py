from django.utils.translation import gettext as _
from django_tasks_db.management.commands import db_worker

from sakip.worker.runner import SakipWorker


class Command(db_worker.Command):
    """django-tasks-db's `db_worker` with its options, run as a sakip worker (runner.py)."""

    @property
    def help(self):
        return _(
            "Jalankan antrean tugas latar (dokumen semua OPD, ...): detak tiap "
            "SAKIP_WORKER_DETAK_DETIK detik, mengambil alih tugas worker yang mati; "
            "SIGTERM menyelesaikan tugas yang berjalan lalu berhenti."
        )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)  # a reload would cut a running task short

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        self.configure_logging(verbosity)
        worker = SakipWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker.run()
