"""What keeps the public form honest without a login: the period it answers to, a rate limit
per client address, and the fingerprint (`sidik`) that spots the same answers sent twice.

The rate limit counts in Django's cache, which sakip's settings make shared by every process of
the machine (files under DATA_DIR/cache, or Redis with SAKIP_REDIS_URL). Accepted responses and
wrong one-time codes both count: guessing codes is limited too. Redis counts exactly (INCR); the
file cache reads and writes, so two requests at the same instant may count once. The limit is a
nuisance brake, not the integrity guarantee: that is the one-time code."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from sakip.survei.models import UNSUR_FIELDS, Layanan, PeriodeSurvei

BATAS_RESPONS = 10  # accepted responses per address per OPD …
JENDELA_DETIK = 10 * 60  # … in this many seconds


def layanan_publik(token: str) -> Layanan | None:
    return Layanan.objects.select_related("opd__pemda").filter(token=token, aktif=True).first()


def periode_berjalan(layanan: Layanan) -> PeriodeSurvei | None:
    """The OPD's open period whose dates contain today (periods never overlap)."""
    today = timezone.localdate()
    return (
        PeriodeSurvei.objects.select_related("opd__pemda")
        .filter(
            pemda_id=layanan.pemda_id,
            opd_id=layanan.opd_id,
            dibuka=True,
            mulai__lte=today,
            selesai__gte=today,
        )
        .first()
    )


def alamat_klien(request) -> str:
    """The citizen's address. REMOTE_ADDR is the machine that connected: behind a reverse proxy
    (nginx) that is the proxy itself, for everyone. Only when REMOTE_ADDR is one of
    SAKIP_TRUSTED_PROXIES is X-Forwarded-For read, from the right: each trusted proxy appends
    the address it saw, so the right-most address that is not a trusted proxy is the client;
    what stands left of it was written by the client and may be anything."""
    remote = request.META.get("REMOTE_ADDR", "") or "tanpa-alamat"
    trusted = set(getattr(settings, "SAKIP_TRUSTED_PROXIES", ()))
    if remote not in trusted:
        return remote
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for alamat in reversed([a for a in chain if a]):
        if alamat not in trusted:
            return alamat[:64]
    return remote


def _hash(*parts) -> str:
    message = "\x1f".join(str(p) for p in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _batas() -> tuple[int, int]:
    return (
        getattr(settings, "SAKIP_SKM_BATAS_RESPONS", BATAS_RESPONS),
        getattr(settings, "SAKIP_SKM_JENDELA_DETIK", JENDELA_DETIK),
    )


def _kunci_batas(alamat: str, opd_id: int) -> str:
    # the address is kept hashed, never in clear, in the cache too
    return "skm-batas:" + _hash("batas", alamat, opd_id)[:32]


def melewati_batas(alamat: str, opd_id: int) -> bool:
    batas, _jendela = _batas()
    return (cache.get(_kunci_batas(alamat, opd_id)) or 0) >= batas


def catat_kiriman(alamat: str, opd_id: int) -> None:
    """Count one accepted (or silently dropped) submission, or one wrong one-time code, in the
    address's window."""
    _batas_n, jendela = _batas()
    key = _kunci_batas(alamat, opd_id)
    if cache.add(key, 1, timeout=jendela):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=jendela)


def sidik(alamat: str, layanan: Layanan, values: dict) -> str:
    """Fingerprint of one submission: address, service, profile and the nine answers (not the
    free-text suggestion). The address only enters a keyed hash; it is never stored."""
    fields = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan", *UNSUR_FIELDS)
    return _hash("sidik", alamat, layanan.pk, *(values.get(f) for f in fields))
