"""Renderers of the measurement model for the command line: readable text and JSON."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.formatting import text_table
from sakip.formulas.anggaran import BudgetLine
from sakip.formulas.capaian import Target
from sakip.formulas.numbers import format_angka, format_result, round_half_up
from sakip.formulas.result import Result
from sakip.pengukuran.measurement import BarisKinerja, Pengukuran

STATUS_LABEL = {
    "dihitung": gettext_lazy("dihitung"),
    "belum_ada_data": gettext_lazy("belum ada data"),
    "tidak_dapat_dihitung": gettext_lazy("tidak dapat dihitung"),
}


def _target_text(target: Target | None, places: int) -> str:
    if target is None:
        return "-"
    if target.upper is not None:
        return f"{format_angka(target.lower, places)}–{format_angka(target.upper, places)}"
    return format_angka(target.lower, places)


def _performance_rows(rows: list[BarisKinerja]) -> list[list[str]]:
    return [
        [
            r.nama,
            r.satuan,
            _target_text(r.target, r.presisi),
            format_result(r.realisasi, r.presisi),
            format_result(r.capaian, 2, persen=True),
            r.predikat or "-",
            str(STATUS_LABEL[r.capaian.status.value])
            + (f": {r.capaian.reason}" if r.capaian.reason and not r.capaian.is_computed else ""),
        ]
        for r in rows
    ]


def _budget_rows(line: BudgetLine, depth: int = 0) -> list[list[str]]:
    rows = [
        [
            "  " * depth + line.label,
            format_angka(line.pagu),
            format_angka(line.realisasi) if line.realisasi is not None else _("belum ada data"),
            format_angka(line.selisih) if line.realisasi is not None else "-",
            format_result(line.serapan, 2, persen=True),
        ]
    ]
    for child in line.children:
        rows.extend(_budget_rows(child, depth + 1))
    return rows


def as_text(m: Pengukuran) -> str:
    headers = [
        _("Indikator"),
        _("Satuan"),
        _("Target"),
        _("Realisasi"),
        _("Capaian"),
        _("Predikat"),
        _("Keadaan"),
    ]
    parts = [
        _("PENGUKURAN KINERJA %(opd)s TAHUN %(tahun)s") % {"opd": m.opd.upper(), "tahun": m.tahun},
        _("%(pemda)s · target: %(sumber)s · skala: %(skala)s")
        % {"pemda": m.pemda, "sumber": m.sumber_target, "skala": m.skala.name},
        "",
        _("Kinerja sasaran strategis"),
        text_table(headers, _performance_rows(m.kinerja), right={2, 3, 4}),
    ]
    if m.kinerja_program:
        parts += [
            "",
            _("Kinerja program, kegiatan dan sub-kegiatan"),
            text_table(headers, _performance_rows(m.kinerja_program), right={2, 3, 4}),
        ]
    if m.anggaran is not None:
        budget = _budget_rows(m.anggaran)
        total, lines = budget[0], budget[1:]
        parts += [
            "",
            _("Realisasi anggaran (%(versi)s, rupiah)") % {"versi": m.versi_anggaran},
            text_table(
                [
                    _("Program / kegiatan / sub-kegiatan"),
                    _("Anggaran"),
                    _("Realisasi"),
                    _("Selisih"),
                    _("Serapan"),
                ],
                [[line[0][2:], *line[1:]] for line in lines] + [total],
                right={1, 2, 3, 4},
            ),
        ]
    if m.catatan:
        parts += ["", _("Catatan:"), *(f"- {c}" for c in m.catatan)]
    return "\n".join(parts)


def _number(value: Decimal | None) -> str | None:
    """Decimals as strings with a dot, so no precision is lost in JSON; trailing zeros of the
    storage precision dropped ("86.660000" -> "86.66", "100.000000" -> "100")."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def _result(result: Result, places: int) -> dict:
    return {
        "keadaan": result.status.value,
        # as shown: rounded half-up, with its decimals ("104.80")
        "nilai": str(round_half_up(result.value, places)) if result.is_computed else None,
        "nilai_tepat": _number(result.value),
        "alasan": result.reason or None,
    }


def _performance_json(r: BarisKinerja) -> dict:
    return {
        "kode": r.kode,
        "indikator": r.nama,
        "satuan": r.satuan,
        "sasaran": r.sasaran,
        "tingkat": r.tingkat,
        "arah": r.arah,
        "tipe_penghitungan": r.tipe_penghitungan,
        "target": _number(r.target.lower) if r.target else None,
        "target_atas": _number(r.target.upper) if r.target else None,
        "triwulan": [_number(v) for v in r.triwulan],
        "realisasi": _result(r.realisasi, r.presisi),
        "capaian_persen": _result(r.capaian, 2),
        "predikat": r.predikat,
    }


def _budget_json(line: BudgetLine) -> dict:
    data = {
        "kode": line.kode,
        "nama": line.nama,
        "anggaran": _number(line.pagu),
        "realisasi": _number(line.realisasi),
        "selisih": _number(line.selisih) if line.realisasi is not None else None,
        "serapan_persen": _result(line.serapan, 2),
    }
    if line.children:
        data["rincian"] = [_budget_json(child) for child in line.children]
    return data


def as_json(m: Pengukuran) -> dict:
    return {
        "pemda": m.pemda,
        "opd": m.opd,
        "opd_slug": m.opd_slug,
        "tahun": m.tahun,
        "sumber_target": m.sumber_target,
        "skala_predikat": m.skala.name,
        "kinerja": [_performance_json(r) for r in m.kinerja],
        "kinerja_program": [_performance_json(r) for r in m.kinerja_program],
        "versi_anggaran": m.versi_anggaran or None,
        "anggaran": _budget_json(m.anggaran) if m.anggaran is not None else None,
        "catatan": m.catatan,
    }
