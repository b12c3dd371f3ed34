"""Every write of an Evaluasi AKIP goes through here: check the role, validate, save with
history, log the event, in one transaction. Views stay thin.

Who writes what:
- admin SAKIP opens an evaluation for an OPD-year and names its evaluator and ketua tim;
- the OPD (operator, pimpinan) writes its self-assessment and evidence, submits it, and writes
  the follow-up of each recommendation once the result is published;
- the assigned evaluator (or the ketua tim) grades each criterion with a note, writes the
  recommendations, submits to the ketua tim, and accepts or returns a follow-up;
- the ketua tim returns the grading with a note or publishes: the score is frozen and the
  Nilai SAKIP indicator of the OPD receives it (sakip.pengukuran.linked)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from sakip.evaluasi import evidence, scoring
from sakip.evaluasi.instrument import latest_for
from sakip.evaluasi.models import (
    BuktiDukung,
    Evaluasi,
    JawabanKriteria,
    KomponenLke,
    KriteriaLke,
    Rekomendasi,
    TindakLanjut,
)
from sakip.formulas.numbers import format_angka
from sakip.organisasi import limits
from sakip.organisasi.access import akun_of, require_role
from sakip.organisasi.concurrency import CONFLICT, EditConflict, save_if_unchanged
from sakip.organisasi.models import Akun, Peristiwa
from sakip.pengukuran.linked import (
    LinkResult,
    linked_indicators,
    record_linked_realisasi,
    triwulan_for_period,
)
from sakip.perencanaan.models import Indikator

Peran = Akun.Peran
Status = Evaluasi.Status
OPD_WRITERS = (Peran.OPERATOR, Peran.PIMPINAN)
VERSI_TAK_TERBACA = gettext_lazy(
    "Versi isian tidak terbaca. Muat ulang halaman, periksa nilainya, lalu simpan lagi."
)


def event_key(tahun: int, internal: bool = False) -> str:
    """The key the pages look an evaluation's events up by (not translated). The steps between
    evaluator and ketua tim are internal to the team: the OPD reads them only once the result is
    published (`access.can_see_result`), like the grades and notes themselves."""
    return f"Evaluasi AKIP tahun {tahun}" + (" (internal tim evaluasi)" if internal else "")


def _log(evaluasi: Evaluasi, jenis: str, user, alasan: str = "", internal: bool = False) -> None:
    Peristiwa.objects.create(
        pemda=evaluasi.pemda,
        opd=evaluasi.opd,
        jenis=jenis,
        oleh=user,
        alasan=alasan,
        objek=event_key(evaluasi.tahun, internal),
    )


def _locked(evaluasi: Evaluasi) -> Evaluasi:
    return Evaluasi.objects.select_for_update().get(pk=evaluasi.pk)


def nomor(value, field: str, sentence: str) -> int | None:
    """A row id typed by the browser: ASCII digits only ("²".isdigit() is True, int("²") is
    not a number), empty is None, anything else the Indonesian `sentence` on `field`."""
    typed = "" if value is None else str(value).strip()
    if not typed:
        return None
    if typed.isascii() and typed.isdigit():
        return int(typed)
    raise ValidationError({field: sentence})


def _status_refusal(evaluasi: Evaluasi, sentence: str) -> ValidationError:
    return ValidationError(sentence % {"status": evaluasi.get_status_display().lower()})


def require_opd_of(user, evaluasi: Evaluasi, refusal: str) -> Akun:
    akun = akun_of(user)
    require_role(akun, *OPD_WRITERS, refusal=refusal)
    if akun.opd_id != evaluasi.opd_id:
        raise PermissionDenied(_("Anda hanya dapat mengisi evaluasi OPD Anda sendiri."))
    return akun


def is_assigned(user, evaluasi: Evaluasi) -> bool:
    return user.pk in (evaluasi.evaluator_id, evaluasi.ketua_tim_id)


def require_evaluator_of(user, evaluasi: Evaluasi, refusal: str) -> Akun:
    """The evaluator or ketua tim assigned to this evaluation."""
    akun = akun_of(user)
    require_role(akun, Peran.EVALUATOR, refusal=refusal)
    if not is_assigned(user, evaluasi):
        raise PermissionDenied(
            _("Anda bukan evaluator yang ditugaskan pada evaluasi %(opd)s tahun %(tahun)s.")
            % {"opd": evaluasi.opd.nama, "tahun": evaluasi.tahun}
        )
    return akun


def require_ketua_of(user, evaluasi: Evaluasi, refusal: str) -> Akun:
    akun = akun_of(user)
    require_role(akun, Peran.EVALUATOR, refusal=refusal)
    if user.pk != evaluasi.ketua_tim_id:
        raise PermissionDenied(
            _("Hanya ketua tim evaluasi %(opd)s tahun %(tahun)s yang dapat melakukannya.")
            % {"opd": evaluasi.opd.nama, "tahun": evaluasi.tahun}
        )
    return akun


# --- opening -----------------------------------------------------------------------------------


def _evaluator_account(pemda, user_id, label: str):
    user_id = nomor(user_id, label, _("Pilih akun evaluator (Inspektorat) aktif dari pemda ini."))
    found = (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True, akun__pemda=pemda, akun__peran=Peran.EVALUATOR)
        .first()
    )
    if found is None:
        raise ValidationError(
            {label: _("Pilih akun evaluator (Inspektorat) aktif dari pemda ini.")}
        )
    return found


def buka_evaluasi(user, opd, tahun: int, evaluator_id, ketua_tim_id) -> Evaluasi:
    """Open the evaluation of an OPD-year with the newest instrument version of the pemda."""
    akun = akun_of(user)
    require_role(
        akun, Peran.ADMIN_PEMDA, refusal=_("Hanya %(allowed)s yang dapat membuka evaluasi AKIP.")
    )
    if opd.pemda_id != akun.pemda_id:
        raise PermissionDenied(_("OPD ini bukan bagian dari pemda Anda."))
    evaluator = _evaluator_account(opd.pemda, evaluator_id, "evaluator")
    ketua = _evaluator_account(opd.pemda, ketua_tim_id, "ketua_tim")
    if evaluator.pk == ketua.pk:
        raise ValidationError(
            {
                "ketua_tim": _(
                    "Ketua tim harus akun lain dari evaluator: hasil evaluasi direviu orang lain."
                )
            }
        )
    try:
        with transaction.atomic():
            return _buka(user, opd, tahun, evaluator, ketua)
    except IntegrityError:  # a second click while the first was opening it
        if Evaluasi.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).exists():
            raise ValidationError(_("Evaluasi OPD ini untuk tahun itu sudah dibuka.")) from None
        raise


def _buka(user, opd, tahun: int, evaluator, ketua) -> Evaluasi:
    if Evaluasi.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).exists():
        raise ValidationError(
            _("Evaluasi AKIP %(opd)s tahun %(tahun)s sudah dibuka.")
            % {"opd": opd.nama, "tahun": tahun}
        )
    instrumen = latest_for(opd.pemda)
    evaluasi = Evaluasi(
        pemda=opd.pemda,
        opd=opd,
        tahun=tahun,
        instrumen=instrumen,
        evaluator=evaluator,
        ketua_tim=ketua,
    )
    save_if_unchanged(evaluasi, None, _("evaluasi dibuka"))
    kriteria = KriteriaLke.objects.filter(
        pemda=opd.pemda, sub_komponen__komponen__instrumen=instrumen
    )
    bulk_create_with_history(
        [JawabanKriteria(pemda=opd.pemda, evaluasi=evaluasi, kriteria=k) for k in kriteria],
        JawabanKriteria,
        default_user=user,
        default_change_reason=_("evaluasi dibuka"),
    )
    _log(evaluasi, Peristiwa.Jenis.EVALUASI_DIBUKA, user, str(instrumen))
    return evaluasi


# --- criterion answers -----------------------------------------------------------------------


def _grade(evaluasi: Evaluasi, nilai: str, field: str) -> str:
    nilai = (nilai or "").strip().upper()
    allowed = list(evaluasi.instrumen.jawaban.values_list("huruf", flat=True))
    if nilai and nilai not in allowed:
        raise ValidationError(
            {
                field: _("Nilai %(nilai)s tidak dikenal; pilih salah satu: %(pilihan)s.")
                % {"nilai": nilai, "pilihan": ", ".join(allowed)}
            }
        )
    return nilai


def _save_own(jawaban: JawabanKriteria, versi: int | None, fields: dict, reason: str):
    """Write only the caller's own fields of the locked row (the OPD's or the evaluator's),
    never a stale copy of the other party's; refused when the row moved past `versi`."""
    if versi is None:
        raise ValidationError(str(VERSI_TAK_TERBACA))
    current = JawabanKriteria.objects.select_for_update().get(pk=jawaban.pk)
    if current.versi != versi:
        raise EditConflict(CONFLICT)
    for name, value in fields.items():
        setattr(current, name, value)
        setattr(jawaban, name, value)
    current.versi = jawaban.versi = versi + 1
    current._change_reason = reason
    current.save(update_fields=[*fields, "versi"])
    return jawaban


def simpan_mandiri(
    user, jawaban: JawabanKriteria, nilai: str, penjelasan: str, versi: int | None
) -> JawabanKriteria:
    """The OPD's self-assessment of one criterion (grade and explanation)."""
    evaluasi = jawaban.evaluasi
    require_opd_of(user, evaluasi, _("Hanya %(allowed)s yang dapat mengisi penilaian mandiri."))
    with transaction.atomic():
        evaluasi = _locked(evaluasi)
        if evaluasi.status != Status.PENILAIAN_MANDIRI:
            raise _status_refusal(
                evaluasi,
                _("Evaluasi berstatus %(status)s: penilaian mandiri tidak dapat diubah lagi."),
            )
        fields = {
            "nilai_mandiri": _grade(evaluasi, nilai, "nilai"),
            "penjelasan_mandiri": limits.check_text(
                penjelasan, limits.CATATAN, "teks", _("penjelasan")
            ),
        }
        return _save_own(jawaban, versi, fields, _("penilaian mandiri OPD"))


def simpan_penilaian(
    user, jawaban: JawabanKriteria, nilai: str, catatan: str, versi: int | None
) -> JawabanKriteria:
    """The evaluator's grade and note of one criterion; the first grade starts the grading."""
    evaluasi = jawaban.evaluasi
    require_evaluator_of(user, evaluasi, _("Hanya %(allowed)s yang dapat memberi nilai evaluator."))
    with transaction.atomic():
        evaluasi = _locked(evaluasi)
        if evaluasi.status not in (Status.DIAJUKAN, Status.DIEVALUASI):
            raise _status_refusal(
                evaluasi, _("Evaluasi berstatus %(status)s: nilai evaluator tidak dapat diubah.")
            )
        fields = {
            "nilai_evaluator": _grade(evaluasi, nilai, "nilai"),
            "catatan_evaluator": limits.check_text(
                catatan, limits.CATATAN, "teks", _("catatan evaluator")
            ),
        }
        jawaban = _save_own(jawaban, versi, fields, _("nilai evaluator"))
        if evaluasi.status == Status.DIAJUKAN:
            evaluasi.status = Status.DIEVALUASI
            save_if_unchanged(evaluasi, None, _("evaluator mulai menilai"))
        return jawaban


# --- evidence ----------------------------------------------------------------------------------


def _require_evidence_writer(user, evaluasi: Evaluasi) -> Evaluasi:
    """Inside the transaction: the evaluation locked, still open to the OPD's evidence (not the
    copy loaded at the start of the request, which a submission may have overtaken)."""
    require_opd_of(user, evaluasi, _("Hanya %(allowed)s yang dapat menambah bukti dukung."))
    evaluasi = _locked(evaluasi)
    if evaluasi.status != Status.PENILAIAN_MANDIRI:
        raise _status_refusal(
            evaluasi, _("Evaluasi berstatus %(status)s: bukti dukung tidak dapat diubah lagi.")
        )
    return evaluasi


def tambah_rujukan(user, jawaban: JawabanKriteria, kunci: str) -> BuktiDukung:
    """Evidence that is a record of sakip, chosen from evidence.pilihan_rujukan."""
    evaluasi = jawaban.evaluasi
    pilihan = dict(evidence.pilihan_rujukan(evaluasi))
    with transaction.atomic():
        _require_evidence_writer(user, evaluasi)
        if kunci not in pilihan:
            raise ValidationError({"rujukan": _("Pilih data sakip dari daftar.")})
        bukti = BuktiDukung(
            pemda=evaluasi.pemda,
            jawaban=jawaban,
            jenis=BuktiDukung.Jenis.RUJUKAN,
            rujukan=kunci,
            judul=pilihan[kunci],
            oleh=user,
        )
        bukti._change_reason = _("bukti dukung ditambahkan")
        bukti.save()
        return bukti


def _store_upload(evaluasi: Evaluasi, upload, written: list, **owner) -> BuktiDukung:
    checked = evidence.check_upload(upload)
    bukti = BuktiDukung(
        pemda=evaluasi.pemda,
        jenis=BuktiDukung.Jenis.BERKAS,
        judul=checked.nama,
        nama_berkas=checked.nama,
        ukuran=checked.ukuran,
        tipe=checked.tipe,
        **owner,
    )
    bukti.berkas = evidence.store(evaluasi, upload, checked)
    written.append(bukti.berkas)
    bukti._change_reason = _("berkas bukti dukung diunggah")
    bukti.save()
    return bukti


def unggah_bukti(user, jawaban: JawabanKriteria, upload) -> BuktiDukung:
    evaluasi = jawaban.evaluasi
    with evidence.removed_unless_committed() as written:
        with transaction.atomic():
            _require_evidence_writer(user, evaluasi)
            return _store_upload(evaluasi, upload, written, jawaban=jawaban, oleh=user)


def hapus_bukti(user, bukti: BuktiDukung, evaluasi: Evaluasi) -> None:
    if bukti.tindak_lanjut_id:
        tindak_lanjut = bukti.tindak_lanjut
        require_opd_of(user, evaluasi, _("Hanya %(allowed)s yang dapat menghapus bukti dukung."))
        if tindak_lanjut.status != TindakLanjut.Status.DIAJUKAN or (
            tindak_lanjut.rekomendasi.status != Rekomendasi.Status.MENUNGGU
        ):
            raise ValidationError(_("Bukti tindak lanjut yang sudah dinilai tidak dapat dihapus."))
    with transaction.atomic():
        if not bukti.tindak_lanjut_id:
            _require_evidence_writer(user, evaluasi)
        bukti._change_reason = _("bukti dukung dihapus")
        bukti.delete()  # its file goes once this commits (signals.py); a rollback keeps it


# --- the flow ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    allowed_from: tuple
    to: str
    event: str
    status_refusal: str
    internal: bool = False  # between evaluator and ketua tim: not for the OPD before publication


STEPS = {
    "ajukan": Step(
        (Status.PENILAIAN_MANDIRI,),
        Status.DIAJUKAN,
        Peristiwa.Jenis.EVALUASI_DIAJUKAN,
        gettext_lazy("Evaluasi berstatus %(status)s: penilaian mandiri tidak dapat diajukan."),
    ),
    "kembalikan_opd": Step(
        (Status.DIAJUKAN, Status.DIEVALUASI),
        Status.PENILAIAN_MANDIRI,
        Peristiwa.Jenis.EVALUASI_DIKEMBALIKAN,
        gettext_lazy("Evaluasi berstatus %(status)s: tidak dapat dikembalikan ke OPD."),
    ),
    "reviu": Step(
        (Status.DIEVALUASI,),
        Status.DIREVIU,
        Peristiwa.Jenis.EVALUASI_DIREVIU,
        gettext_lazy("Evaluasi berstatus %(status)s: tidak dapat diajukan ke ketua tim."),
        internal=True,
    ),
    "kembalikan": Step(
        (Status.DIREVIU,),
        Status.DIEVALUASI,
        Peristiwa.Jenis.EVALUASI_DIKEMBALIKAN,
        gettext_lazy("Evaluasi berstatus %(status)s: tidak dapat dikembalikan ke evaluator."),
        internal=True,
    ),
    "publikasikan": Step(
        (Status.DIREVIU,),
        Status.DIPUBLIKASIKAN,
        Peristiwa.Jenis.EVALUASI_DIPUBLIKASIKAN,
        gettext_lazy("Evaluasi berstatus %(status)s: tidak dapat dipublikasikan."),
    ),
}


def _check_actor(user, evaluasi: Evaluasi, langkah: str) -> None:
    if langkah == "ajukan":
        require_opd_of(
            user, evaluasi, _("Hanya %(allowed)s yang dapat mengajukan penilaian mandiri.")
        )
    elif langkah in ("kembalikan_opd", "reviu"):
        require_evaluator_of(
            user, evaluasi, _("Hanya %(allowed)s yang dapat melakukan langkah evaluasi ini.")
        )
    else:
        require_ketua_of(user, evaluasi, _("Hanya %(allowed)s yang dapat mereviu hasil evaluasi."))


def _missing(rows, field: str) -> list[str]:
    return [row.kriteria.kode for row in rows if not getattr(row, field)]


def _require_complete(evaluasi: Evaluasi, field: str, sentence: str) -> None:
    missing = _missing(scoring.rows_of(evaluasi), field)
    if missing:
        shown = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
        raise ValidationError(sentence % {"jumlah": len(missing), "kriteria": shown})


@dataclass(frozen=True)
class Moved:
    evaluasi: Evaluasi
    links: tuple[LinkResult, ...] = ()


def langkah(user, evaluasi: Evaluasi, nama: str, catatan: str = "") -> Moved:
    """Take one step of the flow (a key of STEPS)."""
    step = STEPS[nama]
    _check_actor(user, evaluasi, nama)
    # only the returns carry a note; the others take none, so nothing typed there is shown
    catatan = (
        limits.check_text(catatan, limits.CATATAN, "catatan", _("catatan"))
        if nama in ("kembalikan_opd", "kembalikan")
        else ""
    )
    if nama in ("kembalikan_opd", "kembalikan") and not catatan:
        raise ValidationError({"catatan": _("Tulis catatan: apa yang harus diperbaiki.")})
    with transaction.atomic():
        evaluasi = _locked(evaluasi)
        if evaluasi.status not in step.allowed_from:
            raise _status_refusal(evaluasi, str(step.status_refusal))
        now = timezone.now()
        if nama == "ajukan":
            _require_complete(
                evaluasi,
                "nilai_mandiri",
                _("%(jumlah)s kriteria belum dinilai mandiri: %(kriteria)s."),
            )
            evaluasi.diajukan_pada, evaluasi.catatan_pengembalian = now, ""
        elif nama == "kembalikan_opd":
            evaluasi.catatan_pengembalian = catatan
        elif nama == "reviu":
            _require_complete(
                evaluasi,
                "nilai_evaluator",
                _("%(jumlah)s kriteria belum diberi nilai evaluator: %(kriteria)s."),
            )
            evaluasi.direviu_pada, evaluasi.catatan_reviu = now, ""
        elif nama == "kembalikan":
            evaluasi.catatan_reviu = catatan
        evaluasi.status = step.to
        links: tuple[LinkResult, ...] = ()
        if nama == "publikasikan":
            result = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.EVALUATOR)
            if result.total is None:
                raise ValidationError(result.reason)
            evaluasi.nilai_akhir = scoring.frozen_total(result.total)
            evaluasi.predikat = result.predikat or ""
            evaluasi.dipublikasikan_pada = now
        save_if_unchanged(evaluasi, None, f"{step.event}: {catatan}".rstrip(": "))
        _log(evaluasi, step.event, user, catatan, internal=step.internal)
        if nama == "publikasikan":
            links = tuliskan_nilai_sakip(evaluasi)
        return Moved(evaluasi, links)


def sumber_text(evaluasi: Evaluasi) -> str:
    # stored on the realisation and in its history: says where the value came from
    tanggal = date_format(timezone.localtime(evaluasi.dipublikasikan_pada), "j F Y")
    return _("Evaluasi AKIP %(tahun)s (%(instrumen)s), diterbitkan %(tanggal)s") % {
        "tahun": evaluasi.tahun,
        "instrumen": _instrument_label(evaluasi),
        "tanggal": tanggal,
    }


def _instrument_label(evaluasi: Evaluasi) -> str:
    kode = evaluasi.instrumen.kode
    if kode == "LKE-AKIP-88-2021":
        return "LKE PermenPAN-RB 88/2021"
    return f"{kode} versi {evaluasi.instrumen.versi}"


def tuliskan_nilai_sakip(evaluasi: Evaluasi) -> tuple[LinkResult, ...]:
    """The published total into TW IV of the year of every OPD indicator linked to the LKE."""
    if not evaluasi.dipublikasikan or evaluasi.nilai_akhir is None:
        return ()
    triwulan = triwulan_for_period("tahun")
    return tuple(
        record_linked_realisasi(
            indikator, evaluasi.tahun, triwulan, evaluasi.nilai_akhir, sumber_text(evaluasi)
        )
        for indikator in linked_indicators(evaluasi.opd, Indikator.SumberRealisasi.LKE)
    )


# --- recommendations and follow-up --------------------------------------------------------------


def tambah_rekomendasi(user, evaluasi: Evaluasi, uraian: str, komponen_id=None) -> Rekomendasi:
    require_evaluator_of(user, evaluasi, _("Hanya %(allowed)s yang dapat menulis rekomendasi."))
    uraian = limits.check_text(uraian, limits.CATATAN, "uraian", _("rekomendasi"))
    if not uraian:
        raise ValidationError({"uraian": _("Tulis rekomendasinya.")})
    komponen = None
    komponen_id = nomor(komponen_id, "komponen", _("Pilih komponen dari daftar."))
    if komponen_id:
        komponen = KomponenLke.objects.filter(
            pemda=evaluasi.pemda, instrumen=evaluasi.instrumen_id, pk=komponen_id
        ).first()
        if komponen is None:
            raise ValidationError({"komponen": _("Pilih komponen dari daftar.")})
    with transaction.atomic():
        evaluasi = _locked(evaluasi)
        if evaluasi.status in (Status.PENILAIAN_MANDIRI, Status.DIPUBLIKASIKAN):
            raise _status_refusal(
                evaluasi, _("Evaluasi berstatus %(status)s: rekomendasi tidak dapat ditambah.")
            )
        last = evaluasi.rekomendasi.order_by("-urutan").values_list("urutan", flat=True).first()
        rekomendasi = Rekomendasi(
            pemda=evaluasi.pemda,
            evaluasi=evaluasi,
            komponen=komponen,
            urutan=(last or 0) + 1,
            uraian=uraian,
        )
        save_if_unchanged(rekomendasi, None, _("rekomendasi ditulis"))
        return rekomendasi


def ajukan_tindak_lanjut(user, rekomendasi: Rekomendasi, uraian: str, upload=None) -> TindakLanjut:
    """The OPD's follow-up of a recommendation of a published evaluation, with an optional file."""
    evaluasi = Evaluasi.objects.select_related("opd", "pemda").get(pk=rekomendasi.evaluasi_id)
    require_opd_of(user, evaluasi, _("Hanya %(allowed)s yang dapat menulis tindak lanjut."))
    uraian = limits.check_text(uraian, limits.CATATAN, "uraian", _("tindak lanjut"))
    if not uraian:
        raise ValidationError({"uraian": _("Tulis tindak lanjut yang sudah dilakukan.")})
    if not evaluasi.dipublikasikan:
        raise ValidationError(_("Tindak lanjut ditulis setelah hasil evaluasi dipublikasikan."))
    with evidence.removed_unless_committed() as written, transaction.atomic():
        rekomendasi = Rekomendasi.objects.select_for_update().get(pk=rekomendasi.pk)
        if rekomendasi.status != Rekomendasi.Status.TERBUKA:
            raise ValidationError(
                _("Rekomendasi ini berstatus %(status)s: tindak lanjut baru tidak diperlukan.")
                % {"status": rekomendasi.get_status_display().lower()}
            )
        tindak_lanjut = TindakLanjut(
            pemda=evaluasi.pemda, rekomendasi=rekomendasi, uraian=uraian, oleh=user
        )
        save_if_unchanged(tindak_lanjut, None, _("tindak lanjut diajukan OPD"))
        if upload is not None:
            _store_upload(evaluasi, upload, written, tindak_lanjut=tindak_lanjut, oleh=user)
        rekomendasi.status = Rekomendasi.Status.MENUNGGU
        save_if_unchanged(rekomendasi, None, _("tindak lanjut diajukan OPD"))
        return tindak_lanjut


def nilai_tindak_lanjut(user, rekomendasi: Rekomendasi, terima: bool, catatan: str) -> TindakLanjut:
    """The evaluator accepts the latest follow-up (the recommendation is closed) or returns it."""
    evaluasi = rekomendasi.evaluasi
    require_evaluator_of(user, evaluasi, _("Hanya %(allowed)s yang dapat menilai tindak lanjut."))
    catatan = limits.check_text(catatan, limits.CATATAN, "catatan", _("catatan"))
    if not terima and not catatan:
        raise ValidationError({"catatan": _("Tulis apa yang masih kurang dari tindak lanjut ini.")})
    with transaction.atomic():
        rekomendasi = Rekomendasi.objects.select_for_update().get(pk=rekomendasi.pk)
        tindak_lanjut = rekomendasi.tindak_lanjut.filter(status=TindakLanjut.Status.DIAJUKAN).last()
        if rekomendasi.status != Rekomendasi.Status.MENUNGGU or tindak_lanjut is None:
            raise ValidationError(_("Tidak ada tindak lanjut yang menunggu penilaian."))
        tindak_lanjut.status = (
            TindakLanjut.Status.DITERIMA if terima else TindakLanjut.Status.DIKEMBALIKAN
        )
        tindak_lanjut.catatan_evaluator = catatan
        reason = _("tindak lanjut diterima") if terima else _("tindak lanjut dikembalikan")
        save_if_unchanged(tindak_lanjut, None, reason)
        rekomendasi.status = Rekomendasi.Status.SELESAI if terima else Rekomendasi.Status.TERBUKA
        save_if_unchanged(rekomendasi, None, reason)
        if terima:
            _log(
                evaluasi,
                Peristiwa.Jenis.TINDAK_LANJUT_DITUTUP,
                user,
                _("Rekomendasi %(n)s: %(catatan)s") % {"n": rekomendasi.urutan, "catatan": catatan}
                if catatan
                else _("Rekomendasi %(n)s") % {"n": rekomendasi.urutan},
            )
        return tindak_lanjut


def skor_text(total) -> str:
    return format_angka(total, 2) if total is not None else "–"
