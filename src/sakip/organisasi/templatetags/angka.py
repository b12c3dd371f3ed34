"""Indonesian number display for templates. Formatting only: figures come computed."""

from django import template

from sakip.formulas.numbers import format_angka, format_result

register = template.Library()


@register.filter
def angka(value, places=0):
    if value is None or isinstance(value, str):
        return value or ""
    return format_angka(value, int(places))


@register.filter
def hasil(result, places=2):
    return format_result(result, int(places))


@register.filter
def persen(result, places=2):
    return format_result(result, int(places), persen=True)
