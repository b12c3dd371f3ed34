"""The client's network address, the one every per-address limit of sakip counts by: the SKM
public form's rate limit and the login throttle (sakip.organisasi.throttle, django-axes).

REMOTE_ADDR is the machine that connected: behind a reverse proxy (nginx) that is the proxy
itself, for everyone. Only when REMOTE_ADDR is one of SAKIP_TRUSTED_PROXIES is X-Forwarded-For
read, from the right: each trusted proxy appends the address it saw, so the right-most address
that is not a trusted proxy is the client; what stands left of it was written by the client and
may be anything."""

from __future__ import annotations

import ipaddress

from django.conf import settings

TANPA_ALAMAT = "tanpa-alamat"  # a request without REMOTE_ADDR (a test client, a broken proxy)


def alamat_klien(request) -> str:
    """The client's address as text (at most 64 characters), never empty."""
    remote = request.META.get("REMOTE_ADDR", "") or TANPA_ALAMAT
    trusted = set(getattr(settings, "SAKIP_TRUSTED_PROXIES", ()))
    if remote not in trusted:
        return remote
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for alamat in reversed([a for a in chain if a]):
        if alamat not in trusted:
            return alamat[:64]
    return remote


def alamat_ip_klien(request) -> str | None:
    """The same address when it is an IP address, else None: for django-axes
    (AXES_CLIENT_IP_CALLABLE), which stores it in an IP address column (`inet` on PostgreSQL)."""
    alamat = alamat_klien(request)
    try:
        return str(ipaddress.ip_address(alamat))
    except ValueError:
        return None
