"""Every write to the OPD profile of LKjIP Bab I goes through here: the standing facts of the
OPD, the units of its struktur organisasi, the yearly profile (wilayah and narratives), its
tables (pegawai by golongan and by jabatan, sarana-prasarana) and the copy of a year from the
one before.

Who may: the planners of the OPD, by the rule that guards its plan
(sakip.perencanaan.actions.require_planner_of). Each write validates, saves with its history
row (django-simple-history, with a reason) in one transaction."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.organisasi.access import Refusals
from sakip.organisasi.concurrency import delete_if_unchanged, save_if_unchanged
from sakip.organisasi.limits import change_reason, check_limits
from sakip.organisasi.models import (
    PegawaiGolongan,
    PegawaiJabatan,
    PerangkatDaerah,
    ProfilTahunan,
    Sarpras,
    UnitKerja,
)
from sakip.perencanaan.actions import require_planner_of

UBAH_PROFIL = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat mengubah profil OPD."),
    own_opd=gettext_lazy("Anda hanya dapat mengubah profil OPD Anda sendiri."),
)

OPD_FIELDS = ("urusan", "alamat", "dasar_pembentukan", "tugas", "fungsi")
UNIT_FIELDS = ("nama", "induk", "uraian_tugas", "tugas")
COUNT_FIELDS = (
    "jumlah_desa",
    "jumlah_kelurahan",
    "jumlah_dusun",
    "jumlah_rw",
    "jumlah_rt",
    "jumlah_penduduk",
    "jumlah_kk",
)
PROFIL_FIELDS = (
    *COUNT_FIELDS,
    "luas_km2",
    "batas_utara",
    "batas_timur",
    "batas_selatan",
    "batas_barat",
    "kondisi_wilayah",
    "latar_belakang",
    "landasan_hukum",
    "fungsi_strategis",
    "isu_strategis",
    "tantangan",
    "peluang",
)
# a table of the yearly profile: (model, its key column, its count columns, its text columns)
TABEL = {
    "golongan": (PegawaiGolongan, "golongan", ("jumlah",), ("pangkat",)),
    "jabatan": (PegawaiJabatan, "jabatan", ("formasi", "terisi"), ("eselon", "keterangan")),
    "sarpras": (Sarpras, "nama", ("jumlah",), ("satuan", "keterangan")),
}
LUAS_MAX = Decimal("1e10")  # max_digits 12, decimal_places 2


def require_profile_editor(user, opd: PerangkatDaerah) -> None:
    require_planner_of(user, opd, UBAH_PROFIL)


def _check_count(value, field: str) -> None:
    """Forms already refuse these with a hint; writes that do not come through a form too."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({field: _("Harus bilangan bulat, misalnya 12 atau 50.918.")})
    if value < 0:
        raise ValidationError({field: _("Tidak boleh negatif: tulis 0 atau bilangan positif.")})


# --- standing facts --------------------------------------------------------------------------


def simpan_profil_opd(user, opd: PerangkatDaerah, data: dict) -> PerangkatDaerah:
    """Urusan, alamat, dasar pembentukan, tugas and fungsi of the OPD. Only these columns are
    written: a rename made at the same time by the admin pemda is kept."""
    require_profile_editor(user, opd)
    with transaction.atomic():
        opd = PerangkatDaerah.objects.select_for_update().get(pk=opd.pk)
        for field in OPD_FIELDS:
            value = data.get(field)
            setattr(opd, field, value if value is not None else ([] if field == "fungsi" else ""))
        check_limits(opd, OPD_FIELDS)
        opd.save(update_fields=OPD_FIELDS)
        return opd


# --- struktur organisasi ---------------------------------------------------------------------


def _check_unit(opd, unit: UnitKerja | None, data: dict) -> None:
    nama = (data.get("nama") or "").strip()
    if not nama:
        raise ValidationError({"nama": _("Tulis nama unit.")})
    same_name = UnitKerja.objects.filter(pemda=opd.pemda, opd=opd, nama=nama)
    if unit is not None:
        same_name = same_name.exclude(pk=unit.pk)
    if same_name.exists():
        raise ValidationError(
            {"nama": _("Unit “%(nama)s” sudah ada di OPD ini: pakai nama lain.") % {"nama": nama}}
        )
    induk = data.get("induk")
    if induk is None:
        return
    if induk.pemda_id != opd.pemda_id or induk.opd_id != opd.pk:
        raise ValidationError({"induk": _("Pilih unit atasan dari daftar unit OPD ini.")})
    if unit is not None:
        above = induk
        while above is not None:  # the new parent may not be the unit or one of its sub-units
            if above.pk == unit.pk:
                raise ValidationError(
                    {
                        "induk": _(
                            "%(induk)s berada di bawah %(unit)s: sebuah unit tidak dapat "
                            "ditempatkan di bawah dirinya sendiri atau unit bawahannya."
                        )
                        % {"induk": induk.nama, "unit": unit.nama}
                    }
                )
            above = above.induk


def _fill_unit(unit: UnitKerja, data: dict) -> None:
    unit.nama = data["nama"].strip()
    unit.induk = data.get("induk")
    unit.uraian_tugas = (data.get("uraian_tugas") or "").strip()
    unit.tugas = list(data.get("tugas") or [])


def tambah_unit_kerja(user, opd: PerangkatDaerah, data: dict) -> UnitKerja:
    """A new unit, placed after the last unit of the OPD."""
    require_profile_editor(user, opd)
    _check_unit(opd, None, data)
    with transaction.atomic():
        last = UnitKerja.objects.filter(pemda=opd.pemda, opd=opd).aggregate(last=Max("urutan"))
        unit = UnitKerja(pemda=opd.pemda, opd=opd, urutan=(last["last"] or 0) + 1)
        _fill_unit(unit, data)
        save_if_unchanged(unit, None, _("unit kerja ditambahkan"))
        return unit


def simpan_unit_kerja(user, unit: UnitKerja, data: dict, versi) -> UnitKerja:
    require_profile_editor(user, unit.opd)
    _check_unit(unit.opd, unit, data)
    with transaction.atomic():
        _fill_unit(unit, data)
        save_if_unchanged(unit, versi, _("unit kerja diubah"))
        return unit


def hapus_unit_kerja(user, unit: UnitKerja, versi) -> None:
    """Refused while the unit still has sub-units: their place would be lost with it."""
    require_profile_editor(user, unit.opd)
    with transaction.atomic():
        below = list(
            UnitKerja.objects.filter(pemda=unit.pemda, induk=unit).values_list("nama", flat=True)
        )
        if below:
            raise ValidationError(
                _(
                    "%(unit)s tidak dapat dihapus karena masih membawahi %(bawahan)s. Pindahkan "
                    "unit-unit itu ke atasan lain atau hapus lebih dulu."
                )
                % {"unit": unit.nama, "bawahan": ", ".join(below)}
            )
        delete_if_unchanged(unit, versi, _("unit kerja dihapus"))


def geser_unit_kerja(user, unit: UnitKerja, arah: str) -> None:
    """Move the unit one place up ("naik") or down ("turun") in the order Bab I lists them."""
    require_profile_editor(user, unit.opd)
    if arah not in ("naik", "turun"):
        raise ValidationError(_("Arah geser tidak dikenal."))
    with transaction.atomic():
        units = list(
            UnitKerja.objects.select_for_update()
            .filter(pemda=unit.pemda, opd=unit.opd_id)
            .order_by("urutan", "pk")
        )
        place = next(i for i, u in enumerate(units) if u.pk == unit.pk)
        other = place - 1 if arah == "naik" else place + 1
        if not 0 <= other < len(units):
            return  # already first (or last)
        units[place], units[other] = units[other], units[place]
        for position, row in enumerate(units, start=1):
            if row.urutan != position:
                row.urutan = position
                save_if_unchanged(row, None, _("urutan unit diubah"))


# --- the yearly profile ----------------------------------------------------------------------


def _check_profil(data: dict) -> None:
    for field in COUNT_FIELDS:
        _check_count(data.get(field), field)
    luas = data.get("luas_km2")
    if luas is not None:
        if luas < 0:
            raise ValidationError({"luas_km2": _("Luas wilayah tidak boleh negatif.")})
        if luas >= LUAS_MAX or luas != luas.quantize(Decimal("0.01")):
            raise ValidationError(
                {"luas_km2": _("Tulis luas dengan paling banyak 2 angka desimal, mis. 183,62.")}
            )


def simpan_profil(user, opd: PerangkatDaerah, tahun: int, data: dict, versi) -> ProfilTahunan:
    """Wilayah and narratives of one year; the first save of a year creates its profile."""
    require_profile_editor(user, opd)
    _check_profil(data)
    with transaction.atomic():
        profil = ProfilTahunan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).first()
        if profil is None:
            profil = ProfilTahunan(pemda=opd.pemda, opd=opd, tahun=tahun)
        for field in PROFIL_FIELDS:
            value = data.get(field)
            if isinstance(value, str):
                value = value.strip()
            elif value is None and field not in (*COUNT_FIELDS, "luas_km2"):
                value = [] if isinstance(getattr(profil, field), list) else ""
            setattr(profil, field, value)
        save_if_unchanged(profil, versi, _("profil %(tahun)s diubah") % {"tahun": tahun})
        return profil


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _check_rows(tabel: str, rows: list[dict], profil: ProfilTahunan) -> None:
    model, key, counts, _texts = TABEL[tabel]
    known = set(
        model.objects.filter(pemda=profil.pemda, profil=profil).values_list("pk", flat=True)
    )
    seen = set()
    for number, row in enumerate(rows, start=1):
        if row.get("id") is not None and row["id"] not in known:
            raise ValidationError(
                _("Baris %(baris)s sudah tidak ada: muat ulang halaman.") % {"baris": number}
            )
        if row.get("hapus"):
            continue
        name = (row.get(key) or "").strip()
        if not name:
            raise ValidationError(
                _("Baris %(baris)s: kolom %(kolom)s wajib diisi.")
                % {"baris": number, "kolom": _label(model, key)}
            )
        if name.casefold() in seen:
            raise ValidationError(
                _("“%(nama)s” tertulis dua kali: satukan barisnya.") % {"nama": name}
            )
        seen.add(name.casefold())
        for field in counts:
            if row.get(field) is None:
                raise ValidationError(
                    _("Baris %(baris)s: %(kolom)s wajib diisi (boleh 0).")
                    % {"baris": number, "kolom": _label(model, field)}
                )
            try:
                _check_count(row[field], field)
            except ValidationError as error:
                raise ValidationError(
                    _("Baris %(baris)s, %(kolom)s: %(masalah)s")
                    % {"baris": number, "kolom": _label(model, field), "masalah": error.messages[0]}
                ) from None


def simpan_tabel_profil(user, profil: ProfilTahunan, tabel: str, rows: list[dict]) -> int:
    """Save a whole table at once, all or nothing: rows with an id are changed (or removed when
    `hapus`), rows without one are added; the order is the order posted. Returns the number of
    rows changed, added or removed."""
    require_profile_editor(user, profil.opd)
    if tabel not in TABEL:
        raise ValidationError(_("Tabel profil tidak dikenal."))
    model, key, counts, texts = TABEL[tabel]
    _check_rows(tabel, rows, profil)
    reason = _("tabel %(tabel)s profil %(tahun)s") % {"tabel": tabel, "tahun": profil.tahun}
    touched = 0
    with transaction.atomic():
        stored = {r.pk: r for r in model.objects.filter(pemda=profil.pemda, profil=profil)}
        removed = [stored[row["id"]] for row in rows if row.get("hapus") and row.get("id")]
        for row in removed:
            row._change_reason = change_reason(reason)
            row.delete()
            touched += 1
        kept = [row for row in rows if not row.get("hapus")]
        for position, values in enumerate(kept, start=1):
            row = stored.get(values.get("id")) or model(pemda=profil.pemda, profil=profil)
            new = {
                "urutan": position,
                key: values[key].strip(),
                **{field: values[field] for field in counts},
                **{field: (values.get(field) or "").strip() for field in texts},
            }
            if row.pk is not None and all(getattr(row, f) == v for f, v in new.items()):
                continue
            for field, value in new.items():
                setattr(row, field, value)
            check_limits(row)
            row._change_reason = change_reason(reason)
            row.save()
            touched += 1
        return touched


# --- a new year from the one before ------------------------------------------------------------


def salin_profil(user, opd: PerangkatDaerah, tahun: int) -> ProfilTahunan:
    """Year `tahun` starts as a copy of the latest earlier year: wilayah, narratives and every
    table. Refused when the year already has a profile (nothing is overwritten)."""
    require_profile_editor(user, opd)
    with transaction.atomic():
        if ProfilTahunan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).exists():
            raise ValidationError(
                _("Profil %(tahun)s sudah ada: ubah langsung isinya, tidak disalin ulang.")
                % {"tahun": tahun}
            )
        source = (
            ProfilTahunan.objects.filter(pemda=opd.pemda, opd=opd, tahun__lt=tahun)
            .order_by("-tahun")
            .first()
        )
        if source is None:
            raise ValidationError(
                _("Belum ada profil tahun sebelum %(tahun)s untuk disalin: isi profilnya langsung.")
                % {"tahun": tahun}
            )
        reason = change_reason(_("disalin dari profil %(dari)s") % {"dari": source.tahun})
        copy = ProfilTahunan(pemda=opd.pemda, opd=opd, tahun=tahun)
        for field in PROFIL_FIELDS:
            value = getattr(source, field)
            setattr(copy, field, list(value) if isinstance(value, list) else value)
        copy._change_reason = reason
        copy.save()
        for model, key, counts, texts in TABEL.values():
            for row in model.objects.filter(pemda=opd.pemda, profil=source).order_by("urutan"):
                new = model(
                    pemda=opd.pemda,
                    profil=copy,
                    urutan=row.urutan,
                    **{f: getattr(row, f) for f in (key, *counts, *texts)},
                )
                new._change_reason = reason
                new.save()
        return copy
