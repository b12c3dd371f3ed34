"""Text limits in hand-written forms: `{% batas "catatan" as n %}` gives the limit of a kind of
text (sakip.organisasi.limits) for the maxlength attribute, `{{ n|paling_banyak }}` the hint
shown next to the field ("Paling banyak 5.000 karakter.")."""

from django import template

from sakip.organisasi import limits

register = template.Library()
KINDS = {"uraian", "alasan", "saran", "catatan", "narasi"}


@register.simple_tag
def batas(kind: str) -> int:
    if kind not in KINDS:
        raise template.TemplateSyntaxError(f"batas: unknown kind of text {kind!r}")
    return getattr(limits, kind.upper())


@register.filter
def paling_banyak(limit) -> str:
    return limits.limit_hint(int(limit))
