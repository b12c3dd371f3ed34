"""Reading a DPA laid out as SIPD prints it (DPA/RKA SKPD exported to Excel): header rows naming
the pemda and the OPD, a header row with columns such as "Kode" / "Kode Rekening", "Uraian" and
"Jumlah" / "Pagu" / "Anggaran", then one row per level — urusan, bidang urusan, program,
kegiatan, sub-kegiatan, rekening belanja (5.1.02.01.01.0024) — and totals.

The header row and its columns are found, not assumed, and the preview says which column was
read as what. Rows are taken by the shape of their code (sakip.perencanaan.kode): program,
kegiatan and sub-kegiatan; the others are counted and skipped. Pagu comes from the sub-kegiatan
rows; a program's or kegiatan's printed total must equal the sum of its sub-kegiatan in the file."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import chain, islice

from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_rupiah
from sakip.impor.buku import BatasBaris, Masalah, baris_terisi, huruf, teks_sel
from sakip.impor.lembar import BARIS_LONGGAR, BARIS_MAKS
from sakip.impor.pratinjau import BarisImpor
from sakip.perencanaan import kode as kodes
from sakip.perencanaan.lembar_pohon import Simpul, nama_tingkat, rupiah_sel

BARIS_JUDUL_MAKS = 30  # the header row is looked for in the first rows of each sheet
PAGU = (  # header words of the amount column, best first
    ("setelah", "sesudah"),  # DPPA: the pagu after the change
    ("pagu",),
    ("jumlah",),
    ("anggaran", "nilai", "total"),
)


def _norm(value) -> str:
    return re.sub(r"\s+", " ", teks_sel(value)).casefold()


def _kolom_judul(rows: list[tuple]) -> tuple[int, dict] | None:
    """(index of the header row, {kunci: column index}), or None when no row has a code column
    and an uraian column. The amount column may be in that row or in the one below (a header
    printed on two rows)."""
    for index, row in enumerate(rows):
        cells = [_norm(v) for v in row or ()]
        kode = next((i for i, c in enumerate(cells) if c.startswith("kode")), None)
        uraian = next(
            (
                i
                for i, c in enumerate(cells)
                if i != kode and ("uraian" in c or c.startswith("nama"))
            ),
            None,
        )
        if kode is None or uraian is None:
            continue
        below = (
            [_norm(v) for v in rows[index + 1]] if index + 1 < len(rows) and rows[index + 1] else []
        )
        for words in PAGU:
            for source in (cells, below):
                found = next(
                    (
                        i
                        for i, c in enumerate(source)
                        if i not in (kode, uraian) and any(w in c for w in words)
                    ),
                    None,
                )
                if found is not None:
                    return index, {"kode": kode, "uraian": uraian, "pagu": found}
    return None


def baca(book, opd) -> tuple[list[Simpul], list[str], list[Masalah]]:
    """(rows, notices, problems of the file) of the first sheet laid out as a SIPD print."""
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        head = list(islice(rows, BARIS_JUDUL_MAKS))
        found = _kolom_judul(head)
        if found is not None:
            index, kolom = found
            return _baca_lembar(
                sheet.title, head, index, kolom, chain(head[index + 1 :], rows), opd
            )
    return (
        [],
        [],
        [
            Masalah(
                0,
                "",
                _(
                    "Berkas ini bukan unduhan pohon anggaran sakip, dan tidak ada baris judul "
                    "kolom seperti cetakan DPA SIPD (kolom “Kode”, “Uraian” dan “Jumlah”, “Pagu” "
                    "atau “Anggaran”) di %(n)s baris pertama lembarnya. Unduh templat XLSX dari "
                    "halaman pohon anggaran, atau unggah DPA hasil ekspor SIPD."
                )
                % {"n": BARIS_JUDUL_MAKS},
            )
        ],
    )


def _baca_lembar(judul: str, head, index: int, kolom: dict, data, opd):
    letters = {k: huruf(i) for k, i in kolom.items()}
    letters["tercetak"] = letters["pagu"]
    header = head[index]
    notes = [
        _(
            "Dibaca sebagai cetakan DPA SIPD (lembar “%(lembar)s”, judul kolom di baris "
            "%(baris)s): kolom %(k)s → kode, kolom %(u)s → uraian, kolom %(p)s → pagu "
            "(“%(judul)s”)."
        )
        % {
            "lembar": judul,
            "baris": index + 1,
            "k": letters["kode"],
            "u": letters["uraian"],
            "p": letters["pagu"],
            "judul": teks_sel(_cell(header, kolom["pagu"]))
            or teks_sel(_cell(head[index + 1] if index + 1 < len(head) else (), kolom["pagu"])),
        }
    ]
    above = " ".join(_norm(v) for row in head[:index] for v in row or ())
    if " ".join(opd.nama.split()).casefold() not in above:
        notes.append(
            _(
                "Nama %(opd)s tidak ditemukan di kepala berkas ini: pastikan ini DPA OPD yang "
                "benar sebelum menerapkan."
            )
            % {"opd": opd.nama}
        )
    batas = BatasBaris(
        BARIS_MAKS * 4,  # a print lists rekening rows too
        BARIS_LONGGAR,
        _("Lebih dari %(n)s baris, atau lebih dari %(kosong)s baris kosong di antaranya."),
    )

    def isi_dari(values) -> dict:
        return {k: _cell(values, i) for k, i in kolom.items()}

    simpul_list, skipped = [], {"bidang": 0, "rekening": 0, "lain": 0}
    for item in baris_terisi(data, index + 2, isi_dari, batas):
        if isinstance(item, Masalah):
            item.lembar = judul
            return [], notes, [item]
        nomor, isi = item
        kode = kodes.rapikan(teks_sel(isi["kode"]))
        tingkat = kodes.tingkat_dari(kode)
        if tingkat is None:
            skipped[_jenis_lain(kode)] += 1
            continue
        simpul = Simpul(BarisImpor(judul, nomor, kode), tingkat, teks_sel(isi["uraian"]), letters)
        if tingkat == kodes.SUB_KEGIATAN:
            simpul.pagu = rupiah_sel(simpul, isi["pagu"], "pagu", _("Pagu"))
        else:
            simpul.tercetak = rupiah_sel(simpul, isi["pagu"], "tercetak", _("Jumlah"))
        simpul_list.append(simpul)
    _periksa_jumlah(simpul_list)
    if any(skipped.values()):
        notes.append(
            _(
                "Dilewati (bukan program, kegiatan atau sub-kegiatan): %(bidang)s baris urusan/"
                "bidang urusan, %(rekening)s baris rekening belanja, %(lain)s baris tanpa kode "
                "atau lainnya (judul, jumlah)."
            )
            % skipped
        )
    return simpul_list, notes, []


def _cell(values, index: int):
    values = values or ()
    return values[index] if index < len(values) else None


def _jenis_lain(kode: str) -> str:
    groups = kode.split(".") if kode else []
    if not groups or not all(g.isdigit() for g in groups):
        return "lain"
    return "bidang" if len(groups) <= 2 else "rekening"


def _periksa_jumlah(simpul_list: list[Simpul]) -> None:
    """A printed total of a program or kegiatan is the sum of its sub-kegiatan in the file."""
    subs = [s for s in simpul_list if s.tingkat == kodes.SUB_KEGIATAN]
    for simpul in simpul_list:
        if simpul.tercetak is None:
            continue
        under = [s for s in subs if s.kode.startswith(simpul.kode + ".")]
        if any(not s.pagu_terbaca for s in under):
            continue  # a refused pagu below: that cell says why
        total = sum((s.pagu or Decimal(0) for s in under), Decimal(0))
        if total != simpul.tercetak:
            simpul.baris.tolak(
                simpul.kolom["tercetak"],
                _(
                    "jumlah tercetak %(tingkat)s %(kode)s %(tercetak)s tidak sama dengan jumlah "
                    "pagu sub-kegiatannya di berkas ini, %(jumlah)s (%(n)s sub-kegiatan). Periksa "
                    "pagu sub-kegiatan atau jumlahnya."
                )
                % {
                    "tingkat": nama_tingkat(simpul.tingkat).lower(),
                    "kode": simpul.kode,
                    "tercetak": format_rupiah(simpul.tercetak),
                    "jumlah": format_rupiah(total),
                    "n": len(under),
                },
            )
