"""Kecamatan Jati's demo data for this app (filled in by the app's own work)."""


def load_demo(opd) -> list[str]:
    """Load the demo rows for `opd` once; return lines to print (empty when nothing changed)."""
    return []
