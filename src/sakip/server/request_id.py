"""Request ids: one id per request, from the proxy's X-Request-ID when it is well-formed (nginx's
`$request_id`) else made here, sent back in the response's X-Request-ID and put on every log record
written while the request runs, so a line of the access log, an error and a Sentry event of one
request can be found together.

The id stays current until the response is closed (Django's request_finished, connected in
ServerConfig.ready): Django logs a 404 after the middleware has returned, and a download's body
is sent after that too. No Django import here: the logging configuration loads RequestIdFilter
before the apps."""

import contextvars
import re
import uuid

HEADER = "X-Request-ID"
NONE = "-"  # on records written outside a request (commands, start-up)

# letters, digits and . _ - only, so an id from outside cannot forge or break a log line
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current = contextvars.ContextVar("request_id", default=NONE)


def current_request_id() -> str:
    """The id of the request being handled in this thread, or "-"."""
    return _current.get()


def request_id_from(header: str | None) -> str:
    if header and WELL_FORMED.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestId:
    """First in MIDDLEWARE, so that every answer (the 413 and the static files too) carries it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        _current.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


def forget_request_id(**kwargs) -> None:
    """The request is over (its response closed): records written from now on are of no request."""
    _current.set(NONE)


class RequestIdFilter:
    """A logging filter that gives each record `request_id` (for the `%(request_id)s` format)."""

    def filter(self, record) -> bool:
        record.request_id = _current.get()
        return True
