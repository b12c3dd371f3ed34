"""Charts for documents (LKjIP DOCX/PDF) as PNG bytes, drawn with matplotlib's Agg renderer.

Pure functions: plain figures in, PNG bytes out. They compute nothing: the figures come from the
report model. A missing value (None) is never drawn as 0: it gets no bar or point and a
"belum ada data" note. Numbers are written the Indonesian way (1.866.543.961 · 93,33).

Every chart is 16 cm wide at 150 dpi (945 px), to fill the text width of an A4 page; its height
grows with the number of rows so long indicator names wrap instead of overlapping. The output
is deterministic: the same figures give the same bytes.

No pyplot and no change to matplotlib's global settings (rcParams, backend): each chart is its
own `Figure` rendered by Agg, so nothing leaks between calls or into other code.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
import threading
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from sakip.formulas.numbers import format_angka

DPI = 150
WIDTH_PX = 945  # 16 cm at 150 dpi
BASE_HEIGHT_PX = 540  # 9 cm: trend charts, and the least any chart is

TITLE_SIZE = 10
TEXT_SIZE = 8
SMALL_SIZE = 7
LINE_PX = TEXT_SIZE * 1.25 * DPI / 72  # one line of 8 pt text
CHAR_PX = 0.66 * SMALL_SIZE * DPI / 72  # a (wide) character of a 7 pt value label, plus margin
AXES_PX = 560  # the least width of the plot area beside the wrapped labels

TARGET_COLOR = "#9aa5b1"
REALISASI_COLOR = "#0b5cad"
REFERENCE_COLOR = "#c0392b"
NOTE_COLOR = "#555555"
SERIES_COLORS = ["#0b5cad", "#c0392b", "#2e7d32", "#e08a00", "#6a3d9a", "#00838f", "#795548"]

LABEL_WRAP = 34  # characters per line of an indicator or program name
LABEL_MAX_LINES = 5
TITLE_WRAP = 80

Number = Decimal | int | float
_SERIES_KIND = re.compile(r"[\s\-–—:(]*\b(target|realisasi)\b\)?\s*$", re.IGNORECASE)
_RENDER_LOCK = threading.Lock()


def target_vs_realisasi(
    items: Sequence[tuple[str, Number | None, Number | None]], title: str
) -> bytes:
    """Grouped horizontal bars, target and realisasi, one group per indikator, as PNG.

    `items` are (label, target, realisasi) in one unit. A None value has no bar and a
    "belum ada data" note in its place.
    """
    return to_png(target_vs_realisasi_figure(items, title))


def trend(years: Sequence[int], series: dict[str, Sequence[Number | None]], title: str) -> bytes:
    """One line per series over the years, a gap where a value is None, as PNG.

    A series whose name ends in "target" (e.g. "IKU 1 – Target") is dashed and shares the colour
    of its "realisasi" partner ("IKU 1 – Realisasi").
    """
    return to_png(trend_figure(years, series, title))


def serapan_per_program(items: Sequence[tuple[str, Number | None]], title: str) -> bytes:
    """Horizontal bars of serapan anggaran (%) per program, with the 100 % mark, as PNG."""
    return to_png(serapan_per_program_figure(items, title))


def to_png(figure: Figure) -> bytes:
    """The figure as PNG bytes, without the matplotlib version in them (same input, same bytes)."""
    buffer = io.BytesIO()
    with _RENDER_LOCK:  # Agg shares font caches between figures; one render at a time
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


# --- the figures (also usable for a page, e.g. as SVG) ---------------------------------------


def target_vs_realisasi_figure(
    items: Sequence[tuple[str, Number | None, Number | None]], title: str
) -> Figure:
    """See `target_vs_realisasi`."""
    rows = [
        (_wrap(label), _number(target), _number(realisasi)) for label, target, realisasi in items
    ]
    figure, axes = _figure(title, _rows_height(rows, bars_per_row=2))
    if not rows:
        return _empty(figure, axes)
    bar = 0.36
    positions = list(range(len(rows)))
    for offset, index, color, name in (
        (-bar / 2, 1, TARGET_COLOR, _("Target")),
        (bar / 2, 2, REALISASI_COLOR, _("Realisasi")),
    ):
        ys = [position + offset for position in positions]
        values = [row[index] for row in rows]
        axes.barh(ys, [_or_nan(v) for v in values], height=bar, color=color, label=name, zorder=2)
        for y, value in zip(ys, values, strict=True):
            _bar_label(axes, y, value, suffix="")
    _category_axis(axes, [row[0] for row in rows])
    _value_axis(axes, [v for row in rows for v in row[1:]])
    axes.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=2,
        frameon=False,
        fontsize=TEXT_SIZE,
    )
    return figure


def trend_figure(
    years: Sequence[int], series: dict[str, Sequence[Number | None]], title: str
) -> Figure:
    """See `trend`."""
    years = list(years)
    for name, values in series.items():
        if len(values) != len(years):
            raise ValueError(
                _("Seri %(name)s punya %(n)s nilai untuk %(years)s tahun")
                % {"name": name, "n": len(values), "years": len(years)}
            )
    legend_rows = math.ceil(len(series) / 2) + sum(
        len(_wrap(name, LABEL_WRAP + 10).splitlines()) - 1 for name in series
    )
    height = BASE_HEIGHT_PX + max(0, legend_rows - 4) * LINE_PX
    figure, axes = _figure(title, height)
    numbers = {name: [_number(v) for v in values] for name, values in series.items()}
    present = [v for values in numbers.values() for v in values if v is not None]
    if not years or not present:
        return _empty(figure, axes)
    colors: dict[str, str] = {}
    for name, values in numbers.items():
        kind = _SERIES_KIND.search(name)
        base = _SERIES_KIND.sub("", name).strip() or name
        color = colors.setdefault(base, SERIES_COLORS[len(colors) % len(SERIES_COLORS)])
        is_target = kind is not None and kind.group(1).lower() == "target"
        axes.plot(
            years,
            [_or_nan(v) for v in values],
            color=color,
            linestyle=(0, (4, 2)) if is_target else "-",
            linewidth=1.4 if is_target else 2,
            marker="o",
            markersize=4 if is_target else 5,
            markerfacecolor="white" if is_target else color,
            label=_wrap(name, LABEL_WRAP + 10),
            zorder=3,
        )
    axes.set_xticks(years, [str(year) for year in years], fontsize=TEXT_SIZE)
    axes.set_xlim(min(years) - 0.4, max(years) + 0.4)
    axes.yaxis.set_major_formatter(AngkaFormatter())
    axes.yaxis.set_major_locator(ticker.MaxNLocator(nbins=6))
    axes.tick_params(axis="y", labelsize=TEXT_SIZE)
    low, high = float(min(present)), float(max(present))
    margin = (high - low) * 0.15 or abs(high) * 0.1 or 1
    bottom = low - margin
    axes.set_ylim(0 if low >= 0 > bottom else bottom, high + margin)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6, zorder=0)
    _plain_frame(axes)
    missing = [
        str(year)
        for i, year in enumerate(years)
        if all(values[i] is None for values in numbers.values())
    ]
    if missing:
        axes.annotate(
            _("belum ada data: %(years)s") % {"years": ", ".join(missing)},
            xy=(1, 1),
            xycoords="axes fraction",
            xytext=(0, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=SMALL_SIZE,
            style="italic",
            color=NOTE_COLOR,
        )
    figure.legend(
        loc="outside lower center",
        ncol=2,
        frameon=False,
        fontsize=TEXT_SIZE,
        handlelength=3,
    )
    return figure


def serapan_per_program_figure(items: Sequence[tuple[str, Number | None]], title: str) -> Figure:
    """See `serapan_per_program`."""
    rows = [(_wrap(label), _number(serapan)) for label, serapan in items]
    figure, axes = _figure(title, _rows_height(rows, bars_per_row=1))
    if not rows:
        return _empty(figure, axes)
    positions = list(range(len(rows)))
    values = [row[1] for row in rows]
    axes.barh(positions, [_or_nan(v) for v in values], height=0.6, color=REALISASI_COLOR, zorder=2)
    for y, value in zip(positions, values, strict=True):
        _bar_label(axes, y, value, suffix=" %")
    _category_axis(axes, [row[0] for row in rows])
    _value_axis(axes, [*values, Decimal(100)], suffix=" %")
    reference_line(axes, 100, "100 %")
    return figure


def reference_line(axes, x: float, label: str) -> None:
    """A dashed vertical line at `x` (a target, an average) with its label above the plot."""
    axes.axvline(x, color=REFERENCE_COLOR, linestyle=(0, (4, 3)), linewidth=1.2, zorder=3)
    axes.annotate(
        label,
        xy=(x, 1),
        xycoords=("data", "axes fraction"),
        xytext=(0, 2),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=SMALL_SIZE,
        color=REFERENCE_COLOR,
    )


class AngkaFormatter(ticker.Formatter):
    """Axis ticks in Indonesian format, with as many decimals as the tick step needs."""

    def __init__(self, suffix: str = "") -> None:
        self.suffix = suffix
        self.places = 0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        steps = [abs(b - a) for a, b in zip(locs, locs[1:], strict=False) if b != a]
        step = min(steps) if steps else 1
        self.places = min(6, max(0, -math.floor(math.log10(step)))) if step < 1 else 0

    def __call__(self, x, pos=None) -> str:
        return format_angka(Decimal(repr(float(x))), self.places) + self.suffix


# --- helpers ---------------------------------------------------------------------------------


def _number(value: Number | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else Decimal(repr(value))
    return Decimal(value)


def _or_nan(value: Decimal | None) -> float:
    return math.nan if value is None else float(value)


def _shown(value: Decimal) -> str:
    """A value label: whole numbers without decimals, others with two (93,33)."""
    return format_angka(value, 0 if value == value.to_integral_value() else 2)


def _wrap(text: str, width: int = LABEL_WRAP) -> str:
    lines = textwrap.wrap(
        " ".join(str(text).split()),
        width=width,
        max_lines=LABEL_MAX_LINES,
        placeholder=" …",
        break_on_hyphens=False,
    )
    return "\n".join(lines) or "–"


def _rows_height(rows: Sequence[tuple], bars_per_row: int) -> float:
    """Enough height for every row's label lines and bars; at least the base height."""
    lines = max((len(row[0].splitlines()) for row in rows), default=1)
    row_px = max(lines * LINE_PX + 10, bars_per_row * 20 + 14)
    return max(BASE_HEIGHT_PX, 150 + len(rows) * row_px)


def _figure(title: str, height_px: float) -> tuple[Figure, Axes]:
    height_px = round(height_px)
    figure = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    figure.get_layout_engine().set(h_pad=0.06, w_pad=0.06)
    figure.suptitle(_wrap(title, TITLE_WRAP), fontsize=TITLE_SIZE, fontweight="bold")
    axes = figure.add_subplot()
    return figure, axes


def _empty(figure: Figure, axes: Axes) -> Figure:
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        _("belum ada data"),
        ha="center",
        va="center",
        fontsize=TEXT_SIZE,
        style="italic",
        color=NOTE_COLOR,
        transform=axes.transAxes,
    )
    return figure


def _category_axis(axes: Axes, labels: list[str]) -> None:
    axes.set_yticks(range(len(labels)), labels, fontsize=TEXT_SIZE)
    axes.set_ylim(len(labels) - 0.5, -0.5)  # first item on top
    axes.tick_params(axis="y", length=0)
    _plain_frame(axes)


def _value_axis(axes: Axes, values: list[Decimal | None], suffix: str = "") -> None:
    """Value axis from 0 (or the least value) with room for the labels past the bars' ends."""
    present = [v for v in values if v is not None]
    low, high = float(min([0, *present])), float(max([0, *present]))
    if low == high == 0:
        high = 1.0
    # share of the axis width each side needs for the widest label there
    notes = [_("belum ada data")] if None in values else []
    right = [_shown(v) + suffix for v in present if v >= 0] + notes
    left = [_shown(v) + suffix for v in present if v < 0]
    share_right = min(0.4, max(map(len, right), default=0) * CHAR_PX / AXES_PX)
    share_left = min(0.4, max(map(len, left), default=0) * CHAR_PX / AXES_PX)
    width = (high - low) / (1 - share_right - share_left)
    axes.set_xlim(low - share_left * width, high + share_right * width)
    axes.xaxis.set_major_locator(ticker.MaxNLocator(nbins=5))
    axes.xaxis.set_major_formatter(AngkaFormatter(suffix))
    axes.tick_params(axis="x", labelsize=TEXT_SIZE)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    axes.axvline(0, color="#444444", linewidth=0.8, zorder=2)


def _bar_label(axes: Axes, y: float, value: Decimal | None, suffix: str) -> None:
    if value is None:
        text, negative, style, color = _("belum ada data"), False, "italic", NOTE_COLOR
        x = 0.0
    else:
        text, negative, style, color = _shown(value) + suffix, value < 0, "normal", "#222222"
        x = float(value)
    axes.annotate(
        text,
        xy=(x, y),
        xytext=(-3 if negative else 3, 0),
        textcoords="offset points",
        ha="right" if negative else "left",
        va="center",
        fontsize=SMALL_SIZE,
        style=style,
        color=color,
        zorder=4,  # above the 100 % line, on a white patch so that line never crosses it
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
    )


def _plain_frame(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
