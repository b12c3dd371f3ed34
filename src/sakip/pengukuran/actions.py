"""Every write of quarterly realisations and of the quarter workflow goes through here:
each function checks the role, validates, saves with history and logs the event, in one
transaction. Views stay thin."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.formulas.capaian import Arah, capaian
from sakip.formulas.numbers import format_persen, format_rupiah
from sakip.formulas.triwulan import TipePenghitungan, aggregate_quarters
from sakip.organisasi import limits
from sakip.organisasi.access import Refusals, akun_of, require_role
from sakip.organisasi.concurrency import delete_if_unchanged, save_if_unchanged
from sakip.organisasi.models import Akun, Peristiwa
from sakip.pengukuran.linked import quarter_reopened
from sakip.pengukuran.measurement import scale_for, target_for
from sakip.pengukuran.models import PeriodeLaporan, RealisasiAnggaran, RealisasiKinerja
from sakip.pengukuran.rules import check_realisasi_kinerja
from sakip.perencanaan.models import Indikator, Pagu, SubKegiatan, VersiAnggaran

Peran = Akun.Peran
Status = PeriodeLaporan.Status


def periode_of(opd, tahun: int, triwulan: int, lock: bool = False) -> PeriodeLaporan:
    """The quarter's workflow row, created in draft on first use."""
    if not 1 <= triwulan <= 4:
        raise ValidationError(_("Triwulan harus 1 sampai 4."))
    rows = PeriodeLaporan.objects.select_for_update() if lock else PeriodeLaporan.objects
    periode, _created = rows.get_or_create(pemda=opd.pemda, opd=opd, tahun=tahun, triwulan=triwulan)
    return periode


def _require_editable(periode: PeriodeLaporan) -> None:
    if not periode.editable:
        raise ValidationError(
            _(
                "Triwulan %(triwulan)s tahun %(tahun)s berstatus %(status)s: nilainya tidak dapat "
                "diubah. Minta admin SAKIP membukanya kembali dengan alasan bila perlu dikoreksi."
            )
            % {
                "triwulan": periode.triwulan,
                "tahun": periode.tahun,
                "status": periode.get_status_display().lower(),
            }
        )


def require_operator_of(user, opd) -> Akun:
    akun = akun_of(user)
    require_role(akun, Peran.OPERATOR, refusal=_("Hanya %(allowed)s yang dapat mengisi realisasi."))
    if akun.opd_id != opd.pk:
        raise PermissionDenied(_("Anda hanya dapat mengisi realisasi OPD Anda sendiri."))
    return akun


def needs_explanation(indikator: Indikator, triwulan: int, quarters: dict, target, scale) -> str:
    """Why an explanation is required for this entry, or '' when it is not.

    A kumulatif indicator is judged only at triwulan IV: earlier its sum is naturally below
    the annual target."""
    if target is None:
        return ""
    if indikator.tipe_penghitungan == TipePenghitungan.KUMULATIF and triwulan < 4:
        return ""
    realisasi = aggregate_quarters(quarters, TipePenghitungan(indikator.tipe_penghitungan))
    if not realisasi.is_computed:
        return ""
    result = capaian(realisasi.value, target, Arah(indikator.arah))
    if not result.is_computed or result.value >= 100:
        return ""
    # below the band that holds 100 % (for Blora: below Baik), whatever the band's bounds
    met, reached = scale.classify(Decimal(100)), scale.classify(result.value)
    if reached == met:
        return ""
    return _(
        "Capaian %(capaian)s (%(predikat)s) di bawah rentang %(rentang)s: jelaskan penyebab dan "
        "langkah perbaikannya."
    ) % {"capaian": format_persen(result.value), "predikat": reached, "rentang": met}


LINKED_SOURCE = {
    Indikator.SumberRealisasi.SKM: gettext_lazy("hasil Survei Kepuasan Masyarakat (IKM)"),
    Indikator.SumberRealisasi.LKE: gettext_lazy("hasil Evaluasi AKIP yang dipublikasikan"),
}


def linked_refusal(indikator: Indikator) -> str:
    return _(
        "Realisasi %(indikator)s ditulis otomatis dari %(sumber)s. Untuk mengisinya sendiri, "
        "ubah sumber realisasinya di lembar indikator."
    ) % {"indikator": indikator.nama, "sumber": LINKED_SOURCE[indikator.sumber_realisasi]}


def simpan_realisasi_kinerja(
    user,
    indikator: Indikator,
    tahun: int,
    triwulan: int,
    nilai: Decimal | None,
    keterangan: str,
    versi: int | None,
    alasan: str = "",
) -> RealisasiKinerja | None:
    """Save (or, with nilai None, clear) one quarter's realisation of an indicator. `alasan`:
    the history's reason when not typed on the page, e.g. "impor realisasi.xlsx"."""
    opd = indikator.opd
    require_operator_of(user, opd)
    if indikator.sumber_realisasi != Indikator.SumberRealisasi.MANUAL:
        raise ValidationError({"nilai": linked_refusal(indikator)})
    keterangan = limits.check_text(keterangan, limits.CATATAN, "keterangan", _("keterangan"))
    with transaction.atomic():
        periode = periode_of(opd, tahun, triwulan, lock=True)
        _require_editable(periode)
        row = RealisasiKinerja.objects.filter(
            pemda=opd.pemda, indikator=indikator, tahun=tahun, triwulan=triwulan
        ).first()
        if nilai is None:
            if row is not None:
                delete_if_unchanged(row, versi, alasan or _("dikosongkan"))
            return None
        problem = check_realisasi_kinerja(indikator, nilai)
        if problem:
            raise ValidationError({"nilai": problem})
        target = target_for(indikator, tahun)
        if target is None:
            raise ValidationError(
                _(
                    "%(indikator)s tidak memiliki target tahun %(tahun)s: tetapkan targetnya "
                    "(PK atau target tahunan) lebih dulu."
                )
                % {"indikator": indikator.nama, "tahun": tahun}
            )
        quarters = dict(
            RealisasiKinerja.objects.filter(
                pemda=opd.pemda, indikator=indikator, tahun=tahun
            ).values_list("triwulan", "nilai")
        )
        quarters[triwulan] = nilai
        reason = needs_explanation(indikator, triwulan, quarters, target, scale_for(opd.pemda))
        if reason and not keterangan:
            raise ValidationError({"keterangan": reason})
        if row is None:
            row = RealisasiKinerja(
                pemda=opd.pemda, indikator=indikator, tahun=tahun, triwulan=triwulan
            )
        row.nilai, row.keterangan = nilai, keterangan
        save_if_unchanged(row, versi, alasan or _("diisi operator"))
        return row


def pagu_in_force(sub_kegiatan: SubKegiatan, tahun: int) -> Pagu | None:
    """The pagu of the DPA version in force, locked for the rest of the transaction so that a
    concurrent realisation or pagu change waits (PostgreSQL)."""
    versi = VersiAnggaran.in_force(sub_kegiatan.kegiatan.program.opd, tahun)
    if versi is None:
        return None
    return (
        Pagu.objects.select_for_update()
        .filter(pemda=sub_kegiatan.pemda, versi_anggaran=versi, sub_kegiatan=sub_kegiatan)
        .first()
    )


def above_pagu(jumlah: Decimal, others: Decimal, pagu: Decimal) -> str:
    """Why a quarter's realisation is refused against the pagu (`others`: the other quarters'
    sum), or '' when the year stays within it."""
    if others + jumlah <= pagu:
        return ""
    return _(
        "Realisasi setahun menjadi %(realisasi)s, melebihi pagu %(pagu)s. Realisasi di atas pagu "
        "bukan belanja yang sah; sisa pagu untuk triwulan ini %(sisa)s."
    ) % {
        "realisasi": format_rupiah(others + jumlah),
        "pagu": format_rupiah(pagu),
        "sisa": format_rupiah(max(pagu - others, Decimal(0))),
    }


def require_editable(periode: PeriodeLaporan) -> None:
    """A ValidationError saying why the quarter's values cannot change, unless it is editable."""
    _require_editable(periode)


def simpan_realisasi_anggaran(
    user,
    sub_kegiatan: SubKegiatan,
    tahun: int,
    triwulan: int,
    jumlah: Decimal | None,
    versi: int | None,
    alasan: str = "",
) -> RealisasiAnggaran | None:
    opd = sub_kegiatan.kegiatan.program.opd
    require_operator_of(user, opd)
    with transaction.atomic():
        periode = periode_of(opd, tahun, triwulan, lock=True)
        _require_editable(periode)
        row = RealisasiAnggaran.objects.filter(
            pemda=opd.pemda, sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan
        ).first()
        if jumlah is None:
            if row is not None:
                delete_if_unchanged(row, versi, alasan or _("dikosongkan"))
            return None
        if jumlah < 0:
            raise ValidationError({"jumlah": _("Realisasi anggaran tidak boleh negatif.")})
        limits.check_rupiah(jumlah, "jumlah")
        pagu = pagu_in_force(sub_kegiatan, tahun)
        if pagu is None:
            raise ValidationError(
                {"jumlah": _("Sub-kegiatan ini belum memiliki pagu pada DPA yang berlaku.")}
            )
        others = RealisasiAnggaran.objects.filter(
            pemda=opd.pemda, sub_kegiatan=sub_kegiatan, tahun=tahun
        ).exclude(triwulan=triwulan).aggregate(total=Sum("jumlah"))["total"] or Decimal(0)
        problem = above_pagu(jumlah, others, pagu.jumlah)
        if problem:
            raise ValidationError({"jumlah": problem})
        if row is None:
            row = RealisasiAnggaran(
                pemda=opd.pemda, sub_kegiatan=sub_kegiatan, tahun=tahun, triwulan=triwulan
            )
        row.jumlah = jumlah
        save_if_unchanged(row, versi, alasan or _("diisi operator"))
        return row


def _log(periode: PeriodeLaporan, jenis: str, user, alasan: str = "") -> None:
    Peristiwa.objects.create(
        pemda=periode.pemda,
        opd=periode.opd,
        jenis=jenis,
        oleh=user,
        alasan=alasan,
        # not translated: a key the quarter page looks the events up by (pengukuran.views)
        objek=f"Triwulan {periode.triwulan} tahun {periode.tahun}",
    )


@dataclass(frozen=True)
class Transition:
    """One step of the quarter workflow. `refusals.status` takes %(triwulan)s and %(status)s."""

    roles: tuple
    allowed_from: tuple
    to: str
    event: str
    refusals: Refusals
    note_field: str = ""  # the form field of the required note, "" when none is asked
    note_missing: str = ""
    note_limit: int = limits.ALASAN


TRANSITIONS = {
    "ajukan": Transition(
        (Peran.OPERATOR,),
        PeriodeLaporan.EDITABLE,
        Status.DIAJUKAN,
        Peristiwa.Jenis.DIAJUKAN,
        Refusals(
            role=gettext_lazy("Hanya %(allowed)s yang dapat mengajukan triwulan."),
            status=gettext_lazy(
                "Triwulan %(triwulan)s berstatus %(status)s: tidak dapat mengajukan triwulan."
            ),
            own_opd=gettext_lazy("Anda hanya dapat mengajukan triwulan OPD Anda sendiri."),
        ),
    ),
    "verifikasi": Transition(
        (Peran.PIMPINAN,),
        (Status.DIAJUKAN,),
        Status.DIVERIFIKASI,
        Peristiwa.Jenis.DIVERIFIKASI,
        Refusals(
            role=gettext_lazy("Hanya %(allowed)s yang dapat memverifikasi triwulan."),
            status=gettext_lazy(
                "Triwulan %(triwulan)s berstatus %(status)s: tidak dapat memverifikasi triwulan."
            ),
            own_opd=gettext_lazy("Anda hanya dapat memverifikasi triwulan OPD Anda sendiri."),
        ),
    ),
    "kembalikan": Transition(
        (Peran.PIMPINAN,),
        (Status.DIAJUKAN,),
        Status.DIKEMBALIKAN,
        Peristiwa.Jenis.DIKEMBALIKAN,
        Refusals(
            role=gettext_lazy("Hanya %(allowed)s yang dapat mengembalikan triwulan."),
            status=gettext_lazy(
                "Triwulan %(triwulan)s berstatus %(status)s: tidak dapat mengembalikan triwulan."
            ),
            own_opd=gettext_lazy("Anda hanya dapat mengembalikan triwulan OPD Anda sendiri."),
        ),
        note_field="catatan",
        note_missing=gettext_lazy("Tulis catatan: apa yang harus diperbaiki operator."),
        note_limit=limits.CATATAN,
    ),
    "kunci": Transition(
        (Peran.ADMIN_PEMDA,),
        (Status.DIVERIFIKASI,),
        Status.DIKUNCI,
        Peristiwa.Jenis.DIKUNCI,
        Refusals(
            role=gettext_lazy("Hanya %(allowed)s yang dapat mengunci triwulan."),
            status=gettext_lazy(
                "Triwulan %(triwulan)s berstatus %(status)s: tidak dapat mengunci triwulan."
            ),
        ),
    ),
    "buka": Transition(
        (Peran.ADMIN_PEMDA,),
        (Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIKUNCI),
        Status.DRAFT,
        Peristiwa.Jenis.DIBUKA,
        Refusals(
            role=gettext_lazy("Hanya %(allowed)s yang dapat membuka kembali triwulan."),
            status=gettext_lazy(
                "Triwulan %(triwulan)s berstatus %(status)s: tidak dapat membuka kembali triwulan."
            ),
        ),
        note_field="alasan",
        note_missing=gettext_lazy("Tulis alasan membuka kembali triwulan ini."),
    ),
}


def move(user, opd, tahun: int, triwulan: int, langkah: str, note: str = "") -> PeriodeLaporan:
    """Take one workflow step (a key of TRANSITIONS) on an OPD's quarter."""
    step = TRANSITIONS[langkah]
    akun = akun_of(user)
    require_role(akun, *step.roles, refusal=step.refusals.role)
    if step.refusals.own_opd and akun.opd_id != opd.pk:
        raise PermissionDenied(step.refusals.own_opd)
    field = step.note_field or "catatan"
    note = limits.check_text(note, step.note_limit, field, field)
    if step.note_field and not note:
        raise ValidationError({step.note_field: step.note_missing})
    with transaction.atomic():
        periode = periode_of(opd, tahun, triwulan, lock=True)
        if periode.status not in step.allowed_from:
            raise ValidationError(
                step.refusals.status
                % {"triwulan": triwulan, "status": periode.get_status_display().lower()}
            )
        periode.status = step.to
        # the return note stays on the quarter until the operator resubmits; the event log keeps it
        periode.catatan = note if step.to == Status.DIKEMBALIKAN else ""
        save_if_unchanged(periode, None, f"{step.event}: {note}".rstrip(": "))
        _log(periode, step.event, user, note)
        if periode.editable:
            quarter_reopened.send(PeriodeLaporan, opd=opd, tahun=tahun, triwulan=triwulan)
        return periode


def ajukan(user, opd, tahun, triwulan):
    return move(user, opd, tahun, triwulan, "ajukan")


def verifikasi(user, opd, tahun, triwulan):
    return move(user, opd, tahun, triwulan, "verifikasi")


def kembalikan(user, opd, tahun, triwulan, catatan: str):
    return move(user, opd, tahun, triwulan, "kembalikan", catatan)


def kunci(user, opd, tahun, triwulan):
    return move(user, opd, tahun, triwulan, "kunci")


def buka(user, opd, tahun, triwulan, alasan: str):
    return move(user, opd, tahun, triwulan, "buka", alasan)
