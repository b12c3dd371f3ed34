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


@register.filter
def nilai(value):
    """A recorded value as it was typed: numbers with their own decimals, text as is, a list
    of paragraphs one after the other."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, (int, str)):
        return value
    if isinstance(value, list | tuple):
        return " / ".join(str(item) for item in value)
    exponent = value.normalize().as_tuple().exponent
    return format_angka(value, max(-exponent, 0) if isinstance(exponent, int) else 0)
