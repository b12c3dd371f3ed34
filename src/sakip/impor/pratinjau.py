"""The preview of an import: every row of the file as baru, berubah (lama → baru), tidak berubah
or ditolak with its reasons. A file with a refused row, or a problem of the file itself, cannot
be applied; neither can one that changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sakip.impor.buku import Masalah, teks_sel


class Status:
    BARU = "baru"
    BERUBAH = "berubah"
    TETAP = "tetap"
    DITOLAK = "ditolak"

    LABEL = {
        BARU: _("baru"),
        BERUBAH: _("berubah"),
        TETAP: _("tidak berubah"),
        DITOLAK: _("ditolak"),
    }


@dataclass
class Perubahan:
    kolom: str  # the column's title
    lama: str  # as shown, "" for empty
    baru: str


@dataclass
class BarisImpor:
    """One row of the file. `data`: what the apply needs (the object and its new values)."""

    lembar: str
    nomor: int
    kode: str
    nama: str = ""
    perubahan: list[Perubahan] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    baru: bool = False  # no stored value yet
    data: Any = None

    def tolak(self, kolom: str, pesan: str) -> None:
        self.masalah.append(Masalah(self.nomor, kolom, pesan, self.lembar))

    @property
    def status(self) -> str:
        if self.masalah:
            return Status.DITOLAK
        if not self.perubahan:
            return Status.TETAP
        return Status.BARU if self.baru else Status.BERUBAH

    @property
    def status_label(self) -> str:
        return str(Status.LABEL[self.status])


@dataclass
class Pratinjau:
    baris: list[BarisImpor] = field(default_factory=list)
    masalah_berkas: list[Masalah] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)  # notices that refuse nothing by themselves

    def hitung(self, status: str) -> int:
        return sum(1 for b in self.baris if b.status == status)

    @property
    def jumlah(self) -> dict[str, int]:
        return {
            s: self.hitung(s) for s in (Status.BARU, Status.BERUBAH, Status.TETAP, Status.DITOLAK)
        }

    @property
    def masalah(self) -> list[Masalah]:
        return self.masalah_berkas + [m for b in self.baris for m in b.masalah]

    @property
    def diterapkan(self) -> list[BarisImpor]:
        """The rows an apply writes: new and changed ones."""
        return [b for b in self.baris if b.status in (Status.BARU, Status.BERUBAH)]

    @property
    def bisa_diterapkan(self) -> bool:
        return not self.masalah and bool(self.diterapkan)


def baris_berkode(
    rows, spec, entries: dict, apa: str, tidak_dikenal: Callable[[str], str]
) -> Iterator[tuple[BarisImpor, dict, Any]]:
    """Each row of a sheet keyed by its column "kode": (its BarisImpor, its values, the entry of
    `entries` with that code). A row whose code is empty, repeated (`apa`: what one row stands
    for, "indikator") or unknown (`tidak_dikenal(kode)` says why) is refused at the code's cell
    and comes with entry None. The caller collects the BarisImpor in order."""
    kolom = spec.huruf("kode")
    seen: dict[str, int] = {}
    for nomor, isi in rows:
        b = BarisImpor(spec.judul, nomor, teks_sel(isi["kode"]), teks_sel(isi.get("nama")))
        entry = None
        if not b.kode:
            b.tolak(kolom, gettext("kode kosong; jangan menghapus atau mengubah kolom kode."))
        elif b.kode in seen:
            b.tolak(
                kolom,
                gettext(
                    "kode %(kode)s sudah ada di baris %(baris)s; satu %(apa)s hanya satu baris."
                )
                % {"kode": b.kode, "baris": seen[b.kode], "apa": apa},
            )
        else:
            seen[b.kode] = nomor
            entry = entries.get(b.kode)
            if entry is None:
                b.tolak(kolom, tidak_dikenal(b.kode))
        yield b, isi, entry
