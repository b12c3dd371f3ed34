"""A record's history (django-simple-history rows) as a list a person can read:
when, who, what changed from what to what, and why."""

from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KIND = {"+": gettext_lazy("dibuat"), "~": gettext_lazy("diubah"), "-": gettext_lazy("dihapus")}


@dataclass
class Change:
    waktu: object
    oleh: str
    jenis: str
    alasan: str
    perubahan: list[tuple[str, object, object]] = field(default_factory=list)


def changes(records, fields: list[str]) -> list[Change]:
    """Newest first; `fields` are the columns worth showing. `records` may hold the history of
    several rows (e.g. a target per year): each is compared with the row's own previous state."""
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
                oleh=record.history_user.username if record.history_user else _("sistem"),
                jenis=KIND.get(record.history_type, record.history_type),
                alasan=record.history_change_reason or "",
                perubahan=diffs,
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
