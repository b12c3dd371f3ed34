from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    name = "sakip.evaluasi"
    verbose_name = "Evaluasi AKIP"

    def ready(self):
        from sakip.evaluasi import signals  # noqa: F401  (connects the receivers)
