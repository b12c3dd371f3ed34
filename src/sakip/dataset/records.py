"""Idempotent writes for loaders: a row is saved only when something in it changed, so
loading the same file twice adds no history and changes nothing."""

from django.db import models

from sakip.organisasi.limits import change_reason


def _differs(obj, name, value) -> bool:
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class FrozenRecord(Exception):
    """The file would change a record that the workflow has frozen (a signed PK, a quarter
    submitted, verified or locked). Its message says which and what to do."""


def upsert(
    model, lookup: dict, values: dict, reason: str, frozen: str = ""
) -> tuple[models.Model, bool]:
    """Create or update the row found by `lookup`; returns (row, whether anything was written).
    With `frozen`, a new row or a change is refused with that message."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        if frozen:
            raise FrozenRecord(frozen)
        obj = model(**lookup, **values)
    else:
        changed = [name for name, value in values.items() if _differs(obj, name, value)]
        if not changed:
            return obj, False
        if frozen:
            raise FrozenRecord(frozen)
        for name in changed:
            setattr(obj, name, values[name])
        if hasattr(obj, "versi"):
            obj.versi += 1  # an edit form opened before this load must not overwrite it
    obj._change_reason = change_reason(reason)
    obj.save()
    return obj, True


def prune(queryset, keep_ids, reason: str, frozen_for=None) -> int:
    """Delete the rows of `queryset` that the file no longer lists (one at a time, so each
    deletion is recorded in the history of models that keep one). `frozen_for(row)` may name
    why a row must not go."""
    removed = 0
    for obj in queryset.exclude(pk__in=list(keep_ids)):
        message = frozen_for(obj) if frozen_for else ""
        if message:
            raise FrozenRecord(message)
        obj._change_reason = change_reason(reason)
        obj.delete()
        removed += 1
    return removed
