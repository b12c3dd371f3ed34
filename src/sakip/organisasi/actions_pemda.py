"""The pemda's set-up by its SAKIP admin: its OPDs (create, change, deactivate, reactivate) and
its settings (predicate scale, capaian cap, efficiency method, kepala daerah).

Each write checks the role, validates with a message that says what to do, saves and writes
its event (`Peristiwa`: what changed from what to what) in one transaction.

An OPD's slug is fixed once the OPD is created: it is in every URL, bookmark and data file of
the OPD, so a rename changes the nama and singkatan only. A deactivated OPD leaves the lists
where new work starts (the home list, the OPD of a new account); its records stay readable.
An OPD with active accounts cannot be deactivated: the refusal names them."""

from dataclasses import replace
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sakip.dataset.loader import default_color
from sakip.formulas.numbers import format_angka
from sakip.formulas.predikat import SKALA_BLORA, Band, PredikatScale
from sakip.formulas.result import FormulaInputError
from sakip.organisasi.access import akun_of, require_role
from sakip.organisasi.limits import check_limits
from sakip.organisasi.models import (
    Akun,
    Pemda,
    PerangkatDaerah,
    Peristiwa,
    RentangPredikat,
    SkalaPredikat,
)
from sakip.organisasi.orang import bersihkan_nip

SLUG_MAX = 50  # PerangkatDaerah.slug
BATAS_CAPAIAN_MIN = Decimal(100)  # a cap below 100 % would mark a met target as missed

# the OPD's fields an admin writes, with their labels for messages and the event log
OPD_FIELDS = (
    ("jenis", gettext_lazy("Jenis")),
    ("nama", gettext_lazy("Nama")),
    ("singkatan", gettext_lazy("Singkatan")),
    ("alamat", gettext_lazy("Alamat")),
    ("urusan", gettext_lazy("Urusan")),
    ("kepala_nama", gettext_lazy("Nama kepala")),
    ("kepala_nip", gettext_lazy("NIP kepala")),
    ("kepala_pangkat", gettext_lazy("Pangkat/golongan kepala")),
    ("kepala_jabatan", gettext_lazy("Jabatan kepala")),
)
PENGATURAN_FIELDS = (
    ("batas_capaian", gettext_lazy("Batas capaian")),
    ("metode_efisiensi", gettext_lazy("Metode efisiensi")),
    ("kepala_daerah_nama", gettext_lazy("Nama kepala daerah")),
    ("kepala_daerah_jabatan", gettext_lazy("Jabatan kepala daerah")),
)


def require_admin_pemda(user, refusal: str) -> Akun:
    akun = akun_of(user)
    require_role(akun, Akun.Peran.ADMIN_PEMDA, refusal=refusal)
    return akun


def refusal_opd() -> str:
    # Translators: %(allowed)s lists the roles that may, e.g. "Admin SAKIP pemda".
    return _("Hanya %(allowed)s yang dapat mengelola perangkat daerah.")


def refusal_pengaturan() -> str:
    # Translators: %(allowed)s lists the roles that may, e.g. "Admin SAKIP pemda".
    return _("Hanya %(allowed)s yang dapat mengubah pengaturan pemda.")


def _log(user, pemda, jenis: str, objek: str, opd=None, alasan: str = "") -> None:
    Peristiwa.objects.create(
        pemda=pemda, opd=opd, jenis=jenis, objek=objek[:300], oleh=user, alasan=alasan
    )


def _shown(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        return format_angka(value, 2)
    return str(value)


def _changes(before: dict, after: dict, fields) -> list[str]:
    return [
        f"{label}: {_shown(before[name])} → {_shown(after[name])}"
        for name, label in fields
        if before[name] != after[name]
    ]


# --- OPD ----------------------------------------------------------------------------------


def usul_slug(pemda: Pemda, nama: str) -> str:
    """A slug from the name, free in the pemda: "Dinas Kesehatan" → dinas-kesehatan, then
    dinas-kesehatan-2 when that one is taken."""
    base = slugify(nama)[:SLUG_MAX].strip("-") or "opd"
    taken = set(
        PerangkatDaerah.objects.filter(pemda=pemda, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug, n = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix, n + 1
    return slug


def _opd_values(data: dict) -> dict:
    values = {name: (str(data.get(name) or "")).strip() for name, _label in OPD_FIELDS}
    errors = {}
    if not values["nama"]:
        errors["nama"] = _("Nama OPD wajib diisi, mis. Dinas Kesehatan.")
    if values["jenis"] not in PerangkatDaerah.Jenis.values:
        errors["jenis"] = _("Pilih jenis OPD dari daftar.")
    try:
        values["kepala_nip"] = bersihkan_nip(values["kepala_nip"], field="kepala_nip")
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return values


def _slug(pemda: Pemda, typed: str, nama: str) -> str:
    slug = (typed or "").strip().lower()
    if not slug:
        return usul_slug(pemda, nama)
    if len(slug) > SLUG_MAX:
        raise ValidationError(
            {"slug": _("Slug paling banyak %(batas)s karakter.") % {"batas": SLUG_MAX}}
        )
    try:
        validate_slug(slug)
    except ValidationError:
        raise ValidationError(
            {
                "slug": _(
                    "Slug hanya boleh berisi huruf kecil, angka dan tanda hubung (-), tanpa "
                    "spasi. Contoh: dinas-kesehatan."
                )
            }
        ) from None
    taken = PerangkatDaerah.objects.filter(pemda=pemda, slug=slug).first()
    if taken is not None:
        raise ValidationError(
            {
                "slug": _("Slug '%(slug)s' sudah dipakai %(opd)s. Pilih slug lain, mis. %(usul)s.")
                % {"slug": slug, "opd": taken.nama, "usul": usul_slug(pemda, slug)}
            }
        )
    return slug


def tambah_opd(user, data: dict) -> PerangkatDaerah:
    """A new OPD of the admin's pemda; `data` holds the OPD_FIELDS and an optional slug
    (empty: proposed from the name)."""
    admin = require_admin_pemda(user, refusal_opd())
    values = _opd_values(data)
    with transaction.atomic():
        slug = _slug(admin.pemda, data.get("slug", ""), values["nama"])
        opd = PerangkatDaerah(pemda=admin.pemda, slug=slug, aktif=True, **values)
        check_limits(opd)
        opd.save()
        _log(user, admin.pemda, Peristiwa.Jenis.OPD_DIBUAT, f"OPD {opd.nama} ({slug})", opd)
    return opd


def simpan_opd(user, opd: PerangkatDaerah, data: dict) -> list[str]:
    """Change the OPD's name, jenis, address and kepala (its slug stays). Returns what changed."""
    admin = require_admin_pemda(user, refusal_opd())
    if opd.pemda_id != admin.pemda_id:
        raise PermissionDenied(_("OPD itu bukan bagian dari pemda Anda."))
    after = _opd_values(data)
    before = {name: getattr(opd, name) for name, _label in OPD_FIELDS}
    changes = _changes(before, after, OPD_FIELDS)
    if not changes:
        return []
    with transaction.atomic():
        for name, value in after.items():
            setattr(opd, name, value)
        check_limits(opd, list(after))
        opd.save(update_fields=list(after))
        _log(
            user,
            admin.pemda,
            Peristiwa.Jenis.OPD_DIUBAH,
            f"OPD {opd.nama} ({opd.slug})",
            opd,
            "; ".join(changes),
        )
    return changes


def ubah_status_opd(user, opd: PerangkatDaerah, aktif: bool) -> None:
    admin = require_admin_pemda(user, refusal_opd())
    if opd.pemda_id != admin.pemda_id:
        raise PermissionDenied(_("OPD itu bukan bagian dari pemda Anda."))
    if opd.aktif == aktif:
        return
    with transaction.atomic():
        if not aktif:
            active = list(
                Akun.objects.filter(pemda=admin.pemda, opd=opd, user__is_active=True)
                .order_by("user__username")
                .values_list("user__username", flat=True)
            )
            if active:
                raise ValidationError(
                    ngettext(
                        "%(opd)s masih dipakai %(jumlah)s akun aktif (%(akun)s). Nonaktifkan "
                        "akun itu dulu di halaman Akun pengguna, lalu nonaktifkan OPD-nya.",
                        "%(opd)s masih dipakai %(jumlah)s akun aktif (%(akun)s). Nonaktifkan "
                        "akun-akun itu dulu di halaman Akun pengguna, lalu nonaktifkan OPD-nya.",
                        len(active),
                    )
                    % {"opd": opd.nama, "jumlah": len(active), "akun": ", ".join(active)}
                )
        opd.aktif = aktif
        opd.save(update_fields=["aktif"])
        jenis = Peristiwa.Jenis.OPD_AKTIF if aktif else Peristiwa.Jenis.OPD_NONAKTIF
        _log(user, admin.pemda, jenis, f"OPD {opd.nama} ({opd.slug})", opd)


# --- settings -----------------------------------------------------------------------------


def pengaturan_of(pemda: Pemda) -> dict:
    return {name: getattr(pemda, name) for name, _label in PENGATURAN_FIELDS}


def simpan_pengaturan(user, data: dict) -> list[str]:
    """The capaian cap (None: no cap; at least 100), the efficiency method and the kepala
    daerah (the PK's pihak kedua). Returns what changed."""
    admin = require_admin_pemda(user, refusal_pengaturan())
    batas = data.get("batas_capaian")
    errors = {}
    if batas is not None and not (BATAS_CAPAIAN_MIN <= batas < Decimal(100_000)):
        errors["batas_capaian"] = _(
            "Batas capaian paling sedikit %(min)s (persen) dan kurang dari 100.000; kosongkan "
            "bila capaian tidak dibatasi."
        ) % {"min": format_angka(BATAS_CAPAIAN_MIN)}
    elif batas is not None and batas != round(batas, 2):
        errors["batas_capaian"] = _("Batas capaian paling banyak 2 angka di belakang koma.")
    if data.get("metode_efisiensi") not in Pemda.MetodeEfisiensi.values:
        errors["metode_efisiensi"] = _("Pilih metode efisiensi dari daftar.")
    if errors:
        raise ValidationError(errors)
    after = {
        "batas_capaian": batas,
        "metode_efisiensi": data["metode_efisiensi"],
        "kepala_daerah_nama": (data.get("kepala_daerah_nama") or "").strip(),
        "kepala_daerah_jabatan": (data.get("kepala_daerah_jabatan") or "").strip(),
    }
    with transaction.atomic():
        pemda = Pemda.objects.select_for_update().get(pk=admin.pemda_id)
        changes = _changes(pengaturan_of(pemda), after, PENGATURAN_FIELDS)
        if not changes:
            return []
        for name, value in after.items():
            setattr(pemda, name, value)
        check_limits(pemda, list(after))
        pemda.save(update_fields=list(after))
        _log(user, pemda, Peristiwa.Jenis.PENGATURAN_PEMDA, pemda.nama, None, "; ".join(changes))
    return changes


def skala_of(pemda: Pemda) -> PredikatScale | None:
    """The pemda's active scale as the measurement reads it; None when it has none (the
    measurement then uses the demo's, SKALA_BLORA)."""
    from sakip.pengukuran.measurement import scale_for

    scale = scale_for(pemda)
    return None if scale is SKALA_BLORA else scale


def _warna(text: str, index: int, count: int, label: str) -> str:
    text = (text or "").strip()
    if not text:
        return default_color(index, count)
    digits = text[1:]
    if not (
        text.startswith("#")
        and len(digits) == 6
        and all(c in "0123456789abcdefABCDEF" for c in digits)
    ):
        raise ValidationError(
            _(
                "Warna predikat %(label)s ditulis #rrggbb, mis. #1a7f37; kosongkan untuk warna bawaan."
            )
            % {"label": label}
        )
    return text.lower()


def _check_bound(bound: Decimal | None, label: str) -> None:
    """A bound fits RentangPredikat's columns: below 100.000.000, at most 4 decimals."""
    if bound is None:
        return
    if abs(bound) >= Decimal(100_000_000) or bound != round(bound, 4):
        raise ValidationError(
            _(
                "Batas predikat %(label)s harus kurang dari 100.000.000 dan paling banyak 4 "
                "angka di belakang koma."
            )
            % {"label": label}
        )


def _capital(message: str) -> str:
    return message[:1].upper() + message[1:]


def build_scale(nama: str, rentang: list[dict]) -> PredikatScale:
    """The scale typed on the settings page, checked by the formulas (no overlap, no gap, lower
    below upper), or a ValidationError that says which bands to fix. `rentang` rows hold label,
    batas_bawah, bawah_inklusif, batas_atas, atas_inklusif and warna, best band first."""
    nama = (nama or "").strip()
    if not nama:
        raise ValidationError({"nama": _("Nama skala wajib diisi, mis. Skala Predikat Kinerja.")})
    rows = [r for r in rentang if (r.get("label") or "").strip()]
    if not rows:
        raise ValidationError(_("Skala belum memiliki predikat: isi paling sedikit satu baris."))
    labels = [r["label"].strip() for r in rows]
    twice = sorted({label for label in labels if labels.count(label) > 1})
    if twice:
        raise ValidationError(
            _("Predikat %(label)s tertulis lebih dari sekali; setiap predikat harus berbeda.")
            % {"label": ", ".join(twice)}
        )
    bands = []
    try:
        for index, row in enumerate(rows):
            lower, upper = row.get("batas_bawah"), row.get("batas_atas")
            for bound in (lower, upper):
                _check_bound(bound, labels[index])
            bands.append(
                Band(
                    label=labels[index],
                    lower=lower,
                    # an unbounded end has no inclusive flag
                    lower_inclusive=lower is not None and bool(row.get("bawah_inklusif")),
                    upper=upper,
                    upper_inclusive=upper is not None and bool(row.get("atas_inklusif")),
                    color=_warna(row.get("warna", ""), index, len(rows), labels[index]),
                )
            )
        return PredikatScale(nama, tuple(bands))
    except FormulaInputError as error:
        raise ValidationError(_capital(str(error))) from None


def simpan_skala(user, nama: str, rentang: list[dict]) -> list[str]:
    """Replace the bands of the pemda's active scale (made if it has none). Returns the change
    for the log: the old and the new bands."""
    admin = require_admin_pemda(user, refusal_pengaturan())
    scale = build_scale(nama, rentang)
    with transaction.atomic():
        pemda = Pemda.objects.select_for_update().get(pk=admin.pemda_id)
        before = skala_of(pemda)
        if before is not None and before == scale:
            return []
        other = SkalaPredikat.objects.filter(pemda=pemda, nama=scale.name, aktif=False).first()
        if other is not None:
            raise ValidationError(
                {
                    "nama": _(
                        "Nama skala '%(nama)s' sudah dipakai skala lama pemda ini; pilih nama lain."
                    )
                    % {"nama": scale.name}
                }
            )
        simpan_skala_aktif(pemda, scale)
        change = _("Skala predikat: %(lama)s → %(baru)s") % {
            "lama": describe_scale(before) if before else _("(bawaan)"),
            "baru": describe_scale(scale),
        }
        _log(user, pemda, Peristiwa.Jenis.PENGATURAN_PEMDA, pemda.nama, None, change)
    return [change]


def simpan_skala_aktif(pemda: Pemda, scale: PredikatScale) -> SkalaPredikat:
    """Store `scale` (already validated) as the pemda's active scale, its bands replaced.
    No role check: for the actions above and the `pemda-baru` command."""
    skala = SkalaPredikat.objects.filter(pemda=pemda, aktif=True).first()
    if skala is None:
        skala = SkalaPredikat.objects.create(pemda=pemda, nama=scale.name, aktif=True)
    elif skala.nama != scale.name:
        skala.nama = scale.name
        skala.save(update_fields=["nama"])
    skala.rentang.all().delete()
    RentangPredikat.objects.bulk_create(
        RentangPredikat(
            pemda=pemda,
            skala=skala,
            urutan=urutan,
            label=band.label,
            batas_bawah=band.lower,
            bawah_inklusif=band.lower_inclusive,
            batas_atas=band.upper,
            atas_inklusif=band.upper_inclusive,
            warna=band.color,
        )
        for urutan, band in enumerate(scale.bands, start=1)
    )
    return skala


def describe_scale(scale: PredikatScale) -> str:
    return ", ".join(f"{band.label} {band.describe()}" for band in scale.bands)


DEFAULT_SCALE = SKALA_BLORA  # what a new pemda starts with: the demo's Tabel 3.1


# --- a new pemda (the `sakip pemda-baru` command) -----------------------------------------


def admin_username_for(slug: str) -> str:
    """The first admin's username, as the demo names it: kabupaten-blora → admin-blora."""
    return f"admin-{slug.split('-')[-1]}"


def buat_pemda(slug: str, nama: str, jenis: str, admin_username: str = "") -> tuple:
    """A pemda with the default predicate scale and its first SAKIP admin, whose generated
    password is returned (shown once): (pemda, admin user, password). No role check: for the
    command line, which the server's operator runs. Refused (ValidationError) when the slug or
    the username is taken."""
    from django.contrib.auth import get_user_model

    from sakip.demo.accounts import generate_password

    slug, nama = (slug or "").strip().lower(), (nama or "").strip()
    errors = {}
    try:
        validate_slug(slug)
    except ValidationError:
        errors["slug"] = _(
            "Slug hanya boleh berisi huruf kecil, angka dan tanda hubung (-), tanpa spasi. "
            "Contoh: kabupaten-blora."
        )
    if not nama:
        errors["nama"] = _("Nama pemda wajib diisi, mis. Kabupaten Blora.")
    if jenis not in Pemda.Jenis.values:
        errors["jenis"] = _("Jenis pemda salah satu dari: %(pilihan)s.") % {
            "pilihan": ", ".join(Pemda.Jenis.values)
        }
    if errors:
        raise ValidationError(errors)
    username = (admin_username or admin_username_for(slug)).strip().lower()
    User = get_user_model()
    with transaction.atomic():
        if Pemda.objects.filter(slug=slug).exists():
            raise ValidationError(
                {
                    "slug": _("Pemda dengan slug '%(slug)s' sudah ada; pilih slug lain.")
                    % {"slug": slug}
                }
            )
        if User.objects.filter(username=username).exists():
            raise ValidationError(
                {
                    "admin": _(
                        "Nama akun '%(username)s' sudah dipakai; pilih nama lain dengan --admin."
                    )
                    % {"username": username}
                }
            )
        pemda = Pemda(slug=slug, nama=nama, jenis=jenis)
        check_limits(pemda)
        pemda.save()
        # the bands of the demo's Tabel 3.1, under the pemda's own name (not Blora's)
        skala_awal = replace(DEFAULT_SCALE, name=_("Skala predikat %(pemda)s") % {"pemda": nama})
        simpan_skala_aktif(pemda, skala_awal)
        password = generate_password()
        user = User.objects.create_user(username=username, password=password)
        Akun.objects.create(user=user, pemda=pemda, peran=Akun.Peran.ADMIN_PEMDA)
        _log(None, pemda, Peristiwa.Jenis.PEMDA_DIBUAT, pemda.nama, None, f"admin: {username}")
    return pemda, user, password
