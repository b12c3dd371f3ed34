from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "sakip.worker"
    verbose_name = "Worker"
