"""Optimistic locking for Berversi rows: the second of two concurrent edits is refused.

Both functions must run inside transaction.atomic(): the row is locked for the check on
PostgreSQL, and SQLite runs write transactions one at a time (IMMEDIATE mode)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from sakip.organisasi.limits import change_reason, check_limits

CONFLICT = gettext_lazy(
    "Data ini baru saja diubah orang lain sejak Anda membukanya. Muat ulang halaman, periksa "
    "nilainya, lalu simpan lagi."
)


class EditConflict(ValidationError):
    pass


def _current_versi(obj) -> int | None:
    return (
        type(obj)
        .objects.select_for_update()
        .filter(pk=obj.pk)
        .values_list("versi", flat=True)
        .first()
    )


def _check(obj, expected_versi: int | None) -> int | None:
    current = _current_versi(obj) if obj.pk is not None else None
    if expected_versi is not None and (current or 0) != expected_versi:
        raise EditConflict(CONFLICT)
    return current


def save_if_unchanged(obj, expected_versi: int | None, reason: str) -> None:
    """Save `obj` (changed in memory) unless its row moved past `expected_versi`: the versi the
    editor saw, 0 when it saw no row yet, None to skip the check (trusted loaders). A text longer
    than its field allows, or rupiah with sen, is refused first (limits.check_limits)."""
    check_limits(obj)
    current = _check(obj, expected_versi)
    if current is not None:
        obj.versi = current + 1
    obj._change_reason = change_reason(reason)
    obj.save()


def delete_if_unchanged(obj, expected_versi: int | None, reason: str) -> None:
    _check(obj, expected_versi)
    obj._change_reason = change_reason(reason)
    obj.delete()
