"""How `sakip serve` runs gunicorn: the worker count, the refusals, the command line."""

import os
import sys

from django.utils.translation import gettext as _

MAX_WORKERS = 12  # each process holds Django, matplotlib and openpyxl: ~150 MB
THREADS = 2  # per process, as tests/survei/test_batas_paralel.py load-tests it
# a request may wait for LibreOffice (pelaporan.pdf gives it 120 s) and a large download
TIMEOUT_SECONDS = 180
# the access log: the proxy's client address and the request id of the response header,
# which sakip.server.request_id also puts on every record of the application's log
ACCESS_LOG_FORMAT = (
    '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s %(M)sms '
    '"%(f)s" "%(a)s" id=%({x-request-id}o)s'
)


def cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container or a cgroup)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def default_workers(environ=os.environ, ncores: int | None = None) -> int:
    """SAKIP_WEB_WORKERS, else 2 × cores + 1, at most MAX_WORKERS."""
    if environ.get("SAKIP_WEB_WORKERS"):
        return positive_int(environ["SAKIP_WEB_WORKERS"], "SAKIP_WEB_WORKERS")
    return min(2 * (ncores or cores()) + 1, MAX_WORKERS)


def positive_int(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(
            _("%(name)s harus bilangan bulat 1 atau lebih, bukan %(value)r.")
            % {"name": name, "value": value}
        )
    return number


def refusals(environ, debug: bool) -> list[str]:
    """Why sakip must not serve with these settings (empty when it may)."""
    reasons = []
    if debug:
        reasons.append(
            _(
                "SAKIP_DEBUG aktif: mode debug memperlihatkan isi kode dan pengaturan kepada "
                "siapa pun saat terjadi galat. Hapus SAKIP_DEBUG untuk menjalankan layanan."
            )
        )
    if environ.get("SAKIP_HTTPS") == "1" and not environ.get("SAKIP_SECRET_KEY"):
        reasons.append(
            _(
                "SAKIP_HTTPS=1 tanpa SAKIP_SECRET_KEY: isi SAKIP_SECRET_KEY dengan kunci rahasia "
                "yang panjang dan acak (mis. keluaran `python3 -c 'import secrets; "
                "print(secrets.token_urlsafe(50))'`), sama untuk semua proses sakip."
            )
        )
    return reasons


def gunicorn_argv(bind: str, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "sakip.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(THREADS),
        "--timeout",
        str(TIMEOUT_SECONDS),
        "--graceful-timeout",
        "30",
        "--keep-alive",
        "5",
        # a worker is replaced after about 1000 requests, so memory a library keeps cannot grow
        "--max-requests",
        "1000",
        "--max-requests-jitter",
        "100",
        # the application is loaded once, before the workers fork: an error in the settings stops
        # the start at once, and the workers share its memory. No app opens a database connection
        # while loading, so no connection is shared between processes.
        "--preload",
        # gunicorn's control socket is one per user (~/.gunicorn): two servers would share it
        "--no-control-socket",
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
    ]
