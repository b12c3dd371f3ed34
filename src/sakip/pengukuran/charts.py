"""Small server-side SVG charts for pages: no JavaScript, no CDN, readable on a phone.
They draw figures already computed by the measurement; they compute none."""

from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_angka, format_persen
from sakip.formulas.triwulan import TipePenghitungan, aggregate_quarters

BAR = "#0b5cad"
TARGET = "#c0392b"
KUMULATIF = TipePenghitungan.KUMULATIF


def quarter_chart(values, target, places: int, cumulative: bool) -> str:
    """Bars for TW I–IV (the year so far for a kumulatif indicator, as the formula engine
    aggregates it) and a dashed target line."""
    shown = []
    for i, value in enumerate(values):
        if value is None or not cumulative:
            shown.append(value)
            continue
        so_far = aggregate_quarters(list(values[: i + 1]) + [None] * (3 - i), KUMULATIF)
        shown.append(so_far.value)
    numbers = [v for v in shown if v is not None] + ([target] if target is not None else [])
    top = max([abs(n) for n in numbers] + [Decimal(1)])
    width, height, base = 260, 120, 100
    parts = [
        f'<svg viewBox="0 0 {width} {height}" class="chart" role="img" aria-label="{escape(_("Tren triwulan"))}">'
    ]
    for i, value in enumerate(shown):
        x = 20 + i * 60
        label = ["I", "II", "III", "IV"][i]
        parts.append(
            f'<text x="{x + 18}" y="{height - 4}" text-anchor="middle" class="axis">TW {label}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{x + 18}" y="{base - 4}" text-anchor="middle" class="empty">–</text>'
            )
            continue
        h = float(abs(value) / top) * 80
        parts.append(f'<rect x="{x}" y="{base - h:.1f}" width="36" height="{h:.1f}" fill="{BAR}"/>')
        parts.append(
            f'<text x="{x + 18}" y="{base - h - 3:.1f}" text-anchor="middle" class="val">'
            f"{escape(format_angka(value, places))}</text>"
        )
    if target is not None:
        y = base - float(abs(target) / top) * 80
        parts.append(
            f'<line x1="10" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="{TARGET}" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def serapan_chart(programs) -> str:
    """One horizontal bar per program: its serapan in percent, with the 100 % mark."""
    rows = [(p.nama, p.serapan) for p in programs]
    width, row_h = 640, 30
    height = row_h * len(rows) + 10
    parts = [
        f'<svg viewBox="0 0 {width} {height}" class="chart wide" role="img" aria-label="{escape(_("Serapan anggaran per program"))}">'
    ]
    for i, (name, result) in enumerate(rows):
        y = 5 + i * row_h
        short = name if len(name) <= 48 else name[:45] + "…"
        parts.append(f'<text x="0" y="{y + 17}" class="axis">{escape(short.capitalize())}</text>')
        if result.is_computed:
            w = min(float(result.value), 120) / 120 * 260
            parts.append(f'<rect x="330" y="{y + 4}" width="{w:.1f}" height="18" fill="{BAR}"/>')
            parts.append(
                f'<text x="{334 + w:.1f}" y="{y + 17}" class="val">{escape(format_persen(result.value))}</text>'
            )
        else:
            parts.append(
                f'<text x="330" y="{y + 17}" class="empty">{escape(_("belum ada data"))}</text>'
            )
    x100 = 330 + 100 / 120 * 260
    parts.append(
        f'<line x1="{x100:.1f}" x2="{x100:.1f}" y1="0" y2="{height}" stroke="{TARGET}" stroke-dasharray="4 3"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
