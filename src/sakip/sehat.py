"""/sehat: is this sakip able to serve? For a monitor, a load balancer or systemd, without login.

    {"status": "baik" | "terganggu",
     "periksa": {"basis_data": {...}, "cache": {...}, "worker": {...}, "libreoffice": {...}}}

200 when every required check passes, 503 otherwise. Each check says "ok"; a failed one says why in
a few words (the details go to the log, with the request id): no address, version or secret.

The task worker (not built yet) calls `detak_worker()` at least every minute; its heartbeat is kept
in the cache, which every process of the install shares. The worker is required only with
SAKIP_WORKER=1: then a heartbeat older than SAKIP_WORKER_DETAK_MAKS_DETIK (300) makes /sehat 503.
Without it the worker's state is reported ("belum ada worker") and never makes it 503."""

import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sakip.pelaporan.pdf import PdfError, find_soffice

logger = logging.getLogger(__name__)

KUNCI_DETAK_WORKER = "sakip:worker:detak"


def detak_worker(waktu: float | None = None) -> None:
    """The worker is alive now (or at `waktu`, seconds since the epoch)."""
    cache.set(KUNCI_DETAK_WORKER, time.time() if waktu is None else waktu, timeout=None)


def _timed(check) -> dict:
    start = time.perf_counter()
    result = check()
    result["ms"] = round((time.perf_counter() - start) * 1000, 1)
    return result


def periksa_basis_data() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("sehat: basis data tidak menjawab")
        return {"ok": False, "galat": _("basis data tidak menjawab")}
    return {"ok": True}


def periksa_cache() -> dict:
    key, value = "sakip:sehat:" + secrets.token_hex(8), secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=30)
        answered = cache.get(key)
        cache.delete(key)
    except Exception:
        logger.exception("sehat: cache tidak menjawab")
        return {"ok": False, "galat": _("cache tidak menjawab")}
    if answered != value:
        return {"ok": False, "galat": _("cache tidak menyimpan")}
    return {"ok": True}


def periksa_worker(sekarang: float | None = None) -> dict:
    wajib = settings.SAKIP_WORKER_WAJIB
    try:
        detak = cache.get(KUNCI_DETAK_WORKER)
    except Exception:  # the cache check says why
        return {"ok": not wajib, "wajib": wajib, "keadaan": _("tidak diketahui")}
    if detak is None:
        return {"ok": not wajib, "wajib": wajib, "keadaan": _("belum ada worker")}
    umur = max(0, round((time.time() if sekarang is None else sekarang) - detak))
    segar = umur <= settings.SAKIP_WORKER_DETAK_MAKS_DETIK
    return {
        "ok": segar or not wajib,
        "wajib": wajib,
        "keadaan": _("berjalan") if segar else _("terlambat"),
        "umur_detik": umur,
    }


def periksa_libreoffice() -> dict:
    try:
        find_soffice()
    except PdfError:
        return {"ok": False, "galat": _("LibreOffice tidak terpasang: PDF tidak dapat dibuat")}
    return {"ok": True}


def periksa_semua() -> dict:
    periksa = {
        "basis_data": _timed(periksa_basis_data),
        "cache": _timed(periksa_cache),
        "worker": periksa_worker(),
        "libreoffice": periksa_libreoffice(),
    }
    baik = all(hasil["ok"] for hasil in periksa.values())
    return {"status": "baik" if baik else "terganggu", "periksa": periksa}


@never_cache
@require_safe
def sehat(request):
    hasil = periksa_semua()
    return JsonResponse(hasil, status=200 if hasil["status"] == "baik" else 503)
