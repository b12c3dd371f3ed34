from django.apps import AppConfig


class SurveiConfig(AppConfig):
    name = "sakip.survei"
    verbose_name = "Survei Kepuasan Masyarakat"

    def ready(self):
        from sakip.survei import signals  # noqa: F401  (connects the receivers)
