"""The pemda recap's chart: every OPD's Nilai Evaluasi AKIP as a bar in the colour of its
predikat, in ranking order, with the pemda's average as a dashed line. PNG bytes from plain
figures (the recap computes them; nothing is computed here), drawn like
`sakip.pelaporan.charts` (Agg, no pyplot, no global settings, Indonesian numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from matplotlib import ticker
from matplotlib.figure import Figure

from sakip.formulas.lke import PREDIKAT_AKIP
from sakip.formulas.numbers import format_angka

# the LKjIP charts' helpers (private there), so both look alike
from sakip.pelaporan.charts import (
    NOTE_COLOR,
    SMALL_SIZE,
    TEXT_SIZE,
    AngkaFormatter,
    _bar_label,
    _category_axis,
    _empty,
    _figure,
    _rows_height,
    _wrap,
    reference_line,
    to_png,
)

NO_PREDIKAT_COLOR = "#9aa5b1"


def nilai_per_opd(
    items: Sequence[tuple[str, Decimal | None, str | None]],
    rata_rata: Decimal | None,
    title: str,
) -> bytes:
    """`items`: (OPD name, total, predikat) in the order to draw, top first; as PNG."""
    return to_png(nilai_per_opd_figure(items, rata_rata, title))


def nilai_per_opd_figure(
    items: Sequence[tuple[str, Decimal | None, str | None]],
    rata_rata: Decimal | None,
    title: str,
) -> Figure:
    colors = {band.label: band.color for band in PREDIKAT_AKIP.bands}
    rows = [(_wrap(name), total, predikat) for name, total, predikat in items]
    figure, axes = _figure(title, _rows_height(rows, bars_per_row=1))
    if not rows:
        return _empty(figure, axes)
    positions = list(range(len(rows)))
    axes.barh(
        positions,
        [float(total) if total is not None else 0.0 for _n, total, _p in rows],
        height=0.6,
        color=[colors.get(predikat or "", NO_PREDIKAT_COLOR) for _n, _t, predikat in rows],
        zorder=2,
    )
    for y, (_name, total, predikat) in zip(positions, rows, strict=True):
        _bar_label(axes, y, total, suffix=f"  {predikat}" if predikat else "")
    _category_axis(axes, [row[0] for row in rows])
    axes.set_xlim(0, 112)  # room for "100,00  AA" past the longest bar
    axes.xaxis.set_major_locator(ticker.FixedLocator([0, 20, 40, 60, 80, 100]))
    axes.xaxis.set_major_formatter(AngkaFormatter())
    axes.tick_params(axis="x", labelsize=TEXT_SIZE)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    if rata_rata is not None:
        reference_line(
            axes, float(rata_rata), _("rata-rata %(nilai)s") % {"nilai": format_angka(rata_rata, 2)}
        )
    axes.set_xlabel(_("Nilai Evaluasi AKIP (0–100)"), fontsize=SMALL_SIZE, color=NOTE_COLOR)
    return figure
