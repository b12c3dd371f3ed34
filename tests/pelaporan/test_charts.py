import os
import struct
import subprocess
import sys
import threading
from decimal import Decimal as D
from itertools import combinations

import matplotlib
import pytest
from matplotlib.text import Text

from sakip.pelaporan import charts

LONG = "Persentase desa/kelurahan dengan status swasembada pangan dan kemandirian ekonomi"

INDIKATOR = [
    ("Persentase pengaduan masyarakat yang ditindaklanjuti tepat waktu", D("90"), D("93.33")),
    ("Indeks Kepuasan Masyarakat terhadap pelayanan kecamatan", D("85"), D("87.12")),
    ("Nilai SAKIP", D("70"), None),
    (LONG, D("60"), D("45.5")),
    ("Cakupan layanan", None, D("12")),
]
YEARS = [2021, 2022, 2023, 2024, 2025]
SERIES = {
    "IKM – Target": [D(80), D(82), D(84), D(85), D(86)],
    "IKM – Realisasi": [D("81.5"), None, D("85.2"), D("87.12"), None],
    "Persentase pengaduan ditindaklanjuti – Target": [D(85), D(87), D(88), D(90), D(92)],
    "Persentase pengaduan ditindaklanjuti – Realisasi": [D(80), D("88.1"), None, D("93.33"), None],
}
PROGRAM = [
    ("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", D("93.33")),
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan", D("101.2")),
    ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", D("78")),
    ("Program Koordinasi Ketentraman dan Ketertiban Umum", None),
    ("Program Pembinaan dan Pengawasan Pemerintahan Desa", D("0")),
]


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def texts(figure) -> list[tuple[str, object]]:
    """Every piece of text drawn on the image, with its box (tick labels beyond the axis
    limits exist as objects but are not drawn, hence recording what draw() draws)."""
    drawn = []
    original = Text.draw

    def record(text, renderer):
        drawn.append(text)
        return original(text, renderer)

    Text.draw = record
    try:
        figure.canvas.draw()
    finally:
        Text.draw = original
    renderer = figure.canvas.get_renderer()
    return [
        (text.get_text(), text.get_window_extent(renderer))
        for text in drawn
        if text.get_visible() and text.get_text().strip()
    ]


def assert_readable(figure) -> None:
    """No text is cut off at the image's edge and no two texts overlap."""
    width, height = figure.canvas.get_width_height()
    placed = texts(figure)
    for text, box in placed:
        assert box.x0 >= 0 and box.y0 >= 0, f"{text!r} is cut off: {box}"
        assert box.x1 <= width and box.y1 <= height, f"{text!r} is cut off: {box}"
    for (a, box_a), (b, box_b) in combinations(placed, 2):
        assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"


def all_text(figure) -> list[str]:
    return [text for text, _ in texts(figure)]


# --- target vs realisasi ---------------------------------------------------------------------


def test_target_vs_realisasi_is_a_png_16_cm_wide():
    png = charts.target_vs_realisasi(INDIKATOR, "Target dan Realisasi IKU Tahun 2024")

    width, height = png_size(png)
    assert width == 945  # 16 cm at 150 dpi
    assert height >= charts.BASE_HEIGHT_PX


def test_target_vs_realisasi_writes_numbers_the_indonesian_way_and_never_a_missing_0():
    figure = charts.target_vs_realisasi_figure(INDIKATOR, "IKU 2024")

    shown = all_text(figure)
    assert "93,33" in shown and "87,12" in shown and "45,50" in shown
    assert shown.count("belum ada data") == 2  # realisasi of Nilai SAKIP, target of Cakupan
    bars = [patch.get_width() for patch in figure.axes[0].patches]
    assert 0 not in bars  # the missing values are no bar, not a bar of 0


def test_target_vs_realisasi_formats_rupiah_axis_and_labels():
    figure = charts.target_vs_realisasi_figure(
        [("Belanja operasi", D("1866543961"), D("1700250000.5"))], "Anggaran (Rp)"
    )

    shown = all_text(figure)
    assert "1.866.543.961" in shown
    assert "1.700.250.000,50" in shown
    assert any(text.endswith(".000.000") for text in shown)  # the axis ticks
    assert_readable(figure)


def test_target_vs_realisasi_labels_wrap_and_do_not_overlap():
    figure = charts.target_vs_realisasi_figure(INDIKATOR, "Target dan Realisasi IKU Tahun 2024")

    assert any("\n" in text and "swasembada" in text for text in all_text(figure))
    assert_readable(figure)


def test_many_indicators_make_a_taller_chart_not_a_crowded_one():
    many = [(f"{LONG} nomor {i}", D(i), D(i + 1)) for i in range(1, 16)]

    png = charts.target_vs_realisasi(many, "IKU")

    width, height = png_size(png)
    assert width == 945
    assert height > 2 * charts.BASE_HEIGHT_PX
    assert_readable(charts.target_vs_realisasi_figure(many, "IKU"))


def test_negative_values_keep_their_labels_inside_the_image():
    figure = charts.target_vs_realisasi_figure(
        [("Pertumbuhan ekonomi", D("5"), D("-3.25")), ("Inflasi", D("3"), D("2.8"))], "Ekonomi"
    )

    assert "-3,25" in all_text(figure)
    assert_readable(figure)


# --- trend -----------------------------------------------------------------------------------


def test_trend_is_a_png_of_the_base_size():
    png = charts.trend(YEARS, SERIES, "Tren Capaian IKU 2021–2025")

    assert png_size(png) == (945, charts.BASE_HEIGHT_PX)


def test_trend_leaves_gaps_for_missing_years_and_writes_years_without_dots():
    figure = charts.trend_figure(YEARS, SERIES, "Tren")

    realisasi = figure.axes[0].lines[1]  # IKM – Realisasi
    ys = list(realisasi.get_ydata())
    assert ys[0] == 81.5 and ys[2] == 85.2
    assert ys[1] != ys[1] and ys[4] != ys[4]  # NaN: a gap, not 0
    shown = all_text(figure)
    assert "2021" in shown and "2.021" not in shown
    assert "belum ada data: 2025" not in shown  # 2025 has targets
    assert_readable(figure)


def test_trend_pairs_target_and_realisasi_by_colour():
    figure = charts.trend_figure(YEARS, SERIES, "Tren")

    target, realisasi, other_target, _ = figure.axes[0].lines
    assert target.get_color() == realisasi.get_color() != other_target.get_color()
    assert target.get_linestyle() == "--" and realisasi.get_linestyle() == "-"


def test_trend_notes_years_without_any_data():
    figure = charts.trend_figure([2023, 2024], {"IKM": [D("82.5"), None]}, "Tren")

    assert "belum ada data: 2024" in all_text(figure)


def test_trend_rejects_a_series_of_the_wrong_length():
    with pytest.raises(ValueError, match="IKM"):
        charts.trend([2023, 2024], {"IKM": [D(1)]}, "Tren")


def test_trend_with_small_decimals_shows_decimal_commas():
    figure = charts.trend_figure([2023, 2024], {"Rasio": [D("0.12"), D("0.15")]}, "Rasio")

    ticks = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert ticks and all(tick.startswith("0,") for tick in ticks)


# --- serapan ---------------------------------------------------------------------------------


def test_serapan_is_a_png_with_a_100_percent_line():
    png = charts.serapan_per_program(PROGRAM, "Serapan Anggaran per Program Tahun 2024")
    figure = charts.serapan_per_program_figure(PROGRAM, "Serapan")

    assert png_size(png) == (945, charts.BASE_HEIGHT_PX)
    reference = [line for line in figure.axes[0].lines if list(line.get_xdata()) == [100, 100]]
    assert len(reference) == 1
    shown = all_text(figure)
    assert "93,33 %" in shown and "101,20 %" in shown and "0 %" in shown
    assert shown.count("belum ada data") == 1
    assert_readable(figure)


def test_serapan_of_many_programs_grows_in_height():
    many = [(f"Program nomor {i} dengan nama yang cukup panjang", D(i * 7)) for i in range(20)]

    width, height = png_size(charts.serapan_per_program(many, "Serapan"))

    assert width == 945 and height > 2 * charts.BASE_HEIGHT_PX
    assert_readable(charts.serapan_per_program_figure(many, "Serapan"))


# --- all charts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chart", "args"),
    [
        (charts.target_vs_realisasi, ([("IKU", None, None)],)),
        (charts.target_vs_realisasi, ([],)),
        (charts.trend, ([2024], {"IKU": [None]})),
        (charts.trend, ([], {})),
        (charts.serapan_per_program, ([("Program", None), ("Lain", None)],)),
        (charts.serapan_per_program, ([],)),
    ],
)
def test_charts_without_data_say_so(chart, args):
    png = chart(*args, "Tanpa data")

    assert png_size(png) == (945, charts.BASE_HEIGHT_PX)
    figure = getattr(charts, f"{chart.__name__}_figure")(*args, "Tanpa data")
    assert "belum ada data" in all_text(figure)


def test_output_is_deterministic_and_carries_no_version():
    first = charts.serapan_per_program(PROGRAM, "Serapan")
    second = charts.serapan_per_program(PROGRAM, "Serapan")

    assert first == second
    assert b"matplotlib" not in first.lower()


def test_charts_render_the_same_from_several_threads():
    expected = charts.target_vs_realisasi(INDIKATOR, "IKU")
    results = []

    def render():
        results.append(charts.target_vs_realisasi(INDIKATOR, "IKU"))

    threads = [threading.Thread(target=render) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [expected] * 4


def test_charts_leave_matplotlib_global_state_alone():
    def settings():  # every setting but the backend, which reading would resolve
        return {key: matplotlib.rcParams[key] for key in matplotlib.rcParams if key != "backend"}

    before = settings()

    charts.trend(YEARS, SERIES, "Tren")
    charts.serapan_per_program(PROGRAM, "Serapan")

    assert settings() == before


def test_charts_do_not_use_pyplot():
    """pyplot keeps every figure it makes until closed; in a fresh interpreter it stays unloaded."""
    script = (
        "import sys, django; django.setup()\n"
        "from sakip.pelaporan import charts\n"
        "charts.target_vs_realisasi([('IKU', 1, 2)], 't')\n"
        "charts.trend([2024], {'IKU': [1]}, 't')\n"
        "charts.serapan_per_program([('Program', 50)], 't')\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "sakip.settings"},
    )

    assert result.stdout.strip() == "False"
