"""Opening an uploaded XLSX without trusting it, and naming its cells.

An XLSX is a zip: its unpacked size is checked before openpyxl reads it (a small upload can
unpack to gigabytes). Rows are walked with a bound on data rows and on the blank rows among them
(a tiny file may declare 200.000 sparse rows). Every problem is a `Masalah` that names the sheet,
row and column as people see them: "Kinerja TW 1!E7"."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sakip.export import FORMULA_START

ISI_ZIP_MAKS = 20 * 1024 * 1024  # an XLSX is a zip: its unpacked size, not the upload's


@dataclass
class Masalah:
    """One problem of a file: `baris` 0 for the file itself; `kolom` a column letter or title."""

    baris: int
    kolom: str
    pesan: str
    lembar: str = ""

    @property
    def alamat(self) -> str:
        """'Kinerja TW 1!E7', 'Kinerja TW 1!7', 'Kinerja TW 1' or ''."""
        cell = f"{self.kolom}{self.baris}" if self.baris else ""
        if self.lembar and cell:
            return f"{self.lembar}!{cell}"
        return self.lembar or cell

    def __str__(self) -> str:
        return f"{self.alamat}: {self.pesan}" if self.alamat else self.pesan


def huruf(index: int) -> str:
    """The column letter of a 0-based column index: 0 -> 'A'."""
    return get_column_letter(index + 1)


def buka_buku(content: bytes, isi_maks: int = ISI_ZIP_MAKS):
    """(workbook, None), or (None, Masalah) for a file that is not an XLSX or unpacks too big.
    The caller closes the workbook (read-only mode keeps the file open)."""
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(BytesIO(content)).infolist())
        if unpacked > isi_maks:
            return None, Masalah(
                0,
                "",
                _(
                    "Isi berkas terlalu besar setelah dibuka (%(mb)s MB; paling besar %(maks)s "
                    "MB). Hapus lembar dan baris yang tidak perlu atau bagi berkas."
                )
                % {"mb": round(unpacked / 1024 / 1024), "maks": round(isi_maks / 1024 / 1024)},
            )
        return load_workbook(BytesIO(content), read_only=True, data_only=True), None
    except Exception:  # openpyxl and zipfile raise many kinds for a file that is not XLSX
        return None, Masalah(
            0, "", _("Berkas tidak dapat dibaca sebagai XLSX. Pakai templat dari sakip.")
        )


def teks_sel(value) -> str:
    """A cell as text: '' for empty, 41.0 as '41', a formula-escaped text as typed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return tanpa_pelindung(str(value).strip())


def tanpa_pelindung(text: str) -> str:
    """Undo sakip.export.safe_cell: "'=A1" was written for a text "=A1"."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        return text[1:]
    return text


@dataclass(frozen=True)
class BatasBaris:
    """How far a sheet is walked: `maks` data rows, `longgar` blank rows among them."""

    maks: int
    longgar: int
    pesan: str  # the refusal past the bound, with %(n)s and %(kosong)s


def baris_terisi(
    rows: Iterable[tuple],
    mulai: int,
    isi_dari: Callable[[tuple], dict],
    batas: BatasBaris,
) -> Iterator[tuple[int, dict] | Masalah]:
    """(row number, values) of every row that is not blank, from row `mulai`; a Masalah (and the
    end) past the bound. Blank rows count towards the bound too."""
    count = 0
    last = batas.maks + batas.longgar + mulai - 1
    for nomor, values in enumerate(rows, start=mulai):
        isi = isi_dari(values)
        if nomor <= last and not any(v not in (None, "") for v in isi.values()):
            continue
        if nomor > last or count >= batas.maks:
            yield Masalah(nomor, "", batas.pesan % {"n": batas.maks, "kosong": batas.longgar})
            return
        count += 1
        yield nomor, isi
