"""Middleware of sakip: a cap on request bodies and the Content-Security-Policy of every response.

RequestSizeLimit: a request body larger than any form of sakip accepts is refused before anything
reads it. The evidence and import views have their own, smaller limits with messages in their
forms; this cap is the backstop for every other URL, which would otherwise spool any upload to
disk while the CSRF check parses the body.

ContentSecurityPolicy: pages load scripts, styles, images and fonts from sakip itself only, so an
injected `<script>`, inline event handler or `style` attribute does nothing. The one exception is
a `<style>` element carrying this request's nonce (`request.csp_nonce`, `{{ csp_nonce }}` in
templates), for CSS made from data: the colours of the pemda's predicate scale."""

import secrets

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


# The policy, in one place. `{nonce}` is replaced per request.
CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    # the nonce admits only <style nonce> elements sakip writes itself (predicate badge colours);
    # style="…" attributes stay refused
    "style-src 'self' 'nonce-{nonce}'",
    # data: for the charts sent inline as PNG (the Evaluasi AKIP recap's <img src="data:…">)
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
CSP_POLICY = "; ".join(CSP_DIRECTIVES)


def csp_header(nonce: str) -> str:
    return CSP_POLICY.format(nonce=nonce)


class ContentSecurityPolicy:
    """Gives each request a fresh nonce and each response the policy (unless a view set its own).

    First in MIDDLEWARE, so that the answers of the middleware below it (413, static files) and
    the error pages carry the policy too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = csp_header(request.csp_nonce)
        return response
