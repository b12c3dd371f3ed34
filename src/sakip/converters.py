"""URL converters."""


class YearConverter:
    """A year sakip can hold: four digits from 2000 to 2100; anything else is a 404."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not 2000 <= year <= 2100:
            raise ValueError("tahun di luar 2000–2100")
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"
