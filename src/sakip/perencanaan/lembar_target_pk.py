"""The sheet "Target PK" of the PK's XLSX: one row per indicator of each sasaran of the PK shown
on its page (sasaran, kode, nama, satuan locked; target and its upper bound to fill), and the
check of each row read back, with the page's rules (actions.simpan_target_pk: a draft PK only)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_angka
from sakip.formulas.result import FormulaInputError
from sakip.impor import sel
from sakip.impor.buku import teks_sel
from sakip.impor.lembar import ANGKA, Kolom, Lembar
from sakip.impor.pratinjau import BarisImpor, Perubahan
from sakip.perencanaan import actions
from sakip.perencanaan.models import PerjanjianKinerja, TargetPK


def lembar() -> Lembar:
    return Lembar(
        _("Target PK"),
        (
            Kolom("sasaran", _("Sasaran"), lebar=45),
            Kolom("kode", _("Kode indikator"), lebar=16),
            Kolom("nama", _("Indikator"), lebar=50),
            Kolom("satuan", _("Satuan"), lebar=12),
            Kolom("target", _("Target"), ANGKA, True, 14),
            Kolom("target_atas", _("Batas atas target (bila rentang)"), ANGKA, True, 18),
        ),
    )


def targets_of(pk: PerjanjianKinerja) -> list[TargetPK]:
    return list(
        TargetPK.objects.filter(pemda=pk.pemda, sasaran_pk__perjanjian=pk)
        .select_related("indikator", "sasaran_pk")
        .order_by("sasaran_pk__urutan", "urutan")
    )


def baris_ekspor(targets: list[TargetPK]) -> list[dict]:
    return [
        {
            "sasaran": t.sasaran_pk.uraian,
            "kode": t.indikator.kode,
            "nama": t.indikator.nama,
            "satuan": t.indikator.satuan,
            "target": t.target,
            "target_atas": t.target_atas,
            "_format": "0." + "0" * t.indikator.presisi if t.indikator.presisi else "0",
        }
        for t in targets
    ]


def _key(sasaran: str, kode: str) -> tuple[str, str]:
    return (" ".join(sasaran.split()).casefold(), kode)


def _angka(value, presisi: int) -> str:
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    places = max(-exponent, 0) if isinstance(exponent, int) else 0
    return format_angka(value, max(presisi, places))


def periksa(rows, spec: Lembar, pk: PerjanjianKinerja, targets: list[TargetPK]):
    """Every row as a BarisImpor; `data` of a row to write: (target, nilai, atas, versi)."""
    found = {_key(t.sasaran_pk.uraian, t.indikator.kode): t for t in targets}
    seen: dict[tuple, int] = {}
    result = []
    for nomor, isi in rows:
        kode = teks_sel(isi["kode"])
        b = BarisImpor(spec.judul, nomor, kode, teks_sel(isi["nama"]))
        result.append(b)
        key = _key(teks_sel(isi["sasaran"]), kode)
        if not kode:
            b.tolak(spec.huruf("kode"), _("kode indikator kosong; jangan menghapus kolom kode."))
        elif key in seen:
            b.tolak(
                spec.huruf("kode"),
                _("indikator %(kode)s untuk sasaran ini sudah ada di baris %(baris)s.")
                % {"kode": kode, "baris": seen[key]},
            )
        elif key not in found:
            b.tolak(
                spec.huruf("kode"),
                _(
                    "indikator %(kode)s dengan sasaran “%(sasaran)s” tidak ada di PK %(tahun)s "
                    "revisi %(revisi)s; sasaran dan kode tidak dapat diubah lewat impor."
                )
                % {
                    "kode": kode,
                    "sasaran": teks_sel(isi["sasaran"]),
                    "tahun": pk.tahun,
                    "revisi": pk.revisi,
                },
            )
        else:
            seen[key] = nomor
            _compare(b, spec, isi, found[key], pk)
    return result


def _compare(b: BarisImpor, spec: Lembar, isi, target: TargetPK, pk) -> None:
    indikator = target.indikator
    b.nama = indikator.nama
    values = {}
    for kunci in ("target", "target_atas"):
        try:
            values[kunci] = sel.angka(isi[kunci], spec.judul_kolom(kunci))
        except FormulaInputError as error:
            b.tolak(spec.huruf(kunci), str(error))
    if b.masalah:
        return
    for kunci, lama in (("target", target.target), ("target_atas", target.target_atas)):
        if values[kunci] != lama:
            presisi = indikator.presisi
            b.perubahan.append(
                Perubahan(
                    spec.judul_kolom(kunci), _angka(lama, presisi), _angka(values[kunci], presisi)
                )
            )
    if not b.perubahan:
        return
    try:
        actions.require_draft(pk)
        actions.check_target(indikator, values["target"], values["target_atas"])
    except ValidationError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        for field, messages in fields.items():
            kolom = spec.huruf(field if field in ("target", "target_atas") else "target")
            b.tolak(kolom, " ".join(messages))
        return
    b.data = (target, values["target"], values["target_atas"], target.versi)
