"""A record's history (django-simple-history rows) as a list a person can read:
when, who, what changed from what to what, and why; and the page that shows it
(organisasi/riwayat.html), which every app's history view renders through `render_riwayat`."""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from sakip.organisasi.orang import nama_orang

KIND = {"+": gettext_lazy("dibuat"), "~": gettext_lazy("diubah"), "-": gettext_lazy("dihapus")}


@dataclass
class Change:
    waktu: object
    oleh: str
    jenis: str
    alasan: str
    perubahan: list[tuple[str, object, object]] = field(default_factory=list)
    objek: str = ""  # which row, when the list holds the history of several


def changes(records, fields: list[str], label=None) -> list[Change]:
    """Newest first; `fields` are the columns worth showing. `records` may hold the history of
    several rows (e.g. a target per year): each is compared with the row's own previous state,
    and `label(record)`, when given, names the row each change is about."""
    ordered = list(records.select_related("history_user").order_by("history_date", "history_id"))
    result = []
    previous_of: dict = {}
    for record in ordered:
        previous = previous_of.get(record.id)
        diffs = [
            (name, getattr(previous, name) if previous else None, getattr(record, name))
            for name in fields
            if (previous is None and getattr(record, name) not in (None, ""))
            or (previous is not None and getattr(previous, name) != getattr(record, name))
        ]
        if record.history_type == "-":
            diffs = [(name, getattr(record, name), None) for name in fields]
        if record.history_type == "~" and not diffs:
            continue  # saved without a change: nothing to tell
        result.append(
            Change(
                waktu=record.history_date,
                oleh=nama_orang(record.history_user),  # the nama lengkap when known
                jenis=KIND.get(record.history_type, record.history_type),
                alasan=record.history_change_reason or "",
                perubahan=diffs,
                objek=str(label(record)) if label else "",
            )
        )
        previous_of[record.id] = None if record.history_type == "-" else record
    result.reverse()
    return [_readable(change, ordered[0]._meta) for change in result] if ordered else result


def _readable(change: Change, meta) -> Change:
    """Field names as their labels, choice values as what the forms show."""
    readable = []
    for name, old, new in change.perubahan:
        field = meta.get_field(name)
        if field.choices:
            shown = dict(field.flatchoices)
            old, new = shown.get(old, old), shown.get(new, new)
        readable.append((capfirst(str(field.verbose_name)), old, new))
    change.perubahan = readable
    return change


def newest_first(*lists: list[Change]) -> list[Change]:
    """Changes of several models in one list, newest first."""
    return sorted((c for found in lists for c in found), key=lambda c: c.waktu, reverse=True)


def safe_back(request) -> str:
    """Where "Kembali" leads: the page the user came from when it is on this site."""
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return reverse("home")


def render_riwayat(request, judul: str, found: list[Change], kembali: str = ""):
    """The history page: who changed what from what to what, when and why."""
    from sakip.organisasi.access import akun_of

    return render(
        request,
        "organisasi/riwayat.html",
        {
            "judul": judul,
            "changes": found,
            "akun": akun_of(request.user),
            "kembali": kembali or safe_back(request),
        },
    )
