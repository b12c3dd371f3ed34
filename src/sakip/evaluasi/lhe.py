"""The Laporan Hasil Evaluasi (LHE) AKIP of one OPD and year as plain data.

Built by `sakip.evaluasi.lhe_build` from the records, rendered by `sakip.evaluasi.lhe_docx`
(Word, and PDF through LibreOffice). Every score comes from the LKE engine
(`sakip.formulas.lke.lke_total`) through `susun_hasil`, the same call the worksheet makes, so
the LHE and the worksheet never disagree; renderers only format.

A sub-component's or component's predikat is the engine's `predikat_akip` of its share of its
weight (score / weight x 100): 11,85 of 15 is 79,00 % and BB. The summary of strengths and
weaknesses (`ringkasan`) is derived from those figures and the grades, never typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from sakip.formulas.lke import (
    GRADE_VALUES,
    LKE_88_2021,
    PREDIKAT_AKIP,
    Instrument,
    LkeResult,
    lke_total,
    predikat_akip,
)
from sakip.formulas.numbers import HUNDRED, format_angka, format_persen, formula_context
from sakip.formulas.predikat import PredikatScale
from sakip.pelaporan.model import Pejabat

# The meaning of each predikat (PermenPAN-RB 88/2021, Lampiran), shown beside the scale.
INTERPRETASI = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup (Memadai)",
    "C": "Kurang",
    "D": "Sangat Kurang",
}
PREDIKAT_KUAT = frozenset({"AA", "A"})  # a part the summary names as a strength
PREDIKAT_LEMAH = frozenset({"CC", "C", "D"})  # a part it names as a weakness
NILAI_LEMAH = frozenset({"C", "D", "E"})  # criterion grades it names as weaknesses
KRITERIA_LEMAH_DISEBUT = 5  # weak criteria quoted by name; the rest are counted


@dataclass(frozen=True)
class KriteriaLhe:
    nomor: str  # "1.a.1"
    uraian: str
    nilai: str | None  # the evaluator's grade (AA…E); None: not graded
    catatan: str = ""  # the evaluator's note


@dataclass(frozen=True)
class SubKomponenLhe:
    kode: str
    nama: str
    bobot: Decimal
    nilai: Decimal | None  # None: not every criterion graded
    persen: Decimal | None  # nilai / bobot x 100
    predikat: str | None
    kriteria: tuple[KriteriaLhe, ...] = ()
    uraian: str = ""  # the instrument's statement of the sub-component, when `nama` is short


@dataclass(frozen=True)
class KomponenLhe:
    kode: str
    nama: str
    bobot: Decimal
    nilai: Decimal | None
    persen: Decimal | None
    predikat: str | None
    sub: tuple[SubKomponenLhe, ...]


@dataclass(frozen=True)
class AnggotaTim:
    nama: str
    peran: str  # Penanggung Jawab, Pengendali Teknis, Ketua Tim, Anggota
    nip: str = ""


@dataclass(frozen=True)
class Rekomendasi:
    uraian: str
    komponen: str = ""  # the component it is about, "" for the whole evaluation


@dataclass(frozen=True)
class Pembanding:
    """The OPD's published result of an earlier year, as it was published."""

    tahun: int
    nilai: Decimal
    predikat: str
    selisih: Decimal | None  # this year's total minus that one; None without a total now


def pembanding(tahun: int, nilai: Decimal, predikat: str, total: Decimal | None) -> Pembanding:
    with formula_context():
        selisih = None if total is None else total - nilai
    return Pembanding(tahun, nilai, predikat, selisih)


@dataclass(frozen=True)
class Lhe:
    pemda: str
    opd: str
    tahun: int  # the year whose accountability is evaluated
    instrumen_nama: str  # "Lembar Kerja Evaluasi AKIP"
    instrumen_dasar: str  # its regulation: "PermenPAN-RB 88/2021"
    komponen: tuple[KomponenLhe, ...]
    total: Decimal | None
    predikat: str | None
    draf: bool  # not yet published: "DRAF" on every page
    nomor: str = ""  # the LHE's letter number, "" when not given yet
    dasar: tuple[str, ...] = ()  # legal basis of the evaluation
    tim: tuple[AnggotaTim, ...] = ()
    tanggal_mulai: date | None = None  # fieldwork
    tanggal_selesai: date | None = None
    tanggal_laporan: date | None = None  # the date under the signatures
    tempat: str = ""
    kekuatan: tuple[str, ...] = ()
    kelemahan: tuple[str, ...] = ()
    rekomendasi: tuple[Rekomendasi, ...] = ()
    inspektur: Pejabat | None = None
    ketua_tim: Pejabat | None = None
    catatan: tuple[str, ...] = ()  # what is missing (ungraded parts), said on the document
    tahun_lalu: Pembanding | None = None
    skala: PredikatScale = field(default=PREDIKAT_AKIP)


def persen_of(nilai: Decimal | None, bobot: Decimal) -> Decimal | None:
    """A score's share of its weight, in percent."""
    if nilai is None:
        return None
    with formula_context():
        return nilai * HUNDRED / bobot


def angka_ringkas(value: Decimal) -> str:
    """A weight as written in the regulation: 15, 4,5, 12,5 (no trailing zeros)."""
    text = format_angka(value, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def grades_of(kriteria: Mapping[str, Sequence[KriteriaLhe]]) -> dict[str, list[str | None]]:
    """The engine's input: sub-component kode -> the evaluator's grades of its criteria."""
    return {kode: [k.nilai for k in items] for kode, items in kriteria.items() if items}


def susun_hasil(
    kriteria: Mapping[str, Sequence[KriteriaLhe]],
    instrument: Instrument = LKE_88_2021,
    grade_values: Mapping[str, object] = GRADE_VALUES,
) -> tuple[LkeResult, tuple[KomponenLhe, ...]]:
    """The engine's result for these grades, and the LHE's components built from it."""
    result = lke_total(grades_of(kriteria), instrument, grade_values)
    return result, komponen_dari_hasil(result, kriteria)


def komponen_dari_hasil(
    result: LkeResult,
    kriteria: Mapping[str, Sequence[KriteriaLhe]],
    dimensi: Mapping[str, str] | None = None,
) -> tuple[KomponenLhe, ...]:
    """The LHE's components from the engine's result. `dimensi`: a short name per
    sub-component kode ("Kualitas") shown in the tables; its long name becomes `uraian`."""
    komponen = []
    for component in result.components:
        subs = []
        for s in component.subcomponents:
            persen = persen_of(s.score, s.weight)
            short = (dimensi or {}).get(s.kode)
            subs.append(
                SubKomponenLhe(
                    s.kode,
                    short or s.nama,
                    s.weight,
                    s.score,
                    persen,
                    predikat_akip(persen),
                    tuple(kriteria.get(s.kode, ())),
                    uraian=s.nama if short else "",
                )
            )
        persen = persen_of(component.score, component.weight)
        komponen.append(
            KomponenLhe(
                component.kode,
                component.nama,
                component.weight,
                component.score,
                persen,
                predikat_akip(persen),
                tuple(subs),
            )
        )
    return tuple(komponen)


# --- the summary ------------------------------------------------------------------------------


def _bagian(komponen: KomponenLhe, sub: SubKomponenLhe) -> str:
    """ "2.c Pemanfaatan – Pengukuran Kinerja (62,50 %; CC)" """
    assert sub.persen is not None
    return f"{sub.kode} {sub.nama} – {komponen.nama} ({format_persen(sub.persen)}; {sub.predikat})"


def _capaian(part: KomponenLhe) -> dict[str, str]:
    assert part.nilai is not None and part.persen is not None
    return {
        "nama": part.nama,
        "nilai": format_angka(part.nilai, 2),
        "bobot": angka_ringkas(part.bobot),
        "persen": format_persen(part.persen),
        "predikat": part.predikat or "",
    }


def ringkasan(komponen: Sequence[KomponenLhe]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Strengths and weaknesses in sentences, from the scores and the evaluator's grades.

    Strengths: the component with the highest share of its weight, and every sub-component with
    predikat A or AA. Weaknesses: the component with the lowest share, every sub-component with
    predikat CC or lower, and the criteria graded C, D or E (the first five by name).
    """
    scored = [k for k in komponen if k.persen is not None]
    subs = [(k, s) for k in komponen for s in k.sub if s.persen is not None]
    kekuatan: list[str] = []
    kelemahan: list[str] = []
    if scored:
        best = max(scored, key=lambda k: k.persen)
        worst = min(scored, key=lambda k: k.persen)
        kekuatan.append(
            _(
                "Komponen %(nama)s memperoleh capaian tertinggi: nilai %(nilai)s dari bobot "
                "%(bobot)s (%(persen)s, predikat %(predikat)s)."
            )
            % _capaian(best)
        )
        if worst is not best:
            kelemahan.append(
                _(
                    "Komponen %(nama)s memperoleh capaian terendah: nilai %(nilai)s dari bobot "
                    "%(bobot)s (%(persen)s, predikat %(predikat)s)."
                )
                % _capaian(worst)
            )
    strong = [(k, s) for k, s in subs if s.predikat in PREDIKAT_KUAT]
    weak = [(k, s) for k, s in subs if s.predikat in PREDIKAT_LEMAH]
    if strong:
        kekuatan.append(
            _("Sub-komponen dengan predikat A atau AA: %(daftar)s.")
            % {"daftar": "; ".join(_bagian(k, s) for k, s in strong)}
        )
    elif subs:
        kekuatan.append(_("Belum ada sub-komponen yang mencapai predikat A atau AA."))
    if weak:
        kelemahan.append(
            _("Sub-komponen dengan predikat CC atau lebih rendah: %(daftar)s.")
            % {"daftar": "; ".join(_bagian(k, s) for k, s in weak)}
        )
    low = [c for _k, s in subs for c in s.kriteria if c.nilai in NILAI_LEMAH]
    if low:
        named = "; ".join(
            f"{c.nomor} {c.uraian.rstrip('.')} ({c.nilai})" for c in low[:KRITERIA_LEMAH_DISEBUT]
        )
        if len(low) > KRITERIA_LEMAH_DISEBUT:
            kelemahan.append(
                _("%(n)s kriteria dinilai C, D atau E, antara lain: %(daftar)s.")
                % {"n": len(low), "daftar": named}
            )
        else:
            kelemahan.append(
                _("Kriteria yang dinilai C, D atau E: %(daftar)s.") % {"daftar": named}
            )
    if scored and not kelemahan:
        kelemahan.append(_("Tidak ada komponen, sub-komponen atau kriteria dengan nilai rendah."))
    return tuple(kekuatan), tuple(kelemahan)


def catatan_belum_dinilai(komponen: Sequence[KomponenLhe]) -> tuple[str, ...]:
    """A line per sub-component that is not fully graded, so the document says why a total
    is missing instead of showing 0."""
    return tuple(
        _("Sub-komponen %(kode)s %(nama)s (%(komponen)s) belum dinilai lengkap.")
        % {"kode": s.kode, "nama": s.nama, "komponen": k.nama}
        for k in komponen
        for s in k.sub
        if s.nilai is None
    )
