from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    name = "sakip.organisasi"
    verbose_name = "Organisasi"

    def ready(self):
        from sakip.organisasi import throttle  # noqa: F401  (its signal receivers)
