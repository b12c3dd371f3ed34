"""Errors to Sentry when SAKIP_SENTRY_DSN is set (the optional extra: pip install 'sakip[sentry]').

Called from the settings, before Django starts, as Sentry's Django integration asks. Nothing personal
is sent (no cookies, no user, no client address); each event carries the request id as a tag."""

import sys

from sakip.server.request_id import NONE, current_request_id

NOT_INSTALLED = (
    "PERINGATAN: SAKIP_SENTRY_DSN diisi tetapi sentry-sdk tidak terpasang, jadi galat tidak "
    "dikirim ke Sentry. Pasang dengan: pip install 'sakip[sentry]'\n"
)


def _tag_request_id(event, hint):
    request_id = current_request_id()
    if request_id != NONE:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def start_sentry(dsn: str) -> bool:
    """Starts Sentry's client; False (with a warning on stderr) when sentry-sdk is not installed."""
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        sys.stderr.write(NOT_INSTALLED)
        return False
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        before_send=_tag_request_id,
    )
    return True
