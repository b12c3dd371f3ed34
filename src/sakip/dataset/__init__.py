"""Loading an OPD's records from a data file (docs/data-format.md)."""

from sakip.dataset.loader import DatasetError, LoadReport, load_data, load_file

__all__ = ["DatasetError", "LoadReport", "load_data", "load_file"]
