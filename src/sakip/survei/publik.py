"""What keeps the public form honest without a login: the period it answers to, a rate limit
per client address, and the fingerprint (`sidik`) that spots the same answers sent twice.

The rate limit counts in Django's cache, which sakip's settings make shared by every process of
the machine (files under DATA_DIR/cache, or Redis with SAKIP_REDIS_URL). A submission is counted
before it is looked at, in one atomic step (`sakip.organisasi.cache.count_one`), and goes on only
when its count is within the limit: parallel requests from one address cannot all pass before any
of them counts, and the count is exact on Redis and on the file cache alike. Accepted responses,
silently dropped robot submissions and wrong one-time codes keep their count (guessing codes is
limited too); a form sent back for correction or the same answers sent twice give it back. The
window opens at the address's first submission and is not extended by later ones. The limit is a
nuisance brake, not the integrity guarantee: that is the one-time code.

The client address comes from `sakip.organisasi.alamat.alamat_klien`."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from sakip.organisasi.cache import count_one, uncount_one
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


def _hash(*parts) -> str:
    message = "\x1f".join(str(p) for p in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _batas() -> tuple[int, int]:
    return (
        getattr(settings, "SAKIP_SKM_BATAS_RESPONS", BATAS_RESPONS),
        getattr(settings, "SAKIP_SKM_JENDELA_DETIK", JENDELA_DETIK),
    )


def menit_jendela() -> int:
    """The rate limit's window in whole minutes (rounded up), for the refusal message."""
    return max(1, -(-_batas()[1] // 60))


def _kunci_batas(alamat: str, opd_id: int) -> str:
    # the address is kept hashed, never in clear, in the cache too
    return "skm-batas:" + _hash("batas", alamat, opd_id)[:32]


def catat_kiriman(alamat: str, opd_id: int) -> bool:
    """Count one submission in the address's window and say whether it is within the limit.
    The view calls it before looking at the submission, and refuses it when this is False."""
    batas, jendela = _batas()
    key = _kunci_batas(alamat, opd_id)
    if count_one(key, jendela) <= batas:
        return True
    uncount_one(key)  # a refused submission is not counted: the count stays that of those let in
    return False


def batalkan_kiriman(alamat: str, opd_id: int) -> None:
    """Give back the count of a submission that turned out not to be one: a form sent back for
    correction, or the same answers sent twice (which are not stored again)."""
    uncount_one(_kunci_batas(alamat, opd_id))


def sidik(alamat: str, layanan: Layanan, values: dict) -> str:
    """Fingerprint of one submission: address, service, profile and the nine answers (not the
    free-text suggestion). The address only enters a keyed hash; it is never stored."""
    fields = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan", *UNSUR_FIELDS)
    return _hash("sidik", alamat, layanan.pk, *(values.get(f) for f in fields))
