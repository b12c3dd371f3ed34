"""Paper questionnaires from an XLSX file: the template sakip hands out, and the check of an
uploaded file row by row (row number, column, message) before anything is stored.

Between the preview and "Terapkan" the uploaded file waits as MEDIA_ROOT/skm-impor/<pemda id>/
<random token>.xlsx (sakip.files; the session holds which tokens are the user's and the cleaned
original name); at apply it is read and checked again, then removed. A file not applied goes when
the same user uploads another for the period, or after SIMPAN_JAM hours (swept at each upload).

The generic parts live in sakip.impor: opening the workbook within limits and the problems
(`buku`), the waiting file and its claim (`unggahan`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.export import safe_cell
from sakip.impor import buku
from sakip.impor.buku import BatasBaris, Masalah, baris_terisi
from sakip.impor.unggahan import SIMPAN_JAM, TempatUnggahan
from sakip.survei.isian import JUDUL, USIA_MAX, USIA_MIN, baca_respons, pilihan_bernomor
from sakip.survei.models import UNSUR_FIELDS, Layanan

LEMBAR = "Kuesioner"
KOLOM = ("layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", *UNSUR_FIELDS, "saran")
KOLOM_OPSIONAL = {"saran"}
BARIS_MAKS = 5000
BARIS_LONGGAR = 1000  # blank rows allowed among the data, counted with them
ISI_ZIP_MAKS = buku.ISI_ZIP_MAKS  # an XLSX is a zip: its unpacked size, not the upload's
BARIS_TEMPLAT = 1000


@dataclass
class Baris:
    nomor: int
    isi: dict
    layanan: Layanan | None = None
    nilai: dict | None = None
    masalah: list[Masalah] = field(default_factory=list)


@dataclass
class Laporan:
    baris: list[Baris] = field(default_factory=list)
    masalah_berkas: list[Masalah] = field(default_factory=list)

    @property
    def masalah(self) -> list[Masalah]:
        return self.masalah_berkas + [m for b in self.baris for m in b.masalah]

    @property
    def jumlah_salah(self) -> int:
        return sum(1 for b in self.baris if b.masalah)

    @property
    def bisa_diterapkan(self) -> bool:
        return bool(self.baris) and not self.masalah

    def siap(self) -> list[tuple[Layanan, dict]]:
        return [(b.layanan, b.nilai) for b in self.baris]


def _judul(kolom: str) -> str:
    return str(JUDUL[kolom])


def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().rstrip("*").strip().casefold()


# --- the template ------------------------------------------------------------------------------


def templat(opd, unsur) -> bytes:
    """The XLSX template of an OPD: the questionnaire sheet with drop-down lists, the
    instructions with the nine questions and their answers, the lists themselves."""
    book = Workbook()
    sheet = book.active
    sheet.title = LEMBAR
    petunjuk = book.create_sheet("Petunjuk")
    pilihan = book.create_sheet("Pilihan")

    layanan = list(Layanan.objects.filter(pemda=opd.pemda, opd=opd).order_by("urutan", "nama"))
    lists = {
        "layanan": [safe_cell(x.nama) for x in layanan] or [_("(belum ada layanan)")],
        "jenis_kelamin": [label for _n, _v, label in pilihan_bernomor("jenis_kelamin")],
        "pendidikan": [label for _n, _v, label in pilihan_bernomor("pendidikan")],
        "pekerjaan": [label for _n, _v, label in pilihan_bernomor("pekerjaan")],
    }
    for col, (kolom, values) in enumerate(lists.items(), start=1):
        letter = pilihan.cell(row=1, column=col, value=_judul(kolom)).column_letter
        for row, value in enumerate(values, start=2):
            pilihan.cell(row=row, column=col, value=value)
        lists[kolom] = f"Pilihan!${letter}$2:${letter}${len(values) + 1}"

    sheet.append([_judul(k) + ("" if k in KOLOM_OPSIONAL else " *") for k in KOLOM])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    sheet.freeze_panes = "A2"
    last = BARIS_TEMPLAT + 1
    for index, kolom in enumerate(KOLOM, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = {"layanan": 34, "saran": 40}.get(kolom, 13)
        if kolom in lists:
            rule = DataValidation(type="list", formula1=lists[kolom], allow_blank=True)
            rule.error = _("Pilih dari daftar.")
        elif kolom == "usia":
            rule = DataValidation(
                type="whole", operator="between", formula1=str(USIA_MIN), formula2=str(USIA_MAX)
            )
            rule.error = _("Usia %(min)s–%(max)s tahun.") % {"min": USIA_MIN, "max": USIA_MAX}
        elif kolom in UNSUR_FIELDS:
            rule = DataValidation(type="whole", operator="between", formula1="1", formula2="4")
            rule.error = _("Jawaban 1, 2, 3 atau 4.")
        else:
            continue
        rule.showErrorMessage = True
        rule.errorTitle = _("Isian tidak sah")
        sheet.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{last}")

    petunjuk.column_dimensions["A"].width = 8
    petunjuk.column_dimensions["B"].width = 90
    lines = [
        (_("Petunjuk pengisian kuesioner SKM %(opd)s") % {"opd": opd.nama}, ""),
        ("1.", _("Satu baris di lembar “Kuesioner” = satu kuesioner kertas. Mulai di baris 2.")),
        ("2.", _("Kolom bertanda * wajib diisi; Saran boleh kosong.")),
        ("3.", _("Layanan, jenis kelamin, pendidikan dan pekerjaan: pilih dari daftar.")),
        ("4.", _("U1–U9: jawaban 1, 2, 3 atau 4 sesuai pilihan responden (lihat di bawah).")),
        ("5.", _("Jangan ubah baris judul. Simpan sebagai .xlsx lalu unggah di sakip.")),
        ("", ""),
        (_("Unsur"), _("Pertanyaan dan pilihan jawaban (1 terburuk … 4 terbaik)")),
    ]
    for u in unsur:
        answers = "; ".join(f"{n} = {label}" for n, label in enumerate(u.labels, start=1))
        lines.append((u.kode, f"{u.nama}: {u.pertanyaan}\n{answers}"))
    for row in lines:
        petunjuk.append([safe_cell(v) for v in row])
    petunjuk["A1"].font = Font(bold=True, size=13)
    for cell in petunjuk["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading an uploaded file ------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def baca_berkas(content: bytes, opd) -> Laporan:
    """Every row of the uploaded file with its problems; nothing is stored here."""
    report = Laporan()
    book, problem = buku.buka_buku(content, ISI_ZIP_MAKS)
    if book is None:
        report.masalah_berkas.append(problem)
        return report
    try:
        sheet = book[LEMBAR] if LEMBAR in book.sheetnames else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = _columns(header, report)
        if report.masalah_berkas:
            return report
        services = _services(opd)

        def isi_dari(values) -> dict:
            return {k: _cell_text(values[i]) if i < len(values) else "" for k, i in columns.items()}

        for item in baris_terisi(rows, 2, isi_dari, BATAS):
            if isinstance(item, Masalah):
                report.masalah_berkas.append(item)
                break
            nomor, isi = item
            report.baris.append(_row(nomor, isi, services))
    finally:
        book.close()
    return report


BATAS = BatasBaris(
    BARIS_MAKS,
    BARIS_LONGGAR,
    gettext_lazy(
        "Lebih dari %(n)s baris kuesioner, atau lebih dari %(kosong)s baris "
        "kosong di antaranya: hapus baris kosong di bawah data atau bagi "
        "berkas menjadi beberapa bagian."
    ),
)


def _columns(header, report: Laporan) -> dict[str, int]:
    wanted = {_norm(_judul(k)): k for k in KOLOM}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        kolom = wanted.get(_norm(title))
        if kolom and kolom not in found:
            found[kolom] = index
    for kolom in KOLOM:
        if kolom not in found and kolom not in KOLOM_OPSIONAL:
            report.masalah_berkas.append(
                Masalah(
                    1,
                    _judul(kolom),
                    _("Kolom “%(kolom)s” tidak ada di baris judul. Pakai templat dari sakip.")
                    % {"kolom": _judul(kolom)},
                )
            )
    return found


def _services(opd) -> dict[str, Layanan]:
    found = {}
    for layanan in Layanan.objects.filter(pemda=opd.pemda, opd=opd):
        found[_norm(layanan.nama)] = layanan
        found.setdefault(_norm(layanan.kode), layanan)
    return found


def _row(nomor: int, isi: dict, services: dict[str, Layanan]) -> Baris:
    baris = Baris(nomor, isi)
    baris.layanan = services.get(_norm(isi.get("layanan")))
    if not isi.get("layanan"):
        baris.masalah.append(Masalah(nomor, _judul("layanan"), _("Layanan wajib diisi.")))
    elif baris.layanan is None:
        baris.masalah.append(
            Masalah(
                nomor,
                _judul("layanan"),
                _("Layanan “%(nama)s” tidak dikenal di OPD ini; pilih dari daftar templat.")
                % {"nama": isi["layanan"]},
            )
        )
    try:
        baris.nilai = baca_respons(isi)
    except ValidationError as error:
        for kolom, messages in error.message_dict.items():
            for message in messages:
                baris.masalah.append(Masalah(nomor, _judul(kolom), message))
    return baris


# --- the file between preview and apply --------------------------------------------------------


FOLDER = "skm-impor"  # under MEDIA_ROOT
TEMPAT = TempatUnggahan(FOLDER, SIMPAN_JAM)


def buang_kedaluwarsa() -> None:
    TEMPAT.buang_kedaluwarsa()


def simpan_unggahan(content: bytes, pemda_id: int) -> str:
    return TEMPAT.simpan(content, pemda_id)


def buang_unggahan(token: str, pemda_id: int) -> None:
    TEMPAT.buang(token, pemda_id)


def baca_unggahan(token: str, pemda_id: int) -> bytes | None:
    return TEMPAT.baca(token, pemda_id)


def klaim_unggahan(token: str, pemda_id: int) -> bytes | None:
    """Of two applies at once (a double click on "Terapkan") only one gets the file."""
    return TEMPAT.klaim(token, pemda_id)


def lepas_klaim(token: str, pemda_id: int) -> None:
    TEMPAT.lepas_klaim(token, pemda_id)


def tandai_diterapkan(token: str, pemda_id: int) -> None:
    TEMPAT.tandai_diterapkan(token, pemda_id)


def sudah_diklaim(token: str, pemda_id: int) -> bool:
    return TEMPAT.sudah_diklaim(token, pemda_id)
