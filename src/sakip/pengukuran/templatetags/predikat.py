"""Predicate badges in the colours of the pemda's scale, under a policy that refuses style="…".

A badge carries a class named after its colour (`{{ warna|kelas_warna }}` gives `warna-1b7f3b`)
and `{% gaya_predikat skala %}` in the page head writes one rule per colour of the scale, in a
`<style>` element with this request's CSP nonce. The whole scale, not only the colours on the
page: a row that htmx swaps in later may show a predicate that no other row had."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# a colour as a CSS value that cannot close the rule: #rgb, #rgba, #rrggbb, #rrggbbaa or a name
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]{3,20}")


def _plain(warna) -> str:
    warna = (warna or "").strip()
    return warna if COLOUR.fullmatch(warna) else ""


@register.filter
def kelas_warna(warna) -> str:
    """The badge class for a band colour; "" (the grey of `.badge`) for none or another notation."""
    warna = _plain(warna)
    return "warna-" + warna.lstrip("#").lower() if warna else ""


@register.simple_tag(takes_context=True)
def gaya_predikat(context, skala):
    """`<style nonce>` giving each colour of the PredikatScale `skala` its badge class."""
    rules = {}
    for band in skala.bands if skala else ():
        if kelas := kelas_warna(band.color):
            rules[kelas] = f".badge.{kelas}{{--badge:{_plain(band.color)}}}"
    if not rules:
        return ""
    # the rules hold only names and colours matched by COLOUR above: nothing to escape
    css = mark_safe("".join(rules.values()))
    return format_html('<style nonce="{}">{}</style>', context.get("csp_nonce", ""), css)
