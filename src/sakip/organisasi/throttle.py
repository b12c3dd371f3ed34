"""Login throttling: two limits against guessing passwords, both for SAKIP_LOGIN_KUNCI_MENIT
minutes (README, Settings).

- per account, from one address (django-axes, lockout parameters username + ip_address):
  SAKIP_LOGIN_BATAS_AKUN wrong passwords lock that account from that address; the same account
  from another address is not held back. A correct password resets the count.
- per address, whatever the accounts (this module): SAKIP_LOGIN_BATAS_ALAMAT failed logins lock
  the address, so one address cannot try one password against every account (password
  spraying). The limit is higher because a whole kecamatan office may sit behind one NAT address.

Axes cannot hold the second limit itself: it compares every lockout parameter with one failure
limit (the largest count of any of them against AXES_FAILURE_LIMIT), and resets every matching
count, the address's too, on a correct login.

The address count (`sakip.organisasi.cache.count_one`, exact under parallel logins on every
cache) is taken before the password is checked, by `BatasAlamatBackend`, which stands between
axes's backend and Django's ModelBackend: an attempt axes already refuses (account locked) is
not counted, an attempt past the limit is refused without checking its password, and a correct
password gives its count back, so the logins of an office do not use its budget up. The window
opens at the first attempt the address has counted; the failure that reaches the limit locks the address for
SAKIP_LOGIN_KUNCI_MENIT minutes from then. Attempts during either lock are refused and not
counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so the time on the lock page
stays true.

Both locks show the one lock page (`respons_terkunci`, AXES_LOCKOUT_CALLABLE), which says why
and when to try again, in the server's time zone ("Coba lagi setelah pukul 14.35 WIB"). A refusal
here marks the request as axes does (`request.axes_locked_out`), so AxesMiddleware shows the page
and axes does not record the refused attempt as a failure of the account."""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from datetime import UTC, datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from sakip.organisasi.alamat import alamat_klien
from sakip.organisasi.cache import count_one, uncount_one

BATAS_AKUN = 5  # wrong passwords for one account from one address …
BATAS_ALAMAT = 20  # failed logins from one address, whatever the accounts …
KUNCI_MENIT = 30  # … in this many minutes lock for this many minutes


def lama_kunci(request=None) -> timedelta:
    """How long a lock lasts (AXES_COOLOFF_TIME), also the window of the address count."""
    return timedelta(minutes=getattr(settings, "SAKIP_LOGIN_KUNCI_MENIT", KUNCI_MENIT))


def batas_akun(request=None, credentials=None) -> int:
    """AXES_FAILURE_LIMIT."""
    return getattr(settings, "SAKIP_LOGIN_BATAS_AKUN", BATAS_AKUN)


def batas_alamat() -> int:
    return getattr(settings, "SAKIP_LOGIN_BATAS_ALAMAT", BATAS_ALAMAT)


def _kunci(jenis: str, alamat: str) -> str:
    # the address is kept hashed, never in clear, in the cache too
    digest = hmac.new(settings.SECRET_KEY.encode(), f"login\x1f{alamat}".encode(), hashlib.sha256)
    return f"login-{jenis}:{digest.hexdigest()[:32]}"


def kunci_alamat_sampai(alamat: str) -> datetime | None:
    """When the address's lock ends, or None when it is not locked."""
    sampai = cache.get(_kunci("kunci", alamat))
    if sampai is None or sampai <= time.time():
        return None
    return datetime.fromtimestamp(sampai, tz=UTC)


def _kunci_alamat(alamat: str) -> datetime:
    """Lock the address from now (a lock already on stays as it is); when it ends."""
    detik = int(lama_kunci().total_seconds())
    cache.add(_kunci("kunci", alamat), time.time() + detik, timeout=detik)
    return kunci_alamat_sampai(alamat) or timezone.now() + lama_kunci()


def _tolak(request, sampai: datetime):
    request.sakip_alamat_terkunci_sampai = sampai
    request.axes_locked_out = True  # AxesMiddleware answers with the lock page
    raise PermissionDenied("too many failed logins from this address")


class BatasAlamatBackend:
    """An authentication backend that logs nobody in: it counts the attempt for the client's
    address, or refuses it while the address is locked. Listed after axes's backend and before
    ModelBackend (settings.AUTHENTICATION_BACKENDS)."""

    def authenticate(self, request, **credentials):
        if request is None:
            return None
        alamat = alamat_klien(request)
        sampai = kunci_alamat_sampai(alamat)
        if sampai is not None:
            _tolak(request, sampai)
        key = _kunci("gagal", alamat)
        count = count_one(key, int(lama_kunci().total_seconds()))
        if count > batas_alamat():  # parallel attempts past the limit
            uncount_one(key)
            _tolak(request, _kunci_alamat(alamat))
        request.sakip_login_hitungan = (alamat, count)
        return None

    # no get_user(): Django would then take this backend for force_login's sessions


@receiver(user_login_failed, dispatch_uid="sakip-login-gagal")
def _gagal(sender, credentials, request=None, **kwargs):
    """A counted attempt failed: when it reached the limit, the address is locked from now."""
    counted = getattr(request, "sakip_login_hitungan", None)
    if counted is None:
        return
    alamat, count = counted
    if count >= batas_alamat():
        request.sakip_alamat_terkunci_sampai = _kunci_alamat(alamat)
        request.axes_locked_out = True


@receiver(user_logged_in, dispatch_uid="sakip-login-berhasil")
def _berhasil(sender, request, user, **kwargs):
    """A correct password: its attempt gives its count back."""
    counted = getattr(request, "sakip_login_hitungan", None)
    if counted is not None:
        uncount_one(_kunci("gagal", counted[0]))
        request.sakip_login_hitungan = None


def kunci_akun_sampai(request, credentials=None) -> datetime | None:
    """When axes's lock of this account from this address ends: the failures still inside the
    cool-off, newest first, reach the limit at one of them; the lock ends when that one leaves the
    cool-off."""
    limit = get_failure_limit(request, credentials)
    ends = []
    for attempts in AxesProxyHandler.get_implementation().get_user_attempts(request, credentials):
        total = 0
        for attempt_time, failures in attempts.order_by("-attempt_time").values_list(
            "attempt_time", "failures_since_start"
        ):
            total += failures
            if total >= limit:
                ends.append(attempt_time + lama_kunci(request))
                break
    return max(ends, default=None)


def coba_lagi(sampai: datetime) -> str:
    """ "Coba lagi setelah pukul 14.35 WIB.": the end of a lock, rounded up to the minute, in the
    server's time zone (SAKIP_TIME_ZONE), with the date when it is not today."""
    local = timezone.localtime(sampai)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    local = timezone.localtime(local)  # the same instant, its zone name after rounding
    jam = {"jam": local.strftime("%H.%M"), "zona": local.tzname()}
    if local.date() == timezone.localdate():
        return _("Coba lagi setelah pukul %(jam)s %(zona)s.") % jam
    return _("Coba lagi setelah %(tanggal)s pukul %(jam)s %(zona)s.") % {
        **jam,
        "tanggal": dateformat.format(local, "j F Y"),
    }


def respons_terkunci(request, original_response=None, credentials=None):
    """The lock page (AXES_LOCKOUT_CALLABLE): why, and when to try again."""
    sampai = getattr(request, "sakip_alamat_terkunci_sampai", None)
    per_alamat = sampai is not None
    if not per_alamat:
        sampai = kunci_akun_sampai(request, credentials)
    context = {
        "per_alamat": per_alamat,
        "coba_lagi": coba_lagi(sampai) if sampai else "",
        "menit": math.ceil(lama_kunci(request).total_seconds() / 60),
    }
    return render(request, "registration/terkunci.html", context, status=429)
