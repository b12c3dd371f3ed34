"""The two sheets of a Renstra's XLSX after "Petunjuk": "Tujuan dan Sasaran" (jenis, kode, the
kode tujuan of a sasaran, uraian) and "Indikator" (kode, the tujuan or sasaran it measures, the
IKU sheet, one target per year of the period, target akhir), and the check of every row read
back with the rules of the Renstra authoring pages (actions_renstra, actions.simpan_indikator,
actions.simpan_target_renstra).

Codes are the keys: a stored code changes that item, a new code is a new item. The jenis and
kode cells of stored rows are locked; open rows below the data take new items. A file deletes
nothing."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.styles import Protection
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.formulas.numbers import format_angka
from sakip.formulas.result import FormulaInputError
from sakip.impor import sel
from sakip.impor.buku import huruf, teks_sel
from sakip.impor.lembar import ANGKA, KUNING, TEKS, Kolom, Lembar, tulis_lembar
from sakip.impor.pratinjau import BarisImpor, Perubahan
from sakip.perencanaan import actions
from sakip.perencanaan.actions_renstra import (
    check_kode,
    check_uraian,
    kode_indikator_terpakai,
    sidik,
)
from sakip.perencanaan.forms_renstra import LEMBAR_FIELDS, PRESISI_MAKS, IndikatorLembarForm
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Renstra,
    Sasaran,
    TargetRenstra,
    Tujuan,
)

BARIS_BARU = 200  # open rows below the data, for new items
TUJUAN, SASARAN = "tujuan", "sasaran"
YA, TIDAK = "ya", "tidak"
PILIHAN = {
    "arah": Indikator.Arah,
    "tipe_penghitungan": Indikator.TipePenghitungan,
    "frekuensi": Indikator.Frekuensi,
}
TEKS_IKU = ("alasan_pemilihan", "formulasi", "definisi_operasional", "sumber_data")


def jenis_label(jenis: str) -> str:
    return _("Tujuan") if jenis == TUJUAN else _("Sasaran")


def lembar_butir() -> Lembar:
    return Lembar(
        _("Tujuan dan Sasaran"),
        (
            Kolom("jenis", _("Jenis (Tujuan/Sasaran)"), diisi=True, lebar=14),
            Kolom("kode", _("Kode"), diisi=True, lebar=12),
            Kolom("tujuan", _("Kode tujuan (untuk sasaran)"), diisi=True, lebar=16),
            Kolom("uraian", _("Uraian"), diisi=True, lebar=70),
        ),
    )


def lembar_indikator(years: list[int]) -> Lembar:
    return Lembar(
        _("Indikator"),
        (
            Kolom("kode", _("Kode indikator"), diisi=True, lebar=14),
            Kolom("butir", _("Kode tujuan/sasaran"), diisi=True, lebar=14),
            Kolom("nama", _("Nama indikator"), diisi=True, lebar=45),
            Kolom("satuan", _("Satuan"), diisi=True, lebar=12),
            Kolom("arah", _("Arah"), diisi=True, lebar=26),
            Kolom("tipe_penghitungan", _("Tipe penghitungan"), diisi=True, lebar=16),
            Kolom("frekuensi", _("Frekuensi pengisian"), diisi=True, lebar=24),
            Kolom("presisi", _("Presisi (angka desimal)"), diisi=True, lebar=12),
            Kolom("iku", _("IKU (ya/tidak)"), diisi=True, lebar=10),
            Kolom("alasan_pemilihan", _("Alasan pemilihan"), diisi=True, lebar=40),
            Kolom("formulasi", _("Formulasi pengukuran"), diisi=True, lebar=40),
            Kolom("definisi_operasional", _("Definisi operasional"), diisi=True, lebar=40),
            Kolom("sumber_data", _("Sumber data"), diisi=True, lebar=30),
            *(
                Kolom(f"t{year}", _("Target %(tahun)s") % {"tahun": year}, ANGKA, True, 12)
                for year in years
            ),
            Kolom("akhir", _("Target akhir"), ANGKA, True, 12),
        ),
    )


# --- what the Renstra holds now ----------------------------------------------------------------


@dataclass
class IsiRenstra:
    """The Renstra's items by code, loaded once for an export or a preview (a fixed number of
    queries whatever its size)."""

    renstra: Renstra
    years: list[int]
    tujuan: dict[str, Tujuan]
    sasaran: dict[str, Sasaran]
    links: dict[str, IndikatorRenstra]  # by indicator kode, in the Renstra's order
    targets: dict[int, dict[int, TargetRenstra]] = field(default_factory=dict)

    def butir(self, kode: str) -> Tujuan | Sasaran | None:
        return self.tujuan.get(kode) or self.sasaran.get(kode)

    def target(self, link: IndikatorRenstra, year: int) -> Decimal | None:
        row = self.targets.get(link.pk, {}).get(year)
        return row.target if row else None


def isi_of(renstra: Renstra) -> IsiRenstra:
    pemda = renstra.pemda
    tujuan = Tujuan.objects.filter(pemda=pemda, renstra=renstra).order_by("urutan", "pk")
    sasaran = Sasaran.objects.filter(pemda=pemda, renstra=renstra).select_related("tujuan")
    links = (
        IndikatorRenstra.objects.filter(pemda=pemda, renstra=renstra)
        .select_related("indikator", "tujuan", "sasaran")
        .order_by("urutan", "pk")
    )
    targets: dict = defaultdict(dict)
    for row in TargetRenstra.objects.filter(pemda=pemda, indikator_renstra__renstra=renstra):
        targets[row.indikator_renstra_id][row.tahun] = row
    return IsiRenstra(
        renstra,
        list(range(renstra.tahun_awal, renstra.tahun_akhir + 1)),
        {t.kode: t for t in tujuan},
        {s.kode: s for s in sasaran.order_by("tujuan__urutan", "urutan", "pk")},
        {link.indikator.kode: link for link in links},
        dict(targets),
    )


def _goal_kode(link: IndikatorRenstra) -> str:
    return (link.sasaran or link.tujuan).kode


# --- writing -----------------------------------------------------------------------------------


def _pilihan_label(kunci: str, value: str) -> str:
    return str(PILIHAN[kunci](value).label)


def baris_butir(isi: IsiRenstra) -> list[dict]:
    """Each tujuan followed by its sasaran, in the Renstra's order."""
    rows = []
    for tujuan in isi.tujuan.values():
        rows.append({"jenis": jenis_label(TUJUAN), "kode": tujuan.kode, "uraian": tujuan.uraian})
        for sasaran in isi.sasaran.values():
            if sasaran.tujuan_id == tujuan.pk:
                rows.append(
                    {
                        "jenis": jenis_label(SASARAN),
                        "kode": sasaran.kode,
                        "tujuan": tujuan.kode,
                        "uraian": sasaran.uraian,
                    }
                )
    return rows


def baris_indikator(isi: IsiRenstra) -> list[dict]:
    rows = []
    for kode, link in isi.links.items():
        indikator = link.indikator
        row = {
            "kode": kode,
            "butir": _goal_kode(link),
            "presisi": indikator.presisi,
            "iku": YA if indikator.iku else TIDAK,
            "akhir": link.target_akhir,
            "_format": "0." + "0" * indikator.presisi if indikator.presisi else "0",
        }
        for kunci in ("nama", "satuan", *TEKS_IKU):
            row[kunci] = getattr(indikator, kunci)
        for kunci in PILIHAN:
            row[kunci] = _pilihan_label(kunci, getattr(indikator, kunci))
        for year in isi.years:
            row[f"t{year}"] = isi.target(link, year)
        rows.append(row)
    return rows


def _aturan(sheet, rule: DataValidation, cells: str, error: str) -> None:
    """`rule` on `cells` ("E2:E202"): a refusal with `error`, blank allowed."""
    rule.error, rule.errorTitle = error, _("Isian tidak sah")
    rule.showErrorMessage = rule.allow_blank = True
    sheet.add_data_validation(rule)
    rule.add(cells)


def _daftar(sheet, letter: str, pilihan: list[str], last: int) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(pilihan) + '"')
    error = _("Pilih dari daftar: %(daftar)s.") % {"daftar": ", ".join(pilihan)}
    _aturan(sheet, rule, f"{letter}2:{letter}{last}", error)


def _buka_baris_baru(sheet, spec: Lembar, n_data: int) -> int:
    """The BARIS_BARU rows below the data open and yellow, number cells validated, code and
    text cells as text (so a kode 1.10 stays 1.10). Returns the last open row."""
    first, last = n_data + 2, n_data + 1 + BARIS_BARU
    for index, kolom in enumerate(spec.kolom):
        for row in range(first, last + 1):
            cell = sheet.cell(row, index + 1)
            cell.protection = Protection(locked=False)
            cell.fill = KUNING
            if kolom.jenis == TEKS:
                cell.number_format = "@"
        if kolom.jenis == ANGKA:  # as tulis_lembar validates the data rows
            rule = DataValidation(type="decimal", operator="between")
            rule.formula1, rule.formula2 = "-1000000000000", "1000000000000"
            cells = f"{huruf(index)}{first}:{huruf(index)}{last}"
            _aturan(sheet, rule, cells, _("Tulis angka, mis. 86,86."))
    return last


def tulis(book, isi: IsiRenstra) -> None:
    spec = lembar_butir()
    rows = baris_butir(isi)
    tulis_lembar(book, spec, rows, {(i, k) for i in range(len(rows)) for k in ("jenis", "kode")})
    sheet = book[spec.judul]
    last = _buka_baris_baru(sheet, spec, len(rows))
    _daftar(sheet, spec.huruf("jenis"), [jenis_label(TUJUAN), jenis_label(SASARAN)], last)

    spec = lembar_indikator(isi.years)
    rows = baris_indikator(isi)
    tulis_lembar(book, spec, rows, {(i, "kode") for i in range(len(rows))})
    sheet = book[spec.judul]
    last = _buka_baris_baru(sheet, spec, len(rows))
    for kunci, choices in PILIHAN.items():
        _daftar(sheet, spec.huruf(kunci), [str(label) for label in choices.labels], last)
    _daftar(sheet, spec.huruf("iku"), [YA, TIDAK], last)
    rule = DataValidation(type="whole", operator="between", formula1="0")
    rule.formula2 = str(PRESISI_MAKS)
    letter = spec.huruf("presisi")
    error = _("Tulis bilangan bulat 0 sampai %(maks)s.") % {"maks": PRESISI_MAKS}
    _aturan(sheet, rule, f"{letter}2:{letter}{last}", error)


# --- reading: shared helpers -----------------------------------------------------------------


def _normal(text) -> str:
    """A text as compared: stripped, line ends as a spreadsheet keeps them (a browser's CR LF
    comes back from a cell as LF)."""
    return str(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _teks(value) -> str:
    return _normal(teks_sel(value))


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _angka(value, presisi: int) -> str:
    return "" if value is None else format_angka(value, max(presisi, _places(value)))


def _tolak(b: BarisImpor, spec: Lembar, error: ValidationError, kolom: str) -> None:
    """The messages of an action's ValidationError at the column of their field (of `kolom`
    when the field is not a column of the sheet)."""
    fields = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    keys = {k.kunci for k in spec.kolom}
    for name, messages in fields.items():
        b.tolak(spec.huruf(name if name in keys else kolom), " ".join(messages))


# --- reading: tujuan and sasaran -------------------------------------------------------------


@dataclass
class ButirBaru:
    """What the apply writes for one row of "Tujuan dan Sasaran"."""

    jenis: str
    obj: Tujuan | Sasaran | None  # None: a new one
    kode: str
    uraian: str
    tujuan: str  # the kode of a sasaran's tujuan
    sidik: str | None


def _jenis(value) -> str | None:
    text = _teks(value).casefold()
    for jenis in (TUJUAN, SASARAN):
        if text in (jenis, jenis_label(jenis).casefold()):
            return jenis
    return None


def kode_di_berkas(rows) -> dict[str, str]:
    """{kode: jenis} of every row of "Tujuan dan Sasaran" that names both (refused rows too, so
    that an indicator under one is not refused a second time for it)."""
    found = {}
    for _nomor, isi in rows:
        jenis, kode = _jenis(isi["jenis"]), _teks(isi["kode"])
        if jenis and kode:
            found.setdefault(kode, jenis)
    return found


def periksa_butir(rows, spec: Lembar, isi: IsiRenstra) -> list[BarisImpor]:
    """Every row of "Tujuan dan Sasaran" as a BarisImpor; `data` a ButirBaru to write."""
    in_file = kode_di_berkas(rows)
    seen: dict[str, int] = {}
    result = []
    for nomor, values in rows:
        b = BarisImpor(spec.judul, nomor, _teks(values["kode"]), _teks(values["uraian"]))
        result.append(b)
        jenis = _jenis(values["jenis"])
        if jenis is None:
            b.tolak(
                spec.huruf("jenis"),
                _("jenis harus “%(tujuan)s” atau “%(sasaran)s”, bukan “%(ada)s”.")
                % {
                    "tujuan": jenis_label(TUJUAN),
                    "sasaran": jenis_label(SASARAN),
                    "ada": _teks(values["jenis"]),
                },
            )
        try:
            kode = check_kode(b.kode)
        except ValidationError as error:
            _tolak(b, spec, error, "kode")
            continue
        if kode in seen:
            b.tolak(
                spec.huruf("kode"),
                _(
                    "kode %(kode)s sudah ada di baris %(baris)s; satu tujuan atau sasaran hanya "
                    "satu baris, dan tujuan dan sasaran tidak berbagi kode."
                )
                % {"kode": kode, "baris": seen[kode]},
            )
            continue
        seen[kode] = nomor
        if jenis is not None:
            _periksa_satu_butir(b, spec, isi, values, jenis, kode, in_file)
    return result


def _periksa_satu_butir(b, spec, isi: IsiRenstra, values, jenis, kode, in_file) -> None:
    obj = isi.butir(kode)
    if obj is not None and (jenis == TUJUAN) != isinstance(obj, Tujuan):
        b.tolak(
            spec.huruf("jenis"),
            _(
                "%(kode)s adalah %(jenis)s di Renstra ini; jenisnya tidak dapat diubah lewat "
                "impor. Pakai kode baru untuk %(baru)s baru."
            )
            % {
                "kode": kode,
                "jenis": jenis_label(TUJUAN if isinstance(obj, Tujuan) else SASARAN).lower(),
                "baru": jenis_label(jenis).lower(),
            },
        )
        return
    try:
        uraian = check_uraian(_teks(values["uraian"]))
    except ValidationError as error:
        _tolak(b, spec, error, "uraian")
        uraian = None
    induk = _teks(values["tujuan"])
    if jenis == TUJUAN and induk:
        b.tolak(spec.huruf("tujuan"), _("kosongkan kolom ini: hanya sasaran yang punya tujuan."))
    elif jenis == SASARAN and not induk:
        b.tolak(spec.huruf("tujuan"), _("tulis kode tujuan sasaran ini, mis. T1."))
    elif jenis == SASARAN and in_file.get(induk, TUJUAN if induk in isi.tujuan else "") != TUJUAN:
        b.tolak(
            spec.huruf("tujuan"),
            _("%(kode)s bukan tujuan di lembar ini atau di Renstra; tulis kode salah satu tujuan.")
            % {"kode": induk},
        )
    if b.masalah:
        return
    b.baru = obj is None
    lama_uraian = _normal(obj.uraian) if obj else ""
    if uraian != lama_uraian:
        b.perubahan.append(Perubahan(spec.judul_kolom("uraian"), lama_uraian, uraian))
    lama_induk = obj.tujuan.kode if isinstance(obj, Sasaran) else ""
    if induk != lama_induk:
        b.perubahan.append(Perubahan(spec.judul_kolom("tujuan"), lama_induk, induk))
    b.data = ButirBaru(jenis, obj, kode, uraian, induk, sidik(obj) if obj else None)


# --- reading: indicators ---------------------------------------------------------------------


@dataclass
class IndikatorBaru:
    """What the apply writes for one row of "Indikator"."""

    link: IndikatorRenstra | None  # None: a new indicator of the Renstra
    kode: str
    butir: str
    sheet: dict  # the IKU sheet fields to write (all of them for a new indicator)
    targets: dict[int, Decimal | None]
    akhir: Decimal | None
    ubah_target: bool
    versi_indikator: int = 0
    versi_link: int = 0


def _form_data(spec: Lembar, values: dict, b: BarisImpor) -> dict:
    """The row as IndikatorLembarForm's data; a choice or IKU cell it cannot read is refused
    here, in words naming the list."""
    data = {f: _teks(values[f]) for f in LEMBAR_FIELDS if f not in PILIHAN and f != "iku"}
    for kunci, choices in PILIHAN.items():
        text = _teks(values[kunci]).casefold()
        found = [c for c, label in choices.choices if text in (c, str(label).casefold())]
        if found:
            data[kunci] = found[0]
        elif text:
            b.tolak(
                spec.huruf(kunci),
                _("pilih salah satu dari daftar: %(daftar)s.")
                % {"daftar": ", ".join(str(label) for label in choices.labels)},
            )
        else:
            data[kunci] = ""
    iku = _teks(values["iku"]).casefold()
    if iku not in (YA, TIDAK, ""):
        b.tolak(spec.huruf("iku"), _("tulis “ya” atau “tidak”."))
    if iku == YA:
        data["iku"] = "on"
    return data


def _lembar_iku(b: BarisImpor, spec: Lembar, values: dict) -> dict | None:
    """The IKU sheet fields of the row, checked as on the page; None when refused."""
    data = _form_data(spec, values, b)
    refused = {m.kolom for m in b.masalah}
    form = IndikatorLembarForm(data)
    if not form.is_valid():
        for name, messages in form.errors.items():
            kolom = spec.huruf(name if name in LEMBAR_FIELDS else "nama")
            if kolom not in refused:
                b.tolak(kolom, " ".join(messages))
    return None if b.masalah else {f: form.cleaned_data[f] for f in LEMBAR_FIELDS}


def _nilai(b: BarisImpor, spec: Lembar, kunci: str, raw, indikator, lama, recheck, atas=None):
    """A target cell read strictly: a number, no more decimals written than the indicator's
    presisi (so "170.0000" is refused, never read as 170); when it differs from `lama`, or
    `recheck` (the indicator's presisi or scale changes), the checks of the page's target save:
    the indicator's scale and precision, below the upper bound of a range the page keeps."""
    kolom = spec.huruf(kunci)
    try:
        value = sel.angka(raw, spec.judul_kolom(kunci))
    except FormulaInputError as error:
        b.tolak(kolom, str(error))
        return None
    if value is None:
        return None
    written = -value.as_tuple().exponent if isinstance(value.as_tuple().exponent, int) else 0
    if isinstance(raw, str) and written > indikator.presisi:
        b.tolak(
            kolom,
            _(
                "%(teks)s ditulis dengan %(n)s angka di belakang pemisah, lebih dari presisi "
                "indikator (%(presisi)s). Titik hanya memisahkan ribuan tiap tiga angka dan koma "
                "memisahkan desimal: tulis mis. %(contoh)s."
            )
            % {
                "teks": _teks(raw),
                "n": written,
                "presisi": indikator.presisi,
                "contoh": format_angka(value, indikator.presisi),
            },
        )
        return None
    if value == lama and not recheck:
        return value
    try:
        actions.check_target(indikator, value, atas)
    except ValidationError as error:
        b.tolak(kolom, " ".join(error.messages))
        return None
    return value


def periksa_indikator(rows, spec: Lembar, isi: IsiRenstra, butir_di_berkas) -> list[BarisImpor]:
    """Every row of "Indikator" as a BarisImpor; `data` an IndikatorBaru to write.
    `butir_di_berkas`: the tujuan and sasaran codes of the first sheet."""
    seen: dict[str, int] = {}
    result = []
    for nomor, values in rows:
        b = BarisImpor(spec.judul, nomor, _teks(values["kode"]), _teks(values["nama"]))
        result.append(b)
        try:
            kode = check_kode(b.kode, Indikator._meta.get_field("kode").max_length)
        except ValidationError as error:
            _tolak(b, spec, error, "kode")
            continue
        if kode in seen:
            b.tolak(
                spec.huruf("kode"),
                _("kode %(kode)s sudah ada di baris %(baris)s; satu indikator hanya satu baris.")
                % {"kode": kode, "baris": seen[kode]},
            )
            continue
        seen[kode] = nomor
        link = isi.links.get(kode)
        if link is None:
            taken = kode_indikator_terpakai(isi.renstra.opd, kode)
            if taken:
                b.tolak(spec.huruf("kode"), taken)
                continue
        _periksa_satu_indikator(b, spec, isi, values, kode, link, butir_di_berkas)
    return result


def _periksa_butir_indikator(b, spec, isi, values, link, butir_di_berkas) -> str:
    butir = _teks(values["butir"])
    if link is not None and butir != _goal_kode(link):
        b.tolak(
            spec.huruf("butir"),
            _(
                "indikator ini mengukur %(lama)s; memindahkannya ke %(baru)s tidak dapat lewat "
                "impor. Hapus di halaman Susun Renstra lalu tambahkan lagi, atau kembalikan "
                "kodenya."
            )
            % {"lama": _goal_kode(link), "baru": butir or _("(kosong)")},
        )
    elif link is None and not butir:
        b.tolak(spec.huruf("butir"), _("tulis kode tujuan atau sasaran yang diukur indikator."))
    elif link is None and butir not in butir_di_berkas and isi.butir(butir) is None:
        b.tolak(
            spec.huruf("butir"),
            _("tujuan atau sasaran %(kode)s tidak ada di lembar “%(lembar)s” atau di Renstra.")
            % {"kode": butir, "lembar": lembar_butir().judul},
        )
    return butir


def _periksa_satu_indikator(b, spec, isi: IsiRenstra, values, kode, link, butir_di_berkas):
    butir = _periksa_butir_indikator(b, spec, isi, values, link, butir_di_berkas)
    sheet = _lembar_iku(b, spec, values)
    if sheet is None:
        return
    stored = link.indikator if link else Indikator(pemda=isi.renstra.pemda, opd=isi.renstra.opd)
    changes = {f: v for f, v in sheet.items() if _beda(getattr(stored, f), v)}
    if link is not None and changes:
        try:
            actions.check_computing_change(stored, changes)
        except ValidationError as error:
            _tolak(b, spec, error, "nama")
    probe = copy.copy(stored)  # the indicator as it will be: its presisi and scale check targets
    for name, value in sheet.items():
        setattr(probe, name, value)
    recheck = link is not None and bool(changes.keys() & set(actions.COMPUTING_FIELDS))
    lama = {year: isi.target(link, year) if link else None for year in isi.years}
    old_akhir = link.target_akhir if link else None
    targets = {}
    for year in isi.years:
        kunci = f"t{year}"
        row = isi.targets.get(link.pk, {}).get(year) if link else None
        targets[year] = _nilai(
            b,
            spec,
            kunci,
            values[kunci],
            probe,
            lama[year],
            recheck,
            row and row.target_atas,
        )
    akhir = _nilai(b, spec, "akhir", values["akhir"], probe, old_akhir, recheck)
    if b.masalah:
        return
    b.baru = link is None
    b.nama = probe.nama
    if link is None:
        b.perubahan.append(Perubahan(spec.judul_kolom("butir"), "", butir))
    for name, value in (sheet if link is None else changes).items():
        before = "" if link is None else _tampil(name, getattr(stored, name))
        if before != _tampil(name, value):
            b.perubahan.append(Perubahan(spec.judul_kolom(name), before, _tampil(name, value)))
    ubah_target = False
    for kunci, before, after in (
        *((f"t{y}", lama[y], targets[y]) for y in isi.years),
        ("akhir", old_akhir, akhir),
    ):
        if before != after:
            ubah_target = True
            b.perubahan.append(
                Perubahan(
                    spec.judul_kolom(kunci),
                    _angka(before, probe.presisi),
                    _angka(after, probe.presisi),
                )
            )
    b.data = IndikatorBaru(
        link,
        kode,
        butir,
        sheet if link is None else changes,
        targets,
        akhir,
        ubah_target,
        stored.versi,
        link.versi if link else 0,
    )


def _beda(stored, value) -> bool:
    if isinstance(value, str):
        return _normal(stored) != value
    return stored != value


def _tampil(name: str, value) -> str:
    """A stored or new IKU sheet value as the preview shows it."""
    if name in PILIHAN:
        return _pilihan_label(name, value) if value else ""
    if name == "iku":
        return YA if value else TIDAK
    return _normal(value)
