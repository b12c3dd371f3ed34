"""What changed between two versions of a Renstra (the murni and its perubahan), over plain
data: no Django, no database, so it is tested with literals.

Tujuan and sasaran are matched by kode, indicators by their own kode (both versions link the
same indicators of the OPD). A tujuan whose kode changed reads as one removed and one added."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

DITAMBAH, DIHAPUS, DIUBAH = "ditambah", "dihapus", "diubah"


@dataclass(frozen=True)
class IndikatorData:
    nama: str
    induk: str  # kode of the tujuan or sasaran it hangs from
    target_akhir: Decimal | None = None
    target: dict[int, Decimal] = field(default_factory=dict)  # tahun -> target
    presisi: int = 2


@dataclass(frozen=True)
class RenstraData:
    teks: dict[str, str] = field(default_factory=dict)  # label -> visi, misi (one per line)…
    tujuan: dict[str, str] = field(default_factory=dict)  # kode -> uraian
    sasaran: dict[str, tuple[str, str]] = field(default_factory=dict)  # kode -> (uraian, tujuan)
    indikator: dict[str, IndikatorData] = field(default_factory=dict)  # kode -> …


@dataclass(frozen=True)
class Beda:
    """One difference. `bagian`: teks, tujuan, sasaran, indikator; `jenis`: ditambah, dihapus,
    diubah; `apa`: what changed of it (uraian, tujuan, induk, nama, target, target_akhir; the
    label for teks; empty when added or removed); `tahun` for a yearly target."""

    bagian: str
    jenis: str
    kode: str
    nama: str
    apa: str = ""
    lama: object = None
    baru: object = None
    tahun: int | None = None
    presisi: int | None = None


def beda(lama: RenstraData, baru: RenstraData) -> list[Beda]:
    """The differences from `lama` to `baru`: texts, tujuan, sasaran, indicators, in the order
    of `baru` (what was removed after, in the order of `lama`)."""
    found = []
    for label in _keys(lama.teks, baru.teks):
        old, new = lama.teks.get(label, ""), baru.teks.get(label, "")
        if old != new:
            found.append(Beda("teks", DIUBAH, "", label, label, old, new))
    found += _items("tujuan", lama.tujuan, baru.tujuan, lambda u: u, {"uraian": lambda u: u})
    found += _items(
        "sasaran",
        lama.sasaran,
        baru.sasaran,
        lambda s: s[0],
        {"uraian": lambda s: s[0], "tujuan": lambda s: s[1]},
    )
    for kode in _keys(lama.indikator, baru.indikator):
        old, new = lama.indikator.get(kode), baru.indikator.get(kode)
        if old is None or new is None:
            shown = new or old
            found.append(
                Beda(
                    "indikator",
                    DITAMBAH if old is None else DIHAPUS,
                    kode,
                    shown.nama,
                    lama=None if old is None else old.induk,
                    baru=None if new is None else new.induk,
                )
            )
            continue
        for apa in ("nama", "induk"):
            if getattr(old, apa) != getattr(new, apa):
                found.append(
                    Beda(
                        "indikator",
                        DIUBAH,
                        kode,
                        new.nama,
                        apa,
                        getattr(old, apa),
                        getattr(new, apa),
                    )
                )
        numbers = [("target", t, old.target.get(t), new.target.get(t)) for t in _years(old, new)]
        numbers.append(("target_akhir", None, old.target_akhir, new.target_akhir))
        for apa, tahun, was, now in numbers:
            if was != now:
                found.append(
                    Beda("indikator", DIUBAH, kode, new.nama, apa, was, now, tahun, new.presisi)
                )
    return found


def _years(old: IndikatorData, new: IndikatorData) -> list[int]:
    return sorted(set(old.target) | set(new.target))


def _keys(old: dict, new: dict) -> list:
    return [*new, *(k for k in old if k not in new)]


def _items(bagian, old: dict, new: dict, name, compared: dict) -> list[Beda]:
    found = []
    for kode in _keys(old, new):
        was, now = old.get(kode), new.get(kode)
        if was is None or now is None:
            jenis = DITAMBAH if was is None else DIHAPUS
            found.append(Beda(bagian, jenis, kode, name(now if was is None else was)))
            continue
        for apa, value in compared.items():
            if value(was) != value(now):
                found.append(Beda(bagian, DIUBAH, kode, name(now), apa, value(was), value(now)))
    return found
