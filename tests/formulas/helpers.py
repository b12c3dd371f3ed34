"""Shared test helpers: hypothesis settings and strategies for the formula tests."""

from decimal import Decimal

from hypothesis import settings
from hypothesis import strategies as st

# No example database: nothing is written into the repository.
PROPERTY = settings(database=None, deadline=None, max_examples=300)

EDGE_NUMBERS = [
    0,
    -1,
    1,
    Decimal("0"),
    Decimal("-0"),
    Decimal("0.00"),
    Decimal("1e18"),
    Decimal("-1e18"),
    Decimal("1e-12"),
    Decimal("1e-13"),
    10**18 + 1,
    Decimal("1E+999999"),
    Decimal("1E-999999"),
]

ANY_NUMBER = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(EDGE_NUMBERS),
)

ANY_INPUT = st.one_of(ANY_NUMBER, st.none(), st.text(max_size=12), st.booleans())


def money(max_value: int = 10**13) -> st.SearchStrategy[Decimal]:
    """Non-negative rupiah amounts with up to 2 decimals."""
    return st.decimals(min_value=0, max_value=max_value, places=2)
