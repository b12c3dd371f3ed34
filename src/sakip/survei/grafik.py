"""Charts of SKM results: small server-side SVG for pages (as `sakip.pengukuran.charts`) and
matplotlib PNG for the Laporan Hasil SKM (with the LKjIP's chart frame, `sakip.pelaporan.charts`).
They draw figures already computed by `sakip.survei.hasil`; they compute none."""

from __future__ import annotations

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sakip.formulas.ikm import SKALA_MUTU_IKM
from sakip.formulas.numbers import format_angka

BAR = "#0b5cad"
LOW = "#c0392b"


def _mutu_color(mutu: str | None) -> str:
    band = next((b for b in SKALA_MUTU_IKM.bands if b.label == mutu), None)
    return band.color if band else "#aab"


def _size(width: int, height: int, scale: float) -> str:
    """The largest size a page shows the chart at, as attributes: the Content-Security-Policy
    refuses style="max-width: …". sakip.css keeps a chart with a width within its container."""
    return f'width="{width * scale:.0f}" height="{height * scale:.0f}"'


def nrr_svg(baris_unsur) -> str:
    """One horizontal bar per unsur on the 1–4 scale; the priority unsur in red."""
    row_h, width = 26, 640
    height = row_h * len(baris_unsur) + 10
    parts = [
        f'<svg viewBox="0 0 {width} {height}" {_size(width, height, (width + 80) / width)} '
        f'class="chart wide" role="img" aria-label="{escape(_("NRR per unsur"))}">'
    ]
    for i, (kode, nama, _total, nrr, low) in enumerate(baris_unsur):
        y = 5 + i * row_h
        label = f"{kode} {nama}"
        label = label if len(label) <= 44 else label[:41] + "…"
        parts.append(f'<text x="0" y="{y + 16}" class="axis">{escape(label)}</text>')
        if nrr is None:
            parts.append(f'<text x="300" y="{y + 16}" class="empty">–</text>')
            continue
        w = float(nrr) / 4 * 280
        fill = LOW if low else BAR
        parts.append(f'<rect x="300" y="{y + 3}" width="{w:.1f}" height="16" fill="{fill}"/>')
        parts.append(
            f'<text x="{304 + w:.1f}" y="{y + 16}" class="val">{escape(format_angka(nrr, 2))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def tren_svg(tren) -> str:
    """IKM (NIK) per period as vertical bars coloured by mutu."""
    points = list(tren)
    width, height, base = max(120 * len(points), 260), 150, 120
    parts = [
        f'<svg viewBox="0 0 {width} {height}" {_size(width, height, 1.5)} '
        f'class="chart" role="img" aria-label="{escape(_("Tren IKM"))}">'
    ]
    for i, t in enumerate(points):
        x = 20 + i * 120
        parts.append(
            f'<text x="{x + 40}" y="{height - 4}" text-anchor="middle" class="axis">'
            f"{escape(t.label)}</text>"
        )
        if not t.ikm.is_computed:
            parts.append(
                f'<text x="{x + 40}" y="{base - 4}" text-anchor="middle" class="empty">–</text>'
            )
            continue
        h = float(t.ikm.nik) / 100 * 100
        parts.append(
            f'<rect x="{x + 10}" y="{base - h:.1f}" width="60" height="{h:.1f}" '
            f'fill="{_mutu_color(t.ikm.mutu)}"/>'
        )
        parts.append(
            f'<text x="{x + 40}" y="{base - h - 3:.1f}" text-anchor="middle" class="val">'
            f"{escape(format_angka(t.ikm.nik, 2))} ({escape(t.ikm.mutu)})</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# --- document charts (matplotlib) ------------------------------------------------------------


def nrr_png(baris_unsur, title: str) -> bytes:
    """NRR per unsur as horizontal bars (1–4), the priority unsur in red, as PNG."""
    from sakip.pelaporan import charts

    rows = list(baris_unsur)
    labels = [charts._wrap(f"{kode} {nama}") for kode, nama, *_rest in rows]
    figure, axes = charts._figure(title, charts._rows_height([(x,) for x in labels], 1))
    values = [float(nrr) if nrr is not None else 0 for *_rest, nrr, _low in rows]
    axes.barh(
        range(len(rows)), values, height=0.6, color=[LOW if r[4] else BAR for r in rows], zorder=2
    )
    charts._category_axis(axes, labels)
    axes.set_xlim(0, 4.4)
    axes.xaxis.set_major_formatter(charts.AngkaFormatter())
    axes.tick_params(axis="x", labelsize=charts.TEXT_SIZE)
    for y, (*_rest, nrr, _low) in enumerate(rows):
        charts._bar_label(axes, y, nrr, "")
    return charts.to_png(figure)


def tren_png(tren, title: str) -> bytes:
    """IKM (NIK) per period as vertical bars coloured by mutu, as PNG."""
    from sakip.pelaporan import charts

    points = list(tren)
    figure, axes = charts._figure(title, charts.BASE_HEIGHT_PX)
    xs = list(range(len(points)))
    values = [float(t.ikm.nik) if t.ikm.is_computed else 0 for t in points]
    axes.bar(xs, values, color=[_mutu_color(t.ikm.mutu) for t in points], width=0.6, zorder=2)
    axes.set_xticks(xs, [charts._wrap(t.label, 16) for t in points], fontsize=charts.TEXT_SIZE)
    axes.set_ylim(0, 105)
    axes.yaxis.set_major_formatter(charts.AngkaFormatter())
    axes.tick_params(axis="y", labelsize=charts.TEXT_SIZE)
    for x, t in zip(xs, points, strict=True):
        text = f"{format_angka(t.ikm.nik, 2)} ({t.ikm.mutu})" if t.ikm.is_computed else "–"
        axes.text(x, values[x] + 1.5, text, ha="center", fontsize=charts.SMALL_SIZE)
    charts._plain_frame(axes)
    return charts.to_png(figure)
