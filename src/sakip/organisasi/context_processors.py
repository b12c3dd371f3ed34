"""Template context that every page needs."""


def csp_nonce(request):
    """`{{ csp_nonce }}`: this request's Content-Security-Policy nonce, for a `<style nonce>`
    element (see sakip.organisasi.middleware.ContentSecurityPolicy)."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
