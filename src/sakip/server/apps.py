from django.apps import AppConfig
from django.core.signals import request_finished


class ServerConfig(AppConfig):
    name = "sakip.server"
    verbose_name = "Server"

    def ready(self):
        from sakip.server.request_id import forget_request_id

        request_finished.connect(forget_request_id, dispatch_uid="sakip.server.request_id")
