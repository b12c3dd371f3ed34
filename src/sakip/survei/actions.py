"""Every write of the SKM goes through here: services, the wording of the nine unsur, survey
periods, one-time codes, responses (public form, paper grid, XLSX import) and their voiding.
Each checks the role, validates, saves with history and logs the event, in one transaction."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.organisasi import limits
from sakip.organisasi.access import Refusals, akun_of, require_role
from sakip.organisasi.concurrency import save_if_unchanged
from sakip.organisasi.models import Akun, Peristiwa
from sakip.survei.isian import baca_respons
from sakip.survei.models import KodeSekali, Layanan, PeriodeSurvei, PertanyaanUnsur, Respons
from sakip.survei.standar import STANDAR_UNSUR
from sakip.survei.tautan import perbarui_realisasi, perbarui_tahun

Peran = Akun.Peran
PENGELOLA = (Peran.ADMIN_PEMDA, Peran.OPERATOR, Peran.PIMPINAN)

KELOLA_SURVEI = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat mengelola survei kepuasan masyarakat."),
    own_opd=gettext_lazy("Anda hanya dapat mengelola survei kepuasan OPD Anda sendiri."),
)
INPUT_KUESIONER = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat menginput atau membatalkan kuesioner SKM."),
    own_opd=gettext_lazy("Anda hanya dapat menginput kuesioner SKM OPD Anda sendiri."),
)

# one-time codes: 8 characters without look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G)
KODE_ABJAD = "ACDEFHJKMNPRTUVWXY3479"
KODE_PANJANG = 8
KODE_MAKS_SEKALI = 2000
DUPLIKAT_JENDELA = timedelta(hours=24)
POPULASI_MAKS = 100_000_000  # more than any service's recipients in a period


class Duplikat(ValidationError):
    """The same respondent (same address, service, answers and profile) answered already."""


class KodeDitolak(ValidationError):
    """A typed one-time code that does not count: unknown, of another service, or used. Each
    refusal counts toward the address's rate limit, so codes cannot be guessed at speed."""


def can_manage(akun: Akun, opd) -> bool:
    if akun.pemda_id != opd.pemda_id or akun.peran not in PENGELOLA:
        return False
    return akun.peran == Peran.ADMIN_PEMDA or akun.opd_id == opd.pk


def require_pengelola_of(user, opd, refusal: Refusals = KELOLA_SURVEI) -> Akun:
    """Operator and pimpinan of the OPD, or the pemda's admin; evaluators and readers only read."""
    akun = akun_of(user)
    if akun.pemda_id != opd.pemda_id:
        raise Http404(_("OPD tidak ditemukan."))
    require_role(akun, *PENGELOLA, refusal=refusal.role)
    if not can_manage(akun, opd):
        raise PermissionDenied(refusal.own_opd)
    return akun


def _log(opd, jenis: str, user, objek: str, alasan: str = "") -> None:
    Peristiwa.objects.create(
        pemda=opd.pemda, opd=opd, jenis=jenis, objek=objek[:300], alasan=alasan, oleh=user
    )


# --- the nine unsur ----------------------------------------------------------------------------


def unsur_of(opd) -> list[PertanyaanUnsur]:
    """The OPD's wording of U1…U9; the regulation's for any not stored yet (unsaved rows)."""
    stored = {u.kode: u for u in PertanyaanUnsur.objects.filter(pemda=opd.pemda, opd=opd)}
    return [stored.get(kode) or _standar(opd, kode) for kode, *_rest in STANDAR_UNSUR]


def _standar(opd, kode: str) -> PertanyaanUnsur:
    _kode, nama, pertanyaan, labels = next(row for row in STANDAR_UNSUR if row[0] == kode)
    return PertanyaanUnsur(
        pemda=opd.pemda,
        opd=opd,
        kode=kode,
        nama=nama,
        pertanyaan=pertanyaan,
        label_1=labels[0],
        label_2=labels[1],
        label_3=labels[2],
        label_4=labels[3],
        versi=0,
    )


def siapkan_unsur(opd) -> None:
    """Store the regulation's wording for every unsur the OPD has not stored yet (the first
    service does this; a loader may too). No role check: the caller has made it."""
    for unsur in unsur_of(opd):
        if unsur.pk is None:
            unsur.versi = 1
            unsur._change_reason = _("pertanyaan standar PermenPAN-RB 14/2017")
            unsur.save()


def ubah_unsur(user, opd, changes: dict[str, dict]) -> None:
    """changes: kode -> {pertanyaan, label_1…label_4, versi}. The kode and nama of an unsur are
    the regulation's and stay; only the wording shown to respondents changes."""
    require_pengelola_of(user, opd)
    errors = {}
    with transaction.atomic():
        for unsur in unsur_of(opd):
            new = changes.get(unsur.kode)
            if new is None:
                continue
            texts = [new.get(f, "").strip() for f in ("pertanyaan", *_LABELS)]
            if not all(texts):
                errors[f"{unsur.kode}-pertanyaan"] = _(
                    "Pertanyaan dan keempat pilihan jawaban %(kode)s wajib diisi."
                ) % {"kode": unsur.kode}
                continue
            too_long = _too_long_texts(unsur.kode, texts)
            if too_long:
                errors.update(too_long)
                continue
            unsur.pertanyaan = texts[0]
            unsur.label_1, unsur.label_2, unsur.label_3, unsur.label_4 = texts[1:]
            versi = new.get("versi")
            save_if_unchanged(unsur, None if unsur.pk is None else versi, _("diubah pengelola"))
        if errors:
            raise ValidationError(errors)


_LABELS = ("label_1", "label_2", "label_3", "label_4")


def _too_long_texts(kode: str, texts: list[str]) -> dict:
    """{form field: refusal} for each wording of unsur `kode` longer than its column."""
    found = {}
    for name, text in zip(("pertanyaan", *_LABELS), texts, strict=True):
        limit = PertanyaanUnsur._meta.get_field(name).max_length
        if len(text) > limit:
            label = (
                _("pertanyaan %(kode)s") % {"kode": kode}
                if name == "pertanyaan"
                else _("jawaban %(n)s %(kode)s") % {"n": name[-1], "kode": kode}
            )
            found[f"{kode}-{name}"] = limits.too_long(limit, len(text), label)
    return found


# --- services ----------------------------------------------------------------------------------


def _nama_layanan(nama: str) -> str:
    limit = Layanan._meta.get_field("nama").max_length
    nama = limits.check_text(nama, limit, "nama", _("nama layanan"))
    if not nama:
        raise ValidationError({"nama": _("Nama layanan wajib diisi, mis. “KTP dan KK”.")})
    return nama


def layanan_baru(opd, kode: str, nama: str, urutan: int) -> Layanan:
    """An unsaved service with its own unguessable public token."""
    return Layanan(
        pemda=opd.pemda,
        opd=opd,
        kode=kode,
        nama=nama,
        urutan=urutan,
        token=secrets.token_urlsafe(12),
    )


def tambah_layanan(user, opd, nama: str) -> Layanan:
    """A new service with its own public link; the nine unsur are seeded on the first one."""
    require_pengelola_of(user, opd)
    nama = _nama_layanan(nama)
    with transaction.atomic():
        existing = Layanan.objects.filter(pemda=opd.pemda, opd=opd)
        if existing.filter(nama__iexact=nama).exists():
            raise ValidationError({"nama": _("Layanan “%(nama)s” sudah ada.") % {"nama": nama}})
        base = slugify(nama)[:50] or "layanan"
        kode, n = base, 2
        taken = set(existing.values_list("kode", flat=True))
        while kode in taken:
            kode, n = f"{base}-{n}", n + 1
        urutan = max(existing.values_list("urutan", flat=True), default=0) + 1
        layanan = layanan_baru(opd, kode, nama, urutan)
        save_if_unchanged(layanan, None, _("layanan ditambahkan"))
        siapkan_unsur(opd)
        return layanan


def ubah_layanan(user, layanan: Layanan, nama: str, urutan: int, aktif: bool, versi: int):
    """Rename, reorder or (de)activate a service; its link stays the same."""
    opd = layanan.opd
    require_pengelola_of(user, opd)
    nama = _nama_layanan(nama)
    with transaction.atomic():
        clash = Layanan.objects.filter(pemda=opd.pemda, opd=opd, nama__iexact=nama).exclude(
            pk=layanan.pk
        )
        if clash.exists():
            raise ValidationError({"nama": _("Layanan “%(nama)s” sudah ada.") % {"nama": nama}})
        layanan.nama, layanan.urutan, layanan.aktif = nama, urutan, aktif
        save_if_unchanged(layanan, versi, _("diubah pengelola"))
    return layanan


# --- periods -----------------------------------------------------------------------------------


def rentang_bawaan(tahun: int, jenis: str) -> tuple[date, date]:
    if jenis == PeriodeSurvei.Jenis.SEMESTER_1:
        return date(tahun, 1, 1), date(tahun, 6, 30)
    if jenis == PeriodeSurvei.Jenis.SEMESTER_2:
        return date(tahun, 7, 1), date(tahun, 12, 31)
    return date(tahun, 1, 1), date(tahun, 12, 31)


def _check_periode(opd, periode: PeriodeSurvei) -> None:
    errors = {}
    tahun = periode.tahun
    for field in ("mulai", "selesai"):
        value = getattr(periode, field)
        if value is None:
            errors[field] = _("Tanggal wajib diisi.")
        elif value.year != tahun:
            errors[field] = _("Tanggal harus di dalam tahun %(tahun)s.") % {"tahun": tahun}
    if not errors and periode.selesai < periode.mulai:
        errors["selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if periode.populasi is not None and periode.populasi < 1:
        errors["populasi"] = _("Populasi paling sedikit 1 orang, atau kosongkan.")
    elif periode.populasi is not None and periode.populasi > POPULASI_MAKS:
        errors["populasi"] = _(
            "Populasi paling banyak 100.000.000 orang; periksa angka yang diketik."
        )
    if errors:
        raise ValidationError(errors)
    others = PeriodeSurvei.objects.filter(pemda=opd.pemda, opd=opd).exclude(pk=periode.pk)
    same = others.filter(tahun=tahun, jenis=periode.jenis).first()
    if same:
        raise ValidationError({"jenis": _("Periode %(periode)s sudah ada.") % {"periode": same}})
    overlap = others.filter(mulai__lte=periode.selesai, selesai__gte=periode.mulai).first()
    if overlap:
        raise ValidationError(
            {
                "mulai": _(
                    "Tanggalnya bertumpuk dengan periode %(periode)s (%(mulai)s–%(selesai)s): "
                    "satu hari hanya boleh masuk satu periode."
                )
                % {
                    "periode": overlap,
                    "mulai": overlap.mulai.strftime("%d-%m-%Y"),
                    "selesai": overlap.selesai.strftime("%d-%m-%Y"),
                }
            }
        )
    tahunan = PeriodeSurvei.Jenis.TAHUN
    same_year = others.filter(tahun=tahun)
    if periode.jenis == tahunan:
        mix = same_year.exclude(jenis=tahunan)
    else:
        mix = same_year.filter(jenis=tahunan)
    if clash := mix.first():
        raise ValidationError(
            {
                "jenis": _(
                    "Tahun %(tahun)s sudah punya periode %(periode)s. Satu tahun disurvei "
                    "per semester (Semester I untuk TW II, Semester I dan II bersama untuk TW IV) "
                    "atau sekali setahun (Tahunan untuk TW IV), tidak keduanya."
                )
                % {"tahun": tahun, "periode": clash}
            }
        )


def simpan_periode(user, opd, data: dict, periode: PeriodeSurvei | None = None) -> PeriodeSurvei:
    """Create (periode None) or change a survey period; opening or closing it is logged."""
    require_pengelola_of(user, opd)
    with transaction.atomic():
        was_open = periode.dibuka if periode else None
        before = (periode.jenis, periode.tahun) if periode else None
        if periode is None:
            periode = PeriodeSurvei(pemda=opd.pemda, opd=opd, tahun=data["tahun"])
        elif before != (data["jenis"], data["tahun"]):
            _check_pindah(periode)
        periode.jenis, periode.tahun = data["jenis"], data["tahun"]
        periode.mulai, periode.selesai = data["mulai"], data["selesai"]
        periode.populasi = data.get("populasi")
        periode.dibuka = bool(data.get("dibuka"))
        periode.wajib_kode = bool(data.get("wajib_kode"))
        _check_periode(opd, periode)
        try:
            with transaction.atomic():
                save_if_unchanged(periode, data.get("versi"), _("diubah pengelola"))
        except IntegrityError as error:  # a concurrent twin of the same jenis and year
            raise ValidationError(
                {"jenis": _("Periode %(periode)s sudah ada.") % {"periode": periode}}
            ) from error
        if was_open != periode.dibuka:
            jenis = (
                Peristiwa.Jenis.SKM_PERIODE_DIBUKA
                if periode.dibuka
                else Peristiwa.Jenis.SKM_PERIODE_DITUTUP
            )
            _log(opd, jenis, user, _("SKM %(periode)s") % {"periode": periode})
        if before is not None and before != (periode.jenis, periode.tahun):
            # the period feeds other quarters now: the old year's and the new year's follow
            for tahun in sorted({before[1], periode.tahun}):
                perbarui_tahun(opd.pemda_id, opd.pk, tahun)
        return periode


def _check_pindah(periode: PeriodeSurvei) -> None:
    """A period's kind or year decides which quarter its IKM feeds: not changed once answered."""
    n = Respons.objects.filter(pemda_id=periode.pemda_id, periode=periode).count()
    if n:
        raise ValidationError(
            {
                "jenis": _(
                    "Jenis dan tahun periode %(periode)s tidak dapat diubah karena sudah ada "
                    "%(n)s respons: responsnya dijawab untuk periode itu dan IKM-nya sudah "
                    "masuk ke triwulannya. Buat periode baru untuk jenis atau tahun yang lain."
                )
                % {"periode": periode, "n": n}
            }
        )


# --- one-time codes ----------------------------------------------------------------------------


def normalisasi_kode(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def tampil_kode(kode: str) -> str:
    """ACDE-FHJK: two groups of four are easier to copy from a receipt."""
    return f"{kode[:4]}-{kode[4:]}" if len(kode) == KODE_PANJANG else kode


def buat_kode(user, periode: PeriodeSurvei, jumlah: int, layanan: Layanan | None = None):
    """A batch of `jumlah` fresh codes for the period (and one service, when given)."""
    opd = periode.opd
    require_pengelola_of(user, opd)
    if not 1 <= jumlah <= KODE_MAKS_SEKALI:
        raise ValidationError(
            {"jumlah": _("Jumlah kode 1 sampai %(max)s sekali buat.") % {"max": KODE_MAKS_SEKALI}}
        )
    if layanan is not None and layanan.opd_id != opd.pk:
        raise ValidationError({"layanan": _("Layanan itu bukan layanan OPD ini.")})
    with transaction.atomic():
        taken = set(
            KodeSekali.objects.filter(pemda=opd.pemda, periode=periode).values_list(
                "kode", flat=True
            )
        )
        fresh: set[str] = set()
        while len(fresh) < jumlah:
            kode = "".join(secrets.choice(KODE_ABJAD) for _i in range(KODE_PANJANG))
            if kode not in taken:
                fresh.add(kode)
        rows = [
            KodeSekali(pemda=opd.pemda, periode=periode, layanan=layanan, kode=kode)
            for kode in sorted(fresh)
        ]
        KodeSekali.objects.bulk_create(rows)
        return rows


# --- responses ---------------------------------------------------------------------------------


def _isi(periode: PeriodeSurvei, layanan: Layanan, saluran: str, clean: dict) -> dict:
    """The fields of a new response: its tenant, period, service, channel and answers."""
    return {
        "pemda_id": periode.pemda_id,
        "opd_id": periode.opd_id,
        "periode": periode,
        "layanan": layanan,
        "saluran": saluran,
        **clean,
    }


def _check_layanan(periode: PeriodeSurvei, layanan: Layanan) -> None:
    if layanan is None or layanan.opd_id != periode.opd_id:
        raise ValidationError({"layanan": _("Pilih layanan OPD ini.")})


def kirim_respons(layanan: Layanan, periode: PeriodeSurvei, values: dict, kode: str, sidik: str):
    """A response from the public form: everything valid, the code (if any) unused and of this
    service, not a duplicate; the code is marked used in the same transaction, under a row
    lock, so two submissions racing with one code cannot both count.

    With a valid code the fingerprint is not checked: the code already makes the response
    count once, and two citizens behind one address may well give the same answers. Without a
    code the service's row is locked before the duplicate check, so two identical submissions
    sent at the same moment are checked one after the other (the second sees the first)."""
    clean = baca_respons(values)
    kode = normalisasi_kode(kode)
    with transaction.atomic():
        kode_row = _kode_berlaku(layanan, periode, kode) if kode else None
        if kode_row is None and periode.wajib_kode:
            raise ValidationError(
                {"kode": _("Isi kode sekali pakai yang tercetak pada tanda terima layanan.")}
            )
        if kode_row is None and sidik:
            Layanan.objects.select_for_update().filter(pk=layanan.pk).first()
            since = timezone.now() - DUPLIKAT_JENDELA
            if Respons.objects.filter(
                pemda_id=layanan.pemda_id, sidik=sidik, diterima__gte=since, dibatalkan=False
            ).exists():
                raise Duplikat(_("Jawaban yang sama sudah kami terima hari ini."))
        respons = Respons.objects.create(
            **_isi(periode, layanan, Respons.Saluran.DARING, clean),
            kode_sekali=kode_row,
            sidik=sidik,
        )
        if kode_row is not None:
            kode_row.dipakai = respons.diterima
            kode_row.save(update_fields=["dipakai"])
        perbarui_realisasi(periode)  # the IKM-linked indicators follow (survei.tautan)
        return respons


def _kode_berlaku(layanan: Layanan, periode: PeriodeSurvei, kode: str) -> KodeSekali:
    """The period's unused code of this service (or of every service), locked; KodeDitolak
    otherwise."""
    kode_row = (
        KodeSekali.objects.select_for_update()
        .filter(pemda_id=layanan.pemda_id, periode=periode, kode=kode)
        .first()
    )
    if kode_row is None:
        raise KodeDitolak(
            {"kode": _("Kode tidak dikenal. Periksa kembali kode pada tanda terima.")}
        )
    if kode_row.layanan_id and kode_row.layanan_id != layanan.pk:
        raise KodeDitolak({"kode": _("Kode ini untuk layanan lain.")})
    if kode_row.dipakai:
        raise KodeDitolak(
            {"kode": _("Kode ini sudah dipakai. Setiap kode hanya berlaku satu kali.")}
        )
    return kode_row


def simpan_respons_kertas(user, periode: PeriodeSurvei, layanan: Layanan, values: dict):
    """One paper questionnaire typed in by an operator."""
    require_pengelola_of(user, periode.opd, INPUT_KUESIONER)
    clean = baca_respons(values)
    _check_layanan(periode, layanan)
    with transaction.atomic():
        respons = Respons.objects.create(
            **_isi(periode, layanan, Respons.Saluran.KERTAS, clean), diinput_oleh=user
        )
        perbarui_realisasi(periode)
        return respons


def batalkan_respons(user, respons: Respons, alasan: str) -> Respons:
    """Void a mistaken or abusive response (never deleted): it no longer counts."""
    opd = respons.opd
    require_pengelola_of(user, opd, INPUT_KUESIONER)
    alasan = limits.check_text(alasan, limits.ALASAN, "alasan", _("alasan pembatalan"))
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan pembatalan.")})
    with transaction.atomic():
        locked = Respons.objects.select_for_update().get(pk=respons.pk)
        if locked.dibatalkan:
            raise ValidationError(_("Respons ini sudah dibatalkan."))
        locked.dibatalkan, locked.alasan_batal = True, alasan
        locked.dibatalkan_oleh, locked.dibatalkan_pada = user, timezone.now()
        locked.save(
            update_fields=["dibatalkan", "alasan_batal", "dibatalkan_oleh", "dibatalkan_pada"]
        )
        _log(
            opd,
            Peristiwa.Jenis.SKM_RESPONS_DIBATALKAN,
            user,
            _("Respons SKM #%(id)s (%(layanan)s, %(periode)s)")
            % {"id": locked.pk, "layanan": locked.layanan.nama, "periode": locked.periode},
            alasan,
        )
        perbarui_realisasi(locked.periode)
        return locked


def terapkan_impor(user, periode: PeriodeSurvei, rows: list[tuple[Layanan, dict]], berkas: str):
    """All the rows of a checked XLSX file, in one transaction: all or nothing."""
    require_pengelola_of(user, periode.opd, INPUT_KUESIONER)
    if not rows:
        raise ValidationError(_("Berkas tidak berisi satu baris kuesioner pun."))
    with transaction.atomic():
        created = Respons.objects.bulk_create(
            [
                Respons(**_isi(periode, layanan, Respons.Saluran.IMPOR, clean), diinput_oleh=user)
                for layanan, clean in rows
            ]
        )
        _log(
            periode.opd,
            Peristiwa.Jenis.SKM_IMPOR,
            user,
            _("%(n)s kuesioner SKM %(periode)s dari %(berkas)s")
            % {"n": len(created), "periode": periode, "berkas": berkas},
        )
        perbarui_realisasi(periode)
        return len(created)
