"""The Permendagri 90/2019 codes of the program → kegiatan → sub-kegiatan tree (the shapes
Kepmendagri 050-5889/2021 prints and the Kecamatan Jati DPA uses):

| tingkat | bentuk | contoh |
|---|---|---|
| program | `X.XX.XX` | `7.01.01` |
| kegiatan | `X.XX.XX.X.XX` | `7.01.01.2.01` |
| sub-kegiatan | `X.XX.XX.X.XX.XXXX` | `7.01.01.2.01.0001` |

Every X is a digit; a child's code is its parent's code and its own groups (a kegiatan adds
two: 7.01.01 → 7.01.01.2.01). Pure Python: the
actions turn what these functions find into messages for the user."""

from __future__ import annotations

import re

PROGRAM = "program"
KEGIATAN = "kegiatan"
SUB_KEGIATAN = "sub_kegiatan"
TINGKAT = (PROGRAM, KEGIATAN, SUB_KEGIATAN)

BENTUK = {PROGRAM: "X.XX.XX", KEGIATAN: "X.XX.XX.X.XX", SUB_KEGIATAN: "X.XX.XX.X.XX.XXXX"}
CONTOH = {PROGRAM: "7.01.01", KEGIATAN: "7.01.01.2.01", SUB_KEGIATAN: "7.01.01.2.01.0001"}
INDUK = {KEGIATAN: PROGRAM, SUB_KEGIATAN: KEGIATAN}  # the level a node hangs under

_POLA = {
    tingkat: re.compile(r"\.".join(f"[0-9]{{{len(group)}}}" for group in bentuk.split(".")))
    for tingkat, bentuk in BENTUK.items()
}


def rapikan(kode: str) -> str:
    """The code as typed, without the spaces around it."""
    return (kode or "").strip()


def sah(tingkat: str, kode: str) -> bool:
    """True when `kode` has exactly the shape of its level (see the table above)."""
    return _POLA[tingkat].fullmatch(kode or "") is not None


def tingkat_dari(kode: str) -> str | None:
    """The level whose shape `kode` has, or None."""
    return next((t for t in TINGKAT if sah(t, kode)), None)


def di_bawah(kode: str, kode_induk: str) -> bool:
    """True when `kode` is `kode_induk` followed by the child's own groups."""
    return kode.startswith(kode_induk + ".")


def kode_induk(tingkat: str, kode: str) -> str:
    """The code of the parent a kegiatan or sub-kegiatan code names: the code cut to the parent
    level's shape (kegiatan 7.01.01.2.01 → program 7.01.01; sub-kegiatan 7.01.01.2.01.0001 →
    kegiatan 7.01.01.2.01)."""
    return ".".join(kode.split(".")[: len(BENTUK[INDUK[tingkat]].split("."))])


def pindah_induk(kode: str, induk_baru: str) -> str:
    """The code a node gets when moved under `induk_baru`: the new parent's groups, then the
    node's own last groups (7.01.01.2.01 under 7.01.02 → 7.01.02.2.01)."""
    own = kode.split(".")[len(induk_baru.split(".")) :]
    return ".".join([induk_baru, *own])
