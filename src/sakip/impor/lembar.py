"""A sheet sakip writes with the current data and reads back: its columns, which of them identify
a row (locked and greyed: the sheet is protected, only the cells to fill are open), data
validation on the number cells, formula injection escaped (sakip.export.safe_cell).

Reading checks the header row against the same columns, so a file whose columns were moved,
renamed or removed is refused before any row is looked at."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.export import safe_cell
from sakip.impor.buku import BatasBaris, Masalah, baris_terisi, buka_buku, huruf, teks_sel
from sakip.impor.pratinjau import Pratinjau

ABU = PatternFill("solid", fgColor="E7E7E7")  # identifying columns: not to be changed
JUDUL = PatternFill("solid", fgColor="DDE7F0")
KUNING = PatternFill("solid", fgColor="FFF8DC")  # the cells to fill

TEKS, ANGKA, RUPIAH = "teks", "angka", "rupiah"
BARIS_MAKS = 2000
BARIS_LONGGAR = 500


@dataclass(frozen=True)
class Kolom:
    kunci: str  # the key a row's values are read under
    judul: str
    jenis: str = TEKS
    diisi: bool = False  # the user fills it; otherwise locked and grey
    lebar: int = 16


@dataclass(frozen=True)
class Lembar:
    judul: str
    kolom: tuple[Kolom, ...]

    def huruf(self, kunci: str) -> str:
        """The column letter of `kunci`: 'E'."""
        for index, kolom in enumerate(self.kolom):
            if kolom.kunci == kunci:
                return huruf(index)
        raise KeyError(kunci)

    def judul_kolom(self, kunci: str) -> str:
        return next(k.judul for k in self.kolom if k.kunci == kunci)


def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().rstrip("*").strip().casefold()


# --- writing ---------------------------------------------------------------------------------


def tulis_lembar(book, lembar: Lembar, rows: list[dict], terkunci=()) -> None:
    """A protected sheet: header, one row per dict (values by column key), the `diisi` columns
    open except in `terkunci` (a set of (row index, kunci) kept locked, e.g. a linked value)."""
    sheet = book.create_sheet(lembar.judul[:31])
    sheet.append([k.judul for k in lembar.kolom])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = JUDUL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index, row in enumerate(rows):
        sheet.append([safe_cell(row.get(k.kunci)) for k in lembar.kolom])
        for kolom, cell in zip(lembar.kolom, sheet[index + 2], strict=True):
            open_ = kolom.diisi and (index, kolom.kunci) not in terkunci
            cell.protection = Protection(locked=not open_)
            cell.fill = KUNING if open_ else ABU
            if kolom.jenis == RUPIAH:
                cell.number_format = "#,##0"
            elif kolom.jenis == ANGKA and isinstance(row.get("_format"), str):
                cell.number_format = row["_format"]
    last = max(len(rows) + 1, 2)
    for index, kolom in enumerate(lembar.kolom):
        letter = huruf(index)
        sheet.column_dimensions[letter].width = kolom.lebar
        if not kolom.diisi or kolom.jenis == TEKS:
            continue
        if kolom.jenis == RUPIAH:
            rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
            rule.error = _("Tulis rupiah tanpa sen, mis. 1250000.")
        else:
            rule = DataValidation(type="decimal")
            rule.operator = "between"
            rule.formula1, rule.formula2 = "-1000000000000", "1000000000000"
            rule.error = _("Tulis angka, mis. 86,86.")
        rule.showErrorMessage = True
        rule.errorTitle = _("Isian tidak sah")
        rule.allow_blank = True
        sheet.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{last}")
    sheet.protection.sheet = True  # a guard against slips, not a secret: no password
    sheet.protection.formatColumns = False  # columns may still be widened


def tulis_petunjuk(book, judul: str, baris: list[str], penanda: str) -> None:
    """The first sheet: a title, numbered instructions, and the file's marker (which OPD, year
    and quarter it was made for) that the import checks."""
    sheet = book.active
    sheet.title = PETUNJUK
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 100
    sheet.append([safe_cell(judul)])
    sheet["A1"].font = Font(bold=True, size=13)
    for nomor, text in enumerate(baris, start=1):
        sheet.append([f"{nomor}.", safe_cell(text)])
    sheet.append([])
    sheet.append([_("Kode berkas"), penanda])
    for cell in sheet["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.protection.sheet = True


PETUNJUK = "Petunjuk"


# --- reading ---------------------------------------------------------------------------------


def penanda_berkas(book) -> str:
    """The marker written by `tulis_petunjuk`, or ''."""
    if PETUNJUK not in book.sheetnames:
        return ""
    for row in book[PETUNJUK].iter_rows(values_only=True, max_row=200):
        if row and len(row) > 1 and _norm(row[0]) == _norm(_("Kode berkas")):
            return teks_sel(row[1])
    return ""


def salah_penanda(book, expected: str, pesan: str) -> Masalah | None:
    """A problem of the file when its marker is not `expected`; `pesan` takes %(ada)s."""
    found = penanda_berkas(book)
    if found == expected:
        return None
    return Masalah(0, "", pesan % {"ada": found or "–"}, PETUNJUK)


def pratinjau_berkas(
    content: bytes, penanda: str, pesan: str, periksa: Callable[[Any, Pratinjau], None]
) -> Pratinjau:
    """The preview of an upload made from a sakip download: a file that is not an XLSX, or whose
    marker is not `penanda` (`pesan` takes %(ada)s), is refused as a whole; otherwise
    `periksa(book, report)` reads its sheets into the report. The workbook is closed after."""
    report = Pratinjau()
    book, problem = buka_buku(content)
    if book is None:
        report.masalah_berkas.append(problem)
        return report
    try:
        problem = salah_penanda(book, penanda, pesan)
        if problem:
            report.masalah_berkas.append(problem)
        else:
            periksa(book, report)
    finally:
        book.close()
    return report


def isi_buku(book) -> bytes:
    """A workbook written out as the bytes of an .xlsx."""
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def baca_lembar(book, lembar: Lembar) -> tuple[list[tuple[int, dict]], list[Masalah]]:
    """The rows of the sheet (row number, raw values by column key) or the problems that stop
    reading it: the sheet missing, a header that is not the template's, too many rows."""
    if lembar.judul not in book.sheetnames:
        return [], [
            Masalah(
                0,
                "",
                _(
                    "Lembar “%(lembar)s” tidak ada. Pakai berkas yang diunduh dari halaman ini "
                    "(untuk triwulan dan tahun yang sama)."
                )
                % {"lembar": lembar.judul},
                lembar.judul,
            )
        ]
    rows = book[lembar.judul].iter_rows(values_only=True)
    header = next(rows, None) or ()
    problems = []
    for index, kolom in enumerate(lembar.kolom):
        found = _norm(header[index]) if index < len(header) else ""
        if found != _norm(kolom.judul):
            problems.append(
                Masalah(
                    1,
                    huruf(index),
                    _(
                        "kolom ini harus “%(judul)s”, bukan “%(ada)s”. Jangan memindah, menambah "
                        "atau menghapus kolom; pakai berkas yang diunduh dari sakip."
                    )
                    % {
                        "judul": kolom.judul,
                        "ada": teks_sel(header[index]) if index < len(header) else "",
                    },
                    lembar.judul,
                )
            )
    extra = [i for i in range(len(lembar.kolom), len(header)) if teks_sel(header[i])]
    for index in extra:
        problems.append(
            Masalah(
                1,
                huruf(index),
                _("kolom “%(ada)s” tidak dikenal; hapus kolom itu.")
                % {"ada": teks_sel(header[index])},
                lembar.judul,
            )
        )
    if problems:
        return [], problems
    keys = [k.kunci for k in lembar.kolom]

    def isi_dari(values) -> dict:
        values = values or ()
        return {k: values[i] if i < len(values) else None for i, k in enumerate(keys)}

    batas = BatasBaris(
        BARIS_MAKS,
        BARIS_LONGGAR,
        _(
            "Lebih dari %(n)s baris, atau lebih dari %(kosong)s baris kosong di antaranya: hapus "
            "baris kosong di bawah data."
        ),
    )
    found: list[tuple[int, dict]] = []
    for item in baris_terisi(rows, 2, isi_dari, batas):
        if isinstance(item, Masalah):
            item.lembar = lembar.judul
            return [], [item]
        found.append(item)
    return found, []
