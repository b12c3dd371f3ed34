"""The LKE instrument as data: a YAML file → validated → rows of one pemda, all or nothing.

A version, once loaded, is never changed: loading the same kode and versi again with the same
content changes nothing; with other content it is refused (give it a new versi). Evaluations
point to the version they were made with, so a new version never changes an old evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.evaluasi.models import (
    InstrumenLke,
    KomponenLke,
    KriteriaLke,
    NilaiJawaban,
    SubKomponenLke,
)
from sakip.formulas.lke import Component, Instrument, SubComponent
from sakip.formulas.numbers import format_angka
from sakip.organisasi.limits import length_of, limit_of, too_long

SHIPPED = Path(__file__).parent / "data" / "lke-permenpanrb-88-2021.yaml"
DIMENSI = {choice.value for choice in SubKomponenLke.Dimensi}


def _number(value, where: str, problems: list[str]) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        problems.append(_("%(where)s: %(value)r bukan angka.") % {"where": where, "value": value})
        return Decimal(0)
    if not number.is_finite():
        problems.append(_("%(where)s: %(value)r bukan angka.") % {"where": where, "value": value})
        return Decimal(0)
    return number


def _text(data: dict, key: str, where: str, problems: list[str]) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str | int | float) or not str(value).strip():
        problems.append(_("%(where)s: %(key)s wajib diisi.") % {"where": where, "key": key})
        return ""
    return " ".join(str(value).split())


def _list(data: dict, key: str, where: str, problems: list[str]) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list) or not value:
        problems.append(
            _("%(where)s: %(key)s harus berupa daftar yang tidak kosong.")
            % {"where": where, "key": key}
        )
        return []
    return value


def _fits(model, values: dict, names: tuple, where: str, problems: list[str]) -> None:
    """A text longer than its column allows is a problem of the file, named with its limit."""
    for name in names:
        field = model._meta.get_field(name)
        limit, value = limit_of(field), values.get(name)
        if limit is not None and isinstance(value, str | list) and length_of(value) > limit:
            problems.append(f"{where}: " + too_long(limit, length_of(value), field.verbose_name))


def validate(data) -> dict:
    """The instrument as a clean dict, or ValidationError listing every problem in Indonesian."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ValidationError(
            _("Berkas instrumen harus berisi pemetaan (kode, nama, komponen...).")
        )
    spec = {
        "kode": _text(data, "kode", _("Instrumen"), problems),
        "nama": _text(data, "nama", _("Instrumen"), problems),
        "versi": _text(data, "versi", _("Instrumen"), problems),
        "dasar_hukum": " ".join(str(data.get("dasar_hukum") or "").split()),
        "keterangan": " ".join(str(data.get("keterangan") or "").split()),
        "jawaban": [],
        "komponen": [],
    }
    _fits(
        InstrumenLke,
        spec,
        ("kode", "nama", "versi", "dasar_hukum", "keterangan"),
        _("Instrumen"),
        problems,
    )
    seen_huruf: set[str] = set()
    for i, item in enumerate(_list(data, "jawaban", _("Instrumen"), problems), start=1):
        where = _("Jawaban ke-%(n)s") % {"n": i}
        huruf = _text(item, "huruf", where, problems).upper()
        nilai = _number(item.get("nilai") if isinstance(item, dict) else None, where, problems)
        if huruf in seen_huruf:
            problems.append(_("Jawaban %(huruf)s tercantum dua kali.") % {"huruf": huruf})
        seen_huruf.add(huruf)
        if not Decimal(0) <= nilai <= Decimal(100):
            problems.append(
                _("Nilai jawaban %(huruf)s harus 0–100, bukan %(nilai)s.")
                % {"huruf": huruf, "nilai": format_angka(nilai, 2)}
            )
        uraian = str(item.get("uraian") or "") if isinstance(item, dict) else ""
        spec["jawaban"].append({"huruf": huruf, "nilai": nilai, "uraian": uraian})
        _fits(NilaiJawaban, spec["jawaban"][-1], ("huruf", "uraian"), where, problems)
    sub_kodes: set[str] = set()
    total = Decimal(0)
    for komponen in _list(data, "komponen", _("Instrumen"), problems):
        kode = _text(komponen, "kode", _("Komponen"), problems)
        where = _("Komponen %(kode)s") % {"kode": kode}
        bobot = _number(komponen.get("bobot") if isinstance(komponen, dict) else 0, where, problems)
        total += bobot
        subs = []
        parts = Decimal(0)
        for sub in _list(komponen, "sub_komponen", where, problems):
            sub_kode = _text(sub, "kode", where, problems)
            sub_where = _("Sub-komponen %(kode)s") % {"kode": sub_kode}
            if sub_kode in sub_kodes:
                problems.append(
                    _("Kode sub-komponen %(kode)s dipakai dua kali.") % {"kode": sub_kode}
                )
            sub_kodes.add(sub_kode)
            dimensi = _text(sub, "dimensi", sub_where, problems)
            if dimensi and dimensi not in DIMENSI:
                problems.append(
                    _("%(where)s: dimensi harus keberadaan, kualitas atau pemanfaatan.")
                    % {"where": sub_where}
                )
            sub_bobot = _number(
                sub.get("bobot") if isinstance(sub, dict) else 0, sub_where, problems
            )
            if sub_bobot <= 0:
                problems.append(_("%(where)s: bobot harus lebih dari 0.") % {"where": sub_where})
            parts += sub_bobot
            kriteria = []
            for j, item in enumerate(_list(sub, "kriteria", sub_where, problems), start=1):
                k_where = _("Kriteria %(kode)s.%(n)s") % {"kode": sub_kode, "n": j}
                bukti = item.get("bukti_dukung", []) if isinstance(item, dict) else []
                if not isinstance(bukti, list) or not all(isinstance(b, str) for b in bukti):
                    problems.append(
                        _("%(where)s: bukti_dukung harus berupa daftar teks.") % {"where": k_where}
                    )
                    bukti = []
                kriteria.append(
                    {"uraian": _text(item, "uraian", k_where, problems), "bukti_dukung": bukti}
                )
                _fits(KriteriaLke, kriteria[-1], ("uraian", "bukti_dukung"), k_where, problems)
            subs.append(
                {
                    "kode": sub_kode,
                    "dimensi": dimensi,
                    "nama": _text(sub, "nama", sub_where, problems),
                    "bobot": sub_bobot,
                    "kriteria": kriteria,
                }
            )
            _fits(SubKomponenLke, subs[-1], ("kode", "nama"), sub_where, problems)
        if subs and parts != bobot:
            problems.append(
                _(
                    "Bobot komponen %(kode)s (%(bobot)s) harus sama dengan jumlah bobot "
                    "sub-komponennya (%(jumlah)s)."
                )
                % {"kode": kode, "bobot": format_angka(bobot, 2), "jumlah": format_angka(parts, 2)}
            )
        spec["komponen"].append(
            {
                "kode": kode,
                "nama": _text(komponen, "nama", where, problems),
                "bobot": bobot,
                "sub_komponen": subs,
            }
        )
        _fits(KomponenLke, spec["komponen"][-1], ("kode", "nama"), where, problems)
    if spec["komponen"] and total != 100:
        problems.append(
            _("Jumlah bobot komponen harus 100, bukan %(jumlah)s.")
            % {"jumlah": format_angka(total, 2)}
        )
    if problems:
        raise ValidationError(problems)
    return spec


def read_file(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ValidationError(
            _("Berkas %(berkas)s tidak dapat dibaca: %(alasan)s")
            % {"berkas": path, "alasan": error.strerror}
        ) from None
    except yaml.YAMLError as error:
        raise ValidationError(
            _("Berkas %(berkas)s bukan YAML yang sah: %(alasan)s")
            % {"berkas": path, "alasan": error}
        ) from None
    return validate(data)


def _stored(instrumen: InstrumenLke) -> dict:
    """A stored version in the shape of validate(), to compare with a file."""
    return {
        "kode": instrumen.kode,
        "nama": instrumen.nama,
        "versi": instrumen.versi,
        "dasar_hukum": instrumen.dasar_hukum,
        "keterangan": instrumen.keterangan,
        "jawaban": [
            {"huruf": j.huruf, "nilai": j.nilai, "uraian": j.uraian}
            for j in instrumen.jawaban.all()
        ],
        "komponen": [
            {
                "kode": k.kode,
                "nama": k.nama,
                "bobot": k.bobot,
                "sub_komponen": [
                    {
                        "kode": s.kode,
                        "dimensi": s.dimensi,
                        "nama": s.nama,
                        "bobot": s.bobot,
                        "kriteria": [
                            {"uraian": c.uraian, "bukti_dukung": c.bukti_dukung}
                            for c in s.kriteria.all()
                        ],
                    }
                    for s in k.sub_komponen.all()
                ],
            }
            for k in instrumen.komponen.all()
        ],
    }


@dataclass(frozen=True)
class Loaded:
    instrumen: InstrumenLke
    created: bool


def load(pemda, spec: dict) -> Loaded:
    """Store a validated instrument for `pemda`; the same version twice changes nothing."""
    with transaction.atomic():
        existing = InstrumenLke.objects.filter(
            pemda=pemda, kode=spec["kode"], versi=spec["versi"]
        ).first()
        if existing is not None:
            if _stored(existing) != spec:
                raise ValidationError(
                    _(
                        "Instrumen %(kode)s versi %(versi)s sudah dimuat untuk %(pemda)s dengan isi "
                        "berbeda. Versi yang sudah dimuat tidak diubah: beri berkas ini versi baru."
                    )
                    % {"kode": spec["kode"], "versi": spec["versi"], "pemda": pemda.nama}
                )
            return Loaded(existing, False)
        instrumen = InstrumenLke(
            pemda=pemda,
            kode=spec["kode"],
            nama=spec["nama"],
            versi=spec["versi"],
            dasar_hukum=spec["dasar_hukum"],
            keterangan=spec["keterangan"],
        )
        instrumen._change_reason = _("instrumen dimuat")
        instrumen.save()
        NilaiJawaban.objects.bulk_create(
            NilaiJawaban(pemda=pemda, instrumen=instrumen, urutan=i, **jawaban)
            for i, jawaban in enumerate(spec["jawaban"], start=1)
        )
        for i, k in enumerate(spec["komponen"], start=1):
            komponen = KomponenLke.objects.create(
                pemda=pemda,
                instrumen=instrumen,
                urutan=i,
                kode=k["kode"],
                nama=k["nama"],
                bobot=k["bobot"],
            )
            for j, s in enumerate(k["sub_komponen"], start=1):
                sub = SubKomponenLke.objects.create(
                    pemda=pemda,
                    komponen=komponen,
                    urutan=j,
                    kode=s["kode"],
                    dimensi=s["dimensi"],
                    nama=s["nama"],
                    bobot=s["bobot"],
                )
                KriteriaLke.objects.bulk_create(
                    KriteriaLke(
                        pemda=pemda,
                        sub_komponen=sub,
                        urutan=n,
                        kode=f"{s['kode']}.{n}",
                        uraian=c["uraian"],
                        bukti_dukung=c["bukti_dukung"],
                    )
                    for n, c in enumerate(s["kriteria"], start=1)
                )
        return Loaded(instrumen, True)


def shipped_for(pemda) -> InstrumenLke:
    """The LKE of PermenPAN-RB 88/2021 shipped with sakip, loaded for the pemda on first use."""
    return load(pemda, read_file(SHIPPED)).instrumen


def latest_for(pemda) -> InstrumenLke:
    """The instrument a new evaluation uses: the newest version loaded for the pemda (the
    shipped one when the pemda has none)."""
    newest = InstrumenLke.objects.filter(pemda=pemda).order_by("-dimuat_pada", "-pk").first()
    return newest or shipped_for(pemda)


def formula_instrument(instrumen: InstrumenLke) -> tuple[Instrument, dict[str, Decimal]]:
    """The formulas engine's Instrument and grade values of a stored version."""
    komponen = instrumen.komponen.prefetch_related("sub_komponen")
    components = tuple(
        Component(
            k.kode,
            k.nama,
            k.bobot,
            tuple(SubComponent(s.kode, s.nama, s.bobot) for s in k.sub_komponen.all()),
        )
        for k in komponen
    )
    values = {j.huruf: j.nilai for j in instrumen.jawaban.all()}
    return Instrument(f"{instrumen.kode} {instrumen.versi}", instrumen.nama, components), values
