from django.apps import AppConfig


class PelaporanConfig(AppConfig):
    name = "sakip.pelaporan"
    verbose_name = "Pelaporan"

    def ready(self):
        from django_tasks.signals import task_finished

        from sakip.pelaporan import batch
        from sakip.worker.lease import task_requeued

        task_requeued.connect(batch.when_requeued, dispatch_uid="sakip.pelaporan.batch")
        task_finished.connect(batch.when_finished, dispatch_uid="sakip.pelaporan.batch")
