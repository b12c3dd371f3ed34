from decimal import Decimal

import pytest

from sakip.formulas import FormulaInputError, terbilang


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (15, "lima belas"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1500, "seribu lima ratus"),
        (200000, "dua ratus ribu"),
        (1000000, "satu juta"),
        (
            1866543961,
            "satu miliar delapan ratus enam puluh enam juta lima ratus empat puluh tiga ribu "
            "sembilan ratus enam puluh satu",
        ),
        (2 * 10**12, "dua triliun"),
        (10**15, "satu kuadriliun"),
        (Decimal("1.5"), "satu koma lima"),
        (Decimal("93.05"), "sembilan puluh tiga koma nol lima"),
        (Decimal("1.500"), "satu koma lima"),
        (-1000, "minus seribu"),
    ],
)
def test_terbilang_writes_indonesian_words(value, expected):
    assert terbilang(value) == expected


@pytest.mark.parametrize("value", [10**18, Decimal("NaN"), "12", True, 1.5])
def test_terbilang_refuses_what_it_cannot_write(value):
    with pytest.raises(FormulaInputError):
        terbilang(value)
