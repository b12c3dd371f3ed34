"""A request body larger than any form of sakip accepts is refused before anything reads it.

The evidence and import views have their own, smaller limits with messages in their forms;
this cap is the backstop for every other URL, which would otherwise spool any upload to disk
while the CSRF check parses the body."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


class RequestSizeLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.SAKIP_MAX_REQUEST_BYTES:
            body = render_to_string(
                "organisasi/terlalu_besar.html",
                {"batas_mb": settings.SAKIP_MAX_REQUEST_BYTES // (1024 * 1024)},
            )
            return HttpResponse(body, status=413)
        return self.get_response(request)
