"""Load one pemda and one OPD from a YAML data file (format: docs/data-format.md).

All or nothing: the whole file is written in one transaction and the first wrong record
aborts it with a DatasetError that names the record. Loading the same file again changes
nothing (rows are saved only when a value differs, see records.upsert)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sakip.dataset.records import FrozenRecord, prune, upsert
from sakip.formulas.numbers import format_rupiah, parse_rupiah, to_decimal
from sakip.formulas.result import FormulaInputError
from sakip.organisasi import limits
from sakip.organisasi.models import (
    PegawaiGolongan,
    PegawaiJabatan,
    Pemda,
    PerangkatDaerah,
    ProfilTahunan,
    RentangPredikat,
    Sarpras,
    SkalaPredikat,
    UnitKerja,
)
from sakip.pengukuran.models import PeriodeLaporan, RealisasiAnggaran, RealisasiKinerja
from sakip.pengukuran.rules import check_realisasi_kinerja
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Kegiatan,
    Pagu,
    PerjanjianKinerja,
    Program,
    Renstra,
    Sasaran,
    SasaranPK,
    SubKegiatan,
    TargetPK,
    TargetRenstra,
    TargetTahunan,
    Tujuan,
    VersiAnggaran,
)


class DatasetError(Exception):
    """A wrong record in a data file; `where` names it (a path in the file, whose keys are the
    same in every language: not translated); `message` comes translated."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass
class LoadReport:
    pemda: str = ""
    opd: str = ""
    written: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(sum(self.written.values()) or self.removed)


def load_file(path: str | Path) -> LoadReport:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DatasetError(path.name, _("bukan YAML yang sah: %(error)s") % {"error": exc}) from exc
    return load_data(data, source=path.name)


def load_data(data: dict, source: str = "data") -> LoadReport:
    if not isinstance(data, dict):
        raise DatasetError(source, _("isi berkas harus berupa pemetaan (pemda, opd, ...)"))
    with transaction.atomic():
        return _Loader(data, source).run()


BAND_COLORS = ["#1b7f3b", "#2e8b57", "#b07f00", "#d35400", "#c0392b"]


def default_color(index: int, count: int) -> str:
    """Best band green … worst band red, when the file gives no colour (bands best first)."""
    if count <= 1:
        return BAND_COLORS[0]
    return BAND_COLORS[round(index * (len(BAND_COLORS) - 1) / (count - 1))]


def _text(value) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError(_("teks diharapkan, bukan daftar atau pemetaan"))
    return "" if value is None else str(value).strip()


def check_lengths(model, values: dict) -> None:
    """A text longer than its field allows is refused naming the record, the field and the
    limit (a ValidationError, made a DatasetError by _Loader.guarded), not a database error."""
    for name, value in values.items():
        limit = limits.limit_of(model._meta.get_field(name))
        if limit is None or not isinstance(value, str | list):
            continue
        length = limits.length_of(value)
        if length > limit:
            record = " ".join(str(v) for v in (model._meta.verbose_name, values.get("kode")) if v)
            raise ValidationError(
                f"{capfirst(record)}: "
                + limits.too_long(limit, length, model._meta.get_field(name).verbose_name)
            )


def _lines(value, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DatasetError(where, _("harus berupa daftar"))
    return [_text(v) for v in value]


class _Loader:
    def __init__(self, data: dict, source: str):
        self.data = data
        self.reason = _("dimuat dari %(source)s") % {"source": source}
        self.report = LoadReport()
        self.indikator: dict[str, Indikator] = {}
        self.pemda: Pemda | None = None
        self.opd: PerangkatDaerah | None = None

    # --- small helpers -------------------------------------------------------------------

    def put(self, model, lookup, values, frozen: str = ""):
        check_lengths(model, {**lookup, **values})
        obj, written = upsert(model, lookup, values, self.reason, frozen)
        (self.report.written if written else self.report.unchanged)[model.__name__] += 1
        return obj

    def prune(self, queryset, keep, frozen_for=None):
        self.report.removed += prune(queryset, keep, self.reason, frozen_for)

    def frozen_quarter(self, tahun: int, triwulan: int) -> str:
        """Why the file may not change this quarter's realisations, or ''."""
        status = self.quarter_status.get((tahun, triwulan))
        if status is None or status in PeriodeLaporan.EDITABLE:
            return ""
        return _(
            "triwulan %(triwulan)s tahun %(tahun)s berstatus %(status)s: realisasinya tidak "
            "dapat diubah dari berkas; minta admin SAKIP membukanya kembali dengan alasan"
        ) % {"triwulan": triwulan, "tahun": tahun, "status": status}

    def tenant(self, **extra):
        return {"pemda": self.pemda, **extra}

    @staticmethod
    def require(mapping: dict, key: str, where: str):
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if value is None or value == "":
            raise DatasetError(where, _("'%(key)s' wajib diisi") % {"key": key})
        return value

    @staticmethod
    def number(value, where: str, what: str, allow_none=False) -> Decimal | None:
        if value is None and allow_none:
            return None
        try:
            return to_decimal(value, what)
        except FormulaInputError as exc:
            raise DatasetError(where, str(exc)) from exc

    def rupiah(self, value, where: str, what: str) -> Decimal:
        """A whole rupiah amount: an integer, or a string as people write it ("1.234.567")."""
        try:
            amount = parse_rupiah(value, what)
        except FormulaInputError as exc:
            message = str(exc)
            if not message.startswith(what):
                message = f"{what}: {message}"
            raise DatasetError(where, message) from exc
        if amount < 0:
            raise DatasetError(
                where,
                _("%(what)s tidak boleh negatif (%(amount)s)")
                % {"what": what, "amount": format_rupiah(amount)},
            )
        return amount

    def target(self, value, where: str) -> tuple[Decimal, Decimal | None]:
        """A target is a number or a range {lower, upper}."""
        if isinstance(value, dict):
            lower = self.number(value.get("lower"), where, _("batas bawah target"))
            upper = self.number(value.get("upper"), where, _("batas atas target"))
            if upper < lower:
                raise DatasetError(where, _("batas atas target lebih kecil dari batas bawah"))
            return lower, upper
        return self.number(value, where, _("target")), None

    @staticmethod
    def date(value, where: str) -> datetime.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError as exc:
            raise DatasetError(
                where, _("tanggal '%(value)s' harus ditulis TTTT-BB-HH") % {"value": value}
            ) from exc

    def indicator(self, kode, where: str) -> Indikator:
        try:
            return self.indikator[str(kode)]
        except KeyError:
            raise DatasetError(
                where, _("indikator '%(kode)s' tidak ada di daftar indikator") % {"kode": kode}
            ) from None

    # --- the file, part by part -----------------------------------------------------------

    def run(self) -> LoadReport:
        self.guarded("pemda", self.load_pemda, self.mapping(self.data.get("pemda"), "pemda"))
        self.guarded("opd", self.load_opd, self.mapping(self.data.get("opd"), "opd"))
        sections = [
            ("profil", self.load_profil),
            ("indikator", self.load_indicator),
            ("anggaran", self.load_budget_year),
            ("renstra", self.load_renstra),
            ("perjanjian_kinerja", self.load_pk),
            ("realisasi_kinerja", self.load_realisasi_kinerja),
            ("laporan", self.load_laporan),
        ]
        for key, load in sections:
            for i, item in enumerate(self.items(self.data.get(key), key)):
                self.guarded(f"{key}[{i}]", load, item, f"{key}[{i}]")
        return self.report

    @staticmethod
    def guarded(where: str, load, *args):
        """A value of the wrong kind deep inside an entry still ends as a DatasetError."""
        try:
            load(*args)
        except DatasetError:
            raise
        except FrozenRecord as exc:
            raise DatasetError(where, str(exc)) from exc
        except ValidationError as exc:
            raise DatasetError(where, " ".join(exc.messages)) from exc
        except (AttributeError, TypeError, ValueError, KeyError) as exc:
            raise DatasetError(
                where,
                _("bentuk data tidak sesuai format berkas (lihat docs/data-format.md): %(e)s")
                % {"e": exc},
            ) from exc

    @staticmethod
    def mapping(value, where: str) -> dict:
        if not isinstance(value, dict):
            raise DatasetError(where, _("wajib diisi sebagai pemetaan (kunci: nilai)"))
        return value

    @staticmethod
    def items(value, where: str) -> list[dict]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise DatasetError(where, _("harus berupa daftar entri (- kunci: nilai)"))
        return value

    def whole(self, value, where: str, what: str) -> int:
        number = self.number(value, where, what)
        if number != number.to_integral_value():
            raise DatasetError(where, _("%(what)s harus bilangan bulat") % {"what": what})
        return int(number)

    def load_pemda(self, data: dict):
        where = "pemda"
        kepala = data.get("kepala_daerah") or {}
        self.pemda = self.put(
            Pemda,
            {"slug": self.require(data, "slug", where)},
            {
                "nama": self.require(data, "nama", where),
                "jenis": self.require(data, "jenis", where),
                "ibu_kota": _text(data.get("ibu_kota")),
                "kepala_daerah_nama": _text(kepala.get("nama")),
                "kepala_daerah_jabatan": _text(kepala.get("jabatan")),
                "metode_efisiensi": data.get("metode_efisiensi") or "capaian_vs_serapan",
            },
        )
        self.report.pemda = self.pemda.nama
        if data.get("skala_predikat"):
            self.load_scale(data["skala_predikat"], "pemda.skala_predikat")

    def load_scale(self, data: dict, where: str):
        from sakip.formulas.predikat import Band, PredikatScale

        nama = self.require(data, "nama", where)
        bands = []
        items = self.items(self.require(data, "rentang", where), where)
        for i, item in enumerate(items):
            w = f"{where}.rentang[{i}]"
            bands.append(
                Band(
                    label=self.require(item, "label", w),
                    lower=self.number(item.get("lower"), w, _("batas bawah"), allow_none=True),
                    lower_inclusive=bool(item.get("lower_inclusive")),
                    upper=self.number(item.get("upper"), w, _("batas atas"), allow_none=True),
                    upper_inclusive=bool(item.get("upper_inclusive")),
                    color=_text(item.get("color")) or default_color(i, len(items)),
                )
            )
        try:
            PredikatScale(name=nama, bands=tuple(bands)).validate()
        except FormulaInputError as exc:
            raise DatasetError(where, str(exc)) from exc
        SkalaPredikat.objects.filter(pemda=self.pemda, aktif=True).exclude(nama=nama).update(
            aktif=False
        )
        skala = self.put(SkalaPredikat, self.tenant(nama=nama), {"aktif": True})
        keep = []
        for urutan, band in enumerate(bands, start=1):
            row = self.put(
                RentangPredikat,
                self.tenant(skala=skala, label=band.label),
                {
                    "urutan": urutan,
                    "batas_bawah": band.lower,
                    "bawah_inklusif": band.lower_inclusive,
                    "batas_atas": band.upper,
                    "atas_inklusif": band.upper_inclusive,
                    "warna": band.color,
                },
            )
            keep.append(row.pk)
        self.prune(RentangPredikat.objects.filter(pemda=self.pemda, skala=skala), keep)

    def load_opd(self, data: dict):
        where = "opd"
        kepala = data.get("kepala") or {}
        self.opd = self.put(
            PerangkatDaerah,
            self.tenant(slug=self.require(data, "slug", where)),
            {
                "nama": self.require(data, "nama", where),
                "jenis": self.require(data, "jenis", where),
                "urusan": _text(data.get("urusan")),
                "alamat": _text(data.get("alamat")),
                "dasar_pembentukan": _text(data.get("dasar_pembentukan")),
                "tugas": _text(data.get("tugas")),
                "fungsi": _lines(data.get("fungsi"), f"{where}.fungsi"),
                "kepala_nama": _text(kepala.get("nama")),
                "kepala_nip": _text(kepala.get("nip")),
                "kepala_pangkat": _text(kepala.get("pangkat")),
                "kepala_jabatan": _text(kepala.get("jabatan")),
            },
        )
        self.report.opd = self.opd.nama
        self.quarter_status = {
            (p.tahun, p.triwulan): p.status
            for p in PeriodeLaporan.objects.filter(pemda=self.pemda, opd=self.opd)
        }
        units: dict[str, UnitKerja] = {}
        for i, item in enumerate(self.items(data.get("struktur"), f"{where}.struktur")):
            w = f"opd.struktur[{i}]"
            induk_nama = item.get("induk")
            if induk_nama and induk_nama not in units:
                raise DatasetError(
                    w, _("induk '%(induk)s' harus disebut lebih dulu") % {"induk": induk_nama}
                )
            nama = self.require(item, "nama", w)
            units[nama] = self.put(
                UnitKerja,
                self.tenant(opd=self.opd, nama=nama),
                {
                    "urutan": i + 1,
                    "induk": units.get(induk_nama) if induk_nama else None,
                    "uraian_tugas": _text(item.get("uraian_tugas")),
                    "tugas": _lines(item.get("tugas"), f"{w}.tugas"),
                },
            )
        self.prune(
            UnitKerja.objects.filter(pemda=self.pemda, opd=self.opd), [u.pk for u in units.values()]
        )

    def load_profil(self, data: dict, where: str):
        tahun = self.whole(self.require(data, "tahun", where), where, "tahun")
        wilayah = data.get("kondisi_wilayah") or {}
        w = f"{where}.kondisi_wilayah"
        counts = {}
        for key in ("desa", "kelurahan", "rw", "rt", "dusun", "penduduk", "kk"):
            value = wilayah.get(f"jumlah_{key}")
            counts[f"jumlah_{key}"] = (
                None if value is None else int(self.number(value, w, f"jumlah_{key}"))
            )
        profil = self.put(
            ProfilTahunan,
            self.tenant(opd=self.opd, tahun=tahun),
            {
                "latar_belakang": _lines(data.get("latar_belakang"), f"{where}.latar_belakang"),
                "fungsi_strategis": _text(data.get("fungsi_strategis")),
                "kondisi_wilayah": _text(wilayah.get("uraian")),
                **counts,
                "luas_km2": self.number(wilayah.get("luas_km2"), w, _("luas"), allow_none=True),
                "batas_utara": _text(wilayah.get("batas_utara")),
                "batas_timur": _text(wilayah.get("batas_timur")),
                "batas_selatan": _text(wilayah.get("batas_selatan")),
                "batas_barat": _text(wilayah.get("batas_barat")),
                "tantangan": _lines(data.get("tantangan"), f"{where}.tantangan"),
                "peluang": _lines(data.get("peluang"), f"{where}.peluang"),
                "isu_strategis": _lines(data.get("isu_strategis"), f"{where}.isu_strategis"),
                "landasan_hukum": _lines(data.get("landasan_hukum"), f"{where}.landasan_hukum"),
            },
        )
        self.load_profile_rows(
            PegawaiGolongan,
            profil,
            data.get("pegawai_golongan"),
            f"{where}.pegawai_golongan",
            key="golongan",
            fields={"pangkat": _text, "jumlah": int},
        )
        self.load_profile_rows(
            PegawaiJabatan,
            profil,
            data.get("pegawai_jabatan"),
            f"{where}.pegawai_jabatan",
            key="jabatan",
            fields={"eselon": _text, "formasi": int, "terisi": int, "keterangan": _text},
        )
        self.load_profile_rows(
            Sarpras,
            profil,
            data.get("sarpras"),
            f"{where}.sarpras",
            key="nama",
            fields={"jumlah": int, "satuan": _text, "keterangan": _text},
        )

    def load_profile_rows(self, model, profil, items, where, key, fields):
        keep = []
        for i, item in enumerate(self.items(items, where)):
            w = f"{where}[{i}]"
            values = {"urutan": i + 1}
            for name, convert in fields.items():
                raw = item.get(name)
                if convert is int:
                    number = self.number(0 if raw is None else raw, w, name)
                    if number < 0 or number != number.to_integral_value():
                        raise DatasetError(
                            w, _("%(name)s harus bilangan bulat tidak negatif") % {"name": name}
                        )
                    values[name] = int(number)
                else:
                    values[name] = convert(raw)
            row = self.put(
                model, self.tenant(profil=profil, **{key: self.require(item, key, w)}), values
            )
            keep.append(row.pk)
        self.prune(model.objects.filter(pemda=self.pemda, profil=profil), keep)

    def indicator_values(self, data: dict, where: str) -> dict:
        arah = data.get("arah") or "naik"
        if arah not in Indikator.Arah.values:
            raise DatasetError(
                where, _("arah '%(arah)s' harus 'naik' atau 'turun'") % {"arah": arah}
            )
        tipe = data.get("tipe_penghitungan") or "posisi_akhir"
        if tipe not in Indikator.TipePenghitungan.values:
            raise DatasetError(
                where,
                _("tipe_penghitungan '%(tipe)s' harus kumulatif, posisi_akhir atau rata_rata")
                % {"tipe": tipe},
            )
        frekuensi = data.get("frekuensi") or "triwulanan"
        if frekuensi not in Indikator.Frekuensi.values:
            raise DatasetError(
                where,
                _("frekuensi '%(frekuensi)s' harus triwulanan, semesteran atau tahunan")
                % {"frekuensi": frekuensi},
            )
        sumber = data.get("sumber_realisasi") or "manual"
        if sumber not in Indikator.SumberRealisasi.values:
            raise DatasetError(
                where,
                _("sumber_realisasi '%(sumber)s' harus manual, skm atau lke") % {"sumber": sumber},
            )
        return {
            "nama": self.require(data, "nama", where),
            "satuan": self.require(data, "satuan", where),
            "frekuensi": frekuensi,
            "sumber_realisasi": sumber,
            "arah": arah,
            "tipe_penghitungan": tipe,
            "presisi": self.whole(data.get("presisi", 2), where, "presisi"),
            "skala_min": self.number(data.get("skala_min"), where, "skala_min", allow_none=True),
            "skala_max": self.number(data.get("skala_max"), where, "skala_max", allow_none=True),
            "standar_nasional": self.number(
                data.get("standar_nasional"), where, "standar_nasional", allow_none=True
            ),
            "iku": bool(data.get("iku")),
            "alasan_pemilihan": _text(data.get("alasan_pemilihan")),
            "formulasi": _text(data.get("formulasi")),
            "definisi_operasional": _text(data.get("definisi_operasional")),
            "sumber_data": _text(data.get("sumber_data")),
        }

    def load_indicator(self, data: dict, where: str, **level) -> Indikator:
        kode = str(self.require(data, "kode", where))
        if kode in self.indikator:
            raise DatasetError(
                where, _("kode indikator '%(kode)s' dipakai dua kali") % {"kode": kode}
            )
        values = self.indicator_values(data, where)
        values.update({"program": None, "kegiatan": None, "sub_kegiatan": None, **level})
        obj = self.put(Indikator, self.tenant(opd=self.opd, kode=kode), values)
        self.indikator[kode] = obj
        return obj

    # --- budget ---------------------------------------------------------------------------

    def load_budget_year(self, data: dict, where: str):
        tahun = self.whole(self.require(data, "tahun", where), where, "tahun")
        versions = []
        for i, item in enumerate(self.items(self.require(data, "versi", where), where)):
            jenis = self.require(item, "jenis", f"{where}.versi[{i}]")
            versions.append(
                self.put(
                    VersiAnggaran,
                    self.tenant(opd=self.opd, tahun=tahun, jenis=jenis),
                    {
                        "urutan": i + 1,
                        "nomor": _text(item.get("nomor")),
                        "tanggal": self.date(item.get("tanggal"), f"{where}.versi[{i}]"),
                    },
                )
            )
        by_jenis = {v.jenis: v for v in versions}
        in_force = versions[-1]
        for p, prog in enumerate(self.items(self.require(data, "program", where), where)):
            wp = f"{where}.program[{p}] {prog.get('kode', '')}"
            program = self.put(
                Program,
                self.tenant(opd=self.opd, kode=str(self.require(prog, "kode", wp))),
                {
                    "nama": self.require(prog, "nama", wp),
                    "sasaran_renstra_kode": _text(prog.get("sasaran_renstra")),
                },
            )
            self.load_level_indicators(prog, wp, tahun, program=program)
            for k, keg in enumerate(self.items(self.require(prog, "kegiatan", wp), wp)):
                wk = f"{wp}.kegiatan[{k}] {keg.get('kode', '')}"
                kegiatan = self.put(
                    Kegiatan,
                    self.tenant(program=program, kode=str(self.require(keg, "kode", wk))),
                    {"nama": self.require(keg, "nama", wk)},
                )
                self.load_level_indicators(keg, wk, tahun, kegiatan=kegiatan)
                for s, sub in enumerate(self.items(self.require(keg, "sub_kegiatan", wk), wk)):
                    ws = f"{wk}.sub_kegiatan[{s}] {sub.get('kode', '')}"
                    sub_kegiatan = self.put(
                        SubKegiatan,
                        self.tenant(kegiatan=kegiatan, kode=str(self.require(sub, "kode", ws))),
                        {"nama": self.require(sub, "nama", ws)},
                    )
                    self.load_level_indicators(sub, ws, tahun, sub_kegiatan=sub_kegiatan)
                    self.load_pagu(sub, ws, sub_kegiatan, by_jenis, in_force)

    def load_level_indicators(self, data: dict, where: str, tahun: int, **level):
        for i, item in enumerate(self.items(data.get("indikator"), where)):
            w = f"{where}.indikator[{i}]"
            indikator = self.load_indicator(item, w, **level)
            if item.get("target") is not None:
                target, target_atas = self.target(item["target"], w)
                self.put(
                    TargetTahunan,
                    self.tenant(indikator=indikator, tahun=tahun),
                    {"target": target, "target_atas": target_atas},
                )

    def load_pagu(self, data, where, sub_kegiatan, by_jenis, in_force):
        pagu = self.mapping(self.require(data, "pagu", where), where)
        for jenis, amount in pagu.items():
            if jenis not in by_jenis:
                raise DatasetError(
                    where,
                    _("pagu '%(jenis)s' tidak ada di daftar versi anggaran") % {"jenis": jenis},
                )
            self.put(
                Pagu,
                self.tenant(versi_anggaran=by_jenis[jenis], sub_kegiatan=sub_kegiatan),
                {"jumlah": self.rupiah(amount, where, _("pagu %(jenis)s") % {"jenis": jenis})},
            )
        if in_force.jenis not in pagu:
            raise DatasetError(
                where,
                _("pagu versi yang berlaku (%(jenis)s) wajib diisi") % {"jenis": in_force.jenis},
            )
        quarters = data.get("realisasi") or [None] * 4
        if not isinstance(quarters, list) or len(quarters) != 4:
            raise DatasetError(where, _("realisasi harus daftar empat triwulan [I, II, III, IV]"))
        total = Decimal(0)
        keep = []
        for triwulan, amount in enumerate(quarters, start=1):
            if amount is None:
                continue
            amount = self.rupiah(
                amount, where, _("realisasi triwulan %(triwulan)s") % {"triwulan": triwulan}
            )
            total += amount
            row = self.put(
                RealisasiAnggaran,
                self.tenant(sub_kegiatan=sub_kegiatan, tahun=in_force.tahun, triwulan=triwulan),
                {"jumlah": amount},
                frozen=self.frozen_quarter(in_force.tahun, triwulan),
            )
            keep.append(row.pk)
        ceiling = self.rupiah(pagu[in_force.jenis], where, _("pagu"))
        if total > ceiling:
            raise DatasetError(
                where,
                _(
                    "realisasi %(realisasi)s melebihi pagu %(pagu)s; realisasi di atas pagu bukan "
                    "belanja yang sah"
                )
                % {"realisasi": format_rupiah(total), "pagu": format_rupiah(ceiling)},
            )
        self.prune(
            RealisasiAnggaran.objects.filter(
                pemda=self.pemda, sub_kegiatan=sub_kegiatan, tahun=in_force.tahun
            ),
            keep,
            lambda row: self.frozen_quarter(row.tahun, row.triwulan),
        )

    # --- Renstra and PK -------------------------------------------------------------------

    def load_renstra(self, data: dict, where: str):
        versi = self.require(data, "versi", where)
        tahun_awal = self.whole(self.require(data, "tahun_awal", where), where, "tahun_awal")
        tahun_akhir = self.whole(self.require(data, "tahun_akhir", where), where, "tahun_akhir")
        renstra = self.put(
            Renstra,
            self.tenant(opd=self.opd, tahun_awal=tahun_awal, versi=versi),
            {
                "tahun_akhir": tahun_akhir,
                "nomor": _text(data.get("nomor")),
                "visi_pemda": _text(data.get("visi_pemda")),
                "penjelasan_visi_pemda": data.get("penjelasan_visi_pemda") or [],
                "misi_pemda": _lines(data.get("misi_pemda"), f"{where}.misi_pemda"),
                "visi_opd": _text(data.get("visi_opd")),
                "penjelasan_visi_opd": data.get("penjelasan_visi_opd") or [],
                "misi_opd": _lines(data.get("misi_opd"), f"{where}.misi_opd"),
            },
        )
        keep_tujuan, keep_sasaran, keep_indikator = [], [], []
        urutan = 0
        for t, item in enumerate(self.items(self.require(data, "tujuan", where), where)):
            wt = f"{where}.tujuan[{t}]"
            tujuan = self.put(
                Tujuan,
                self.tenant(renstra=renstra, kode=str(self.require(item, "kode", wt))),
                {"urutan": t + 1, "uraian": self.require(item, "uraian", wt)},
            )
            keep_tujuan.append(tujuan.pk)
            for ind in item.get("indikator") or []:
                urutan += 1
                keep_indikator.append(
                    self.load_renstra_target(renstra, ind, wt, urutan, tujuan=tujuan).pk
                )
            for s, sitem in enumerate(self.items(item.get("sasaran"), wt)):
                ws = f"{wt}.sasaran[{s}]"
                sasaran = self.put(
                    Sasaran,
                    self.tenant(renstra=renstra, kode=str(self.require(sitem, "kode", ws))),
                    {
                        "tujuan": tujuan,
                        "urutan": s + 1,
                        "uraian": self.require(sitem, "uraian", ws),
                    },
                )
                keep_sasaran.append(sasaran.pk)
                for ind in sitem.get("indikator") or []:
                    urutan += 1
                    keep_indikator.append(
                        self.load_renstra_target(renstra, ind, ws, urutan, sasaran=sasaran).pk
                    )
        self.prune(
            IndikatorRenstra.objects.filter(pemda=self.pemda, renstra=renstra), keep_indikator
        )
        self.prune(Sasaran.objects.filter(pemda=self.pemda, renstra=renstra), keep_sasaran)
        self.prune(Tujuan.objects.filter(pemda=self.pemda, renstra=renstra), keep_tujuan)

    def load_renstra_target(self, renstra, data, where, urutan, tujuan=None, sasaran=None):
        indikator = self.indicator(self.require(data, "kode", where), where)
        w = f"{where} indikator {indikator.kode}"
        akhir, akhir_atas = (None, None)
        if data.get("target_akhir") is not None:
            akhir, akhir_atas = self.target(data["target_akhir"], w)
            self.check_value(indikator, akhir, f"{w} target akhir")
        link = self.put(
            IndikatorRenstra,
            self.tenant(renstra=renstra, indikator=indikator),
            {
                "tujuan": tujuan,
                "sasaran": sasaran,
                "urutan": urutan,
                "target_akhir": akhir,
                "target_akhir_atas": akhir_atas,
            },
        )
        keep = []
        for tahun, value in self.mapping(data.get("target") or {}, w).items():
            tahun = int(tahun)
            if not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
                raise DatasetError(
                    w, _("tahun %(tahun)s di luar periode Renstra") % {"tahun": tahun}
                )
            target, target_atas = self.target(value, f"{w} tahun {tahun}")
            self.check_value(indikator, target, f"{w} target {tahun}")
            keep.append(
                self.put(
                    TargetRenstra,
                    self.tenant(indikator_renstra=link, tahun=tahun),
                    {"target": target, "target_atas": target_atas},
                ).pk
            )
        self.prune(TargetRenstra.objects.filter(pemda=self.pemda, indikator_renstra=link), keep)
        return link

    def check_value(self, indikator: Indikator, value: Decimal, where: str):
        problem = check_realisasi_kinerja(indikator, value)
        if problem:
            raise DatasetError(where, problem)

    def find_renstra_goal(self, renstra: Renstra | None, kode, where):
        """A PK sasaran may point to a Renstra tujuan or sasaran by kode."""
        if not kode or renstra is None:
            return None, None
        tujuan = Tujuan.objects.filter(pemda=self.pemda, renstra=renstra, kode=kode).first()
        sasaran = Sasaran.objects.filter(pemda=self.pemda, renstra=renstra, kode=kode).first()
        if tujuan is None and sasaran is None:
            raise DatasetError(
                where, _("tujuan/sasaran Renstra '%(kode)s' tidak ditemukan") % {"kode": kode}
            )
        return tujuan, sasaran

    def load_pk(self, data: dict, where: str):
        tahun = self.whole(self.require(data, "tahun", where), where, "tahun")
        revisi = self.whole(data.get("revisi") or 0, where, "revisi")
        renstra = None
        if data.get("renstra"):
            renstra = Renstra.objects.filter(
                pemda=self.pemda,
                opd=self.opd,
                versi=data["renstra"],
                tahun_awal__lte=tahun,
                tahun_akhir__gte=tahun,
            ).first()
            if renstra is None:
                raise DatasetError(
                    where,
                    _("Renstra %(versi)s untuk tahun %(tahun)s tidak ada")
                    % {"versi": data["renstra"], "tahun": tahun},
                )
        first = data.get("pihak_pertama") or {}
        second = data.get("pihak_kedua") or {}
        status = data.get("status") or "draft"
        if status not in PerjanjianKinerja.Status.values:
            raise DatasetError(
                where, _("status '%(status)s' harus draft atau ditandatangani") % {"status": status}
            )
        existing = PerjanjianKinerja.objects.filter(
            pemda=self.pemda, opd=self.opd, tahun=tahun, revisi=revisi
        ).first()
        signed = ""
        if existing is not None and existing.status == PerjanjianKinerja.Status.DITANDATANGANI:
            signed = _(
                "PK %(tahun)s revisi %(revisi)s sudah ditandatangani: isinya tidak dapat diubah "
                "dari berkas; buat revisi PK, atau minta admin SAKIP membukanya kembali"
            ) % {"tahun": tahun, "revisi": revisi}
        pk = self.put(
            PerjanjianKinerja,
            self.tenant(opd=self.opd, tahun=tahun, revisi=revisi),
            {
                "renstra": renstra,
                "tanggal": self.date(data.get("tanggal"), where),
                "tempat": _text(data.get("tempat")),
                "status": status,
                "pihak_pertama_nama": _text(first.get("nama", self.opd.kepala_nama)),
                "pihak_pertama_nip": _text(first.get("nip", self.opd.kepala_nip)),
                "pihak_pertama_pangkat": _text(first.get("pangkat", self.opd.kepala_pangkat)),
                "pihak_pertama_jabatan": _text(first.get("jabatan", self.opd.kepala_jabatan)),
                "pihak_kedua_nama": _text(second.get("nama", self.pemda.kepala_daerah_nama)),
                "pihak_kedua_nip": _text(second.get("nip")),
                "pihak_kedua_pangkat": _text(second.get("pangkat")),
                "pihak_kedua_jabatan": _text(
                    second.get("jabatan", self.pemda.kepala_daerah_jabatan)
                ),
            },
            frozen=signed,
        )
        keep_sasaran = []
        urutan = 0
        for s, item in enumerate(self.items(self.require(data, "sasaran", where), where)):
            ws = f"{where}.sasaran[{s}]"
            tujuan, sasaran = self.find_renstra_goal(renstra, item.get("sasaran_renstra"), ws)
            row = self.put(
                SasaranPK,
                self.tenant(perjanjian=pk, urutan=s + 1),
                {"uraian": self.require(item, "uraian", ws), "tujuan": tujuan, "sasaran": sasaran},
                frozen=signed,
            )
            keep_sasaran.append(row.pk)
            keep_target = []
            for i, ind in enumerate(self.items(self.require(item, "indikator", ws), ws)):
                wi = f"{ws}.indikator[{i}]"
                indikator = self.indicator(self.require(ind, "kode", wi), wi)
                target, target_atas = self.target(self.require(ind, "target", wi), wi)
                self.check_value(indikator, target, f"{wi} target {indikator.kode}")
                urutan += 1
                keep_target.append(
                    self.put(
                        TargetPK,
                        self.tenant(sasaran_pk=row, indikator=indikator),
                        {"urutan": urutan, "target": target, "target_atas": target_atas},
                        frozen=signed,
                    ).pk
                )
            self.prune(
                TargetPK.objects.filter(pemda=self.pemda, sasaran_pk=row),
                keep_target,
                lambda _row: signed,
            )
        self.prune(
            SasaranPK.objects.filter(pemda=self.pemda, perjanjian=pk),
            keep_sasaran,
            lambda _row: signed,
        )

    # --- realisasi kinerja ----------------------------------------------------------------

    def load_realisasi_kinerja(self, data: dict, where: str):
        indikator = self.indicator(self.require(data, "kode", where), where)
        tahun = self.whole(self.require(data, "tahun", where), where, "tahun")
        w = f"{where} {indikator.kode} {tahun}"
        quarters = data.get("triwulan")
        if not isinstance(quarters, list) or len(quarters) != 4:
            raise DatasetError(w, _("triwulan harus daftar empat nilai [I, II, III, IV]"))
        keep = []
        for triwulan, value in enumerate(quarters, start=1):
            if value is None:
                continue
            nilai = self.number(
                value, w, _("realisasi triwulan %(triwulan)s") % {"triwulan": triwulan}
            )
            self.check_value(indikator, nilai, f"{w} triwulan {triwulan}")
            keep.append(
                self.put(
                    RealisasiKinerja,
                    self.tenant(indikator=indikator, tahun=tahun, triwulan=triwulan),
                    {"nilai": nilai, "keterangan": _text(data.get("keterangan"))},
                    frozen=self.frozen_quarter(tahun, triwulan),
                ).pk
            )
        self.prune(
            RealisasiKinerja.objects.filter(pemda=self.pemda, indikator=indikator, tahun=tahun),
            keep,
            lambda row: self.frozen_quarter(row.tahun, row.triwulan),
        )

    # --- the written parts of the LKjIP ---------------------------------------------------

    def load_laporan(self, data: dict, where: str):
        from sakip.pelaporan.models import LaporanTahunan

        tahun = self.whole(self.require(data, "tahun", where), where, "tahun")
        self.put(
            LaporanTahunan,
            self.tenant(opd=self.opd, tahun=tahun),
            {
                "tempat": _text(data.get("tempat")),
                "tanggal": self.date(data.get("tanggal"), where),
                **{
                    part: _lines(data.get(part), f"{where}.{part}")
                    for part in (
                        "kata_pengantar",
                        "penyebab",
                        "permasalahan",
                        "langkah_antisipatif",
                        "rekomendasi",
                    )
                },
            },
        )
