"""Idempotent writes for loaders: a row is saved only when something in it changed, so
loading the same file twice adds no history and changes nothing."""

from django.db import models


def _differs(obj, name, value) -> bool:
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def upsert(model, lookup: dict, values: dict, reason: str) -> tuple[models.Model, bool]:
    """Create or update the row found by `lookup`; returns (row, whether anything was written)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
    else:
        changed = [name for name, value in values.items() if _differs(obj, name, value)]
        if not changed:
            return obj, False
        for name in changed:
            setattr(obj, name, values[name])
        if hasattr(obj, "versi"):
            obj.versi += 1  # an edit form opened before this load must not overwrite it
    obj._change_reason = reason
    obj.save()
    return obj, True


def prune(queryset, keep_ids, reason: str) -> int:
    """Delete the rows of `queryset` that the file no longer lists (one at a time, so each
    deletion is recorded in the history of models that keep one)."""
    removed = 0
    for obj in queryset.exclude(pk__in=list(keep_ids)):
        obj._change_reason = reason
        obj.delete()
        removed += 1
    return removed
