"""Every write to the plan goes through here: Perjanjian Kinerja (create from the Renstra,
targets, signatories, sign, unlock, revise), Renstra targets, the IKU sheet, annual targets
and pagu. Each checks the role, validates, saves with history and logs, in one transaction."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.organisasi import limits
from sakip.organisasi.access import Refusals, akun_of, require_role
from sakip.organisasi.concurrency import save_if_unchanged
from sakip.organisasi.models import Akun, Peristiwa
from sakip.pengukuran.rules import check_realisasi_kinerja
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Pagu,
    PerjanjianKinerja,
    Renstra,
    SasaranPK,
    TargetPK,
    TargetRenstra,
    TargetTahunan,
    VersiAnggaran,
)

Peran = Akun.Peran
SIGNED = PerjanjianKinerja.Status.DITANDATANGANI
PLANNERS = (Peran.OPERATOR, Peran.PIMPINAN)  # the OPD's own roles that plan
PLAN_EDITORS = (*PLANNERS, Peran.ADMIN_PEMDA)  # ... and the admin SAKIP of the pemda

# the plan edits, each with the whole sentences that refuse it
SUSUN_PK = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat menyusun Perjanjian Kinerja."),
    own_opd=gettext_lazy("Anda hanya dapat menyusun Perjanjian Kinerja OPD Anda sendiri."),
)
UBAH_TARGET_PK = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat mengubah target PK."),
    own_opd=gettext_lazy("Anda hanya dapat mengubah target PK OPD Anda sendiri."),
)
UBAH_PK = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat mengubah PK."),
    own_opd=gettext_lazy("Anda hanya dapat mengubah PK OPD Anda sendiri."),
)
REVISI_PK = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat membuat revisi PK."),
    own_opd=gettext_lazy("Anda hanya dapat membuat revisi PK OPD Anda sendiri."),
)
UBAH_TARGET_RENSTRA = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat mengubah target Renstra."),
    own_opd=gettext_lazy("Anda hanya dapat mengubah target Renstra OPD Anda sendiri."),
)
UBAH_INDIKATOR = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat mengubah indikator."),
    own_opd=gettext_lazy("Anda hanya dapat mengubah indikator OPD Anda sendiri."),
)
UBAH_TARGET = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat mengubah target."),
    own_opd=gettext_lazy("Anda hanya dapat mengubah target OPD Anda sendiri."),
)
UBAH_PAGU = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat mengubah pagu."),
    own_opd=gettext_lazy("Anda hanya dapat mengubah pagu OPD Anda sendiri."),
)


def is_planner_of(akun: Akun, opd) -> bool:
    """Whether the account may change the OPD's plan: the OPD's operator or pimpinan, or the
    admin SAKIP of its pemda. The one rule of every plan write (Renstra, IKU sheet, targets,
    PK draft, the program tree and DPA, the OPD profile); pages ask it to show their forms."""
    if akun.pemda_id != opd.pemda_id:
        return False
    return akun.peran == Peran.ADMIN_PEMDA or (akun.peran in PLANNERS and akun.opd_id == opd.pk)


def require_planner_of(user, opd, edit: Refusals) -> Akun:
    """The account of `user` when it may change the OPD's plan (is_planner_of), else
    PermissionDenied with the edit's sentence: its role one naming the roles that may."""
    akun = akun_of(user)
    require_role(akun, *PLAN_EDITORS, refusal=edit.role)
    if not is_planner_of(akun, opd):
        raise PermissionDenied(edit.own_opd)
    return akun


def require_opd_staff(user, opd, edit: Refusals) -> Akun:
    """The OPD's own operator or pimpinan only, for what the OPD writes about itself and is not
    its plan (the LKjIP's written parts): the admin SAKIP is refused."""
    akun = akun_of(user)
    require_role(akun, *PLANNERS, refusal=edit.role)
    if akun.opd_id != opd.pk:
        raise PermissionDenied(edit.own_opd)
    return akun


def _log(opd, jenis, user, objek: str, alasan: str = "") -> None:
    Peristiwa.objects.create(
        pemda=opd.pemda, opd=opd, jenis=jenis, objek=objek, alasan=alasan, oleh=user
    )


def check_target(indikator: Indikator, target: Decimal | None, target_atas: Decimal | None):
    """The checks of every target write (also run by imports and the tree page before writing)."""
    if target is None:
        raise ValidationError({"target": _("Target wajib diisi.")})
    if target_atas is not None and target_atas < target:
        raise ValidationError({"target_atas": _("Batas atas target lebih kecil dari batas bawah.")})
    for value, field in ((target, "target"), (target_atas, "target_atas")):
        problem = value is not None and check_realisasi_kinerja(indikator, value)
        if problem:
            raise ValidationError({field: problem})


# --- Perjanjian Kinerja ------------------------------------------------------------------


def _require_draft(pk: PerjanjianKinerja) -> None:
    if pk.status == SIGNED:
        raise ValidationError(
            _(
                "PK %(tahun)s revisi %(revisi)s sudah ditandatangani: targetnya terkunci. Buat "
                "revisi PK, atau minta admin SAKIP membukanya kembali dengan alasan."
            )
            % {"tahun": pk.tahun, "revisi": pk.revisi}
        )


def require_draft(pk: PerjanjianKinerja) -> None:
    """A ValidationError saying why the PK's targets cannot change, unless it is a draft."""
    _require_draft(pk)


def renstra_of_year(opd, tahun: int) -> Renstra | None:
    """The latest Renstra version covering the year, whose targets a new PK takes."""
    return (
        Renstra.objects.filter(
            pemda=opd.pemda, opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
        )
        .order_by("-versi")  # perubahan before murni
        .first()
    )


def pimpinan_penandatangan(opd):
    """The OPD's active pimpinan accounts that can sign its PK as pihak pertama: those with
    nama lengkap and NIP, oldest account first."""
    return (
        Akun.objects.filter(pemda=opd.pemda, opd=opd, peran=Peran.PIMPINAN, user__is_active=True)
        .exclude(nip="")
        .exclude(user__first_name="")
        .select_related("user")
        .order_by("pk")
    )


def pihak_pertama_dari(akun: Akun, opd) -> dict:
    """The PK's pihak pertama fields from a pimpinan account; its jabatan, when the account
    has none, the OPD's kepala's (the post stays, the person changes)."""
    return {
        "pihak_pertama_nama": akun.user.first_name.strip(),
        "pihak_pertama_nip": akun.nip,
        "pihak_pertama_pangkat": akun.pangkat_golongan,
        "pihak_pertama_jabatan": akun.jabatan or opd.kepala_jabatan,
    }


def pihak_pertama_kepala(opd) -> dict:
    """The PK's pihak pertama fields from the OPD's kepala, as typed on the OPD."""
    return {
        "pihak_pertama_nama": opd.kepala_nama,
        "pihak_pertama_nip": opd.kepala_nip,
        "pihak_pertama_pangkat": opd.kepala_pangkat,
        "pihak_pertama_jabatan": opd.kepala_jabatan,
    }


def buat_pk_dari_renstra(user, opd, tahun: int) -> PerjanjianKinerja:
    """A draft PK for a year that has none, with the sasaran, indicators and targets of the
    latest Renstra version covering the year. Its pihak pertama is the OPD's pimpinan account
    when one has nama lengkap and NIP, else the OPD's kepala."""
    require_planner_of(user, opd, SUSUN_PK)
    with transaction.atomic():
        if PerjanjianKinerja.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).exists():
            raise ValidationError(
                _("PK %(tahun)s sudah ada; ubah PK itu atau buat revisinya.") % {"tahun": tahun}
            )
        renstra = renstra_of_year(opd, tahun)
        if renstra is None:
            raise ValidationError(
                _("Belum ada Renstra yang mencakup tahun %(tahun)s.") % {"tahun": tahun}
            )
        signer = pimpinan_penandatangan(opd).first()
        pk = PerjanjianKinerja(
            pemda=opd.pemda,
            opd=opd,
            tahun=tahun,
            revisi=0,
            renstra=renstra,
            **(pihak_pertama_dari(signer, opd) if signer else pihak_pertama_kepala(opd)),
            pihak_kedua_nama=opd.pemda.kepala_daerah_nama,
            pihak_kedua_jabatan=opd.pemda.kepala_daerah_jabatan,
        )
        save_if_unchanged(pk, None, _("disusun dari %(renstra)s") % {"renstra": renstra})
        targets = {
            t.indikator_renstra_id: t
            for t in TargetRenstra.objects.filter(
                pemda=opd.pemda, indikator_renstra__renstra=renstra, tahun=tahun
            )
        }
        goals: dict = {}
        links = IndikatorRenstra.objects.filter(pemda=opd.pemda, renstra=renstra).select_related(
            "tujuan", "sasaran", "indikator"
        )
        for urutan, link in enumerate(links, start=1):
            goal = link.sasaran or link.tujuan
            key = (type(goal).__name__, goal.pk)  # a tujuan and a sasaran may share an id
            if key not in goals:
                goals[key] = SasaranPK.objects.create(
                    pemda=opd.pemda,
                    perjanjian=pk,
                    urutan=len(goals) + 1,
                    uraian=goal.uraian,
                    tujuan=link.tujuan,
                    sasaran=link.sasaran,
                )
            target = targets.get(link.pk)
            if target is None:
                continue  # no target for this year in the Renstra: the operator adds it
            row = TargetPK(
                pemda=opd.pemda,
                sasaran_pk=goals[key],
                indikator=link.indikator,
                urutan=urutan,
                target=target.target,
                target_atas=target.target_atas,
            )
            save_if_unchanged(
                row,
                None,
                _("dari target %(renstra)s tahun %(tahun)s") % {"renstra": renstra, "tahun": tahun},
            )
        return pk


def simpan_target_pk(user, target: TargetPK, nilai, atas, versi, alasan: str = "") -> TargetPK:
    """`alasan`: the history's reason when not typed on the page, e.g. "impor target.xlsx"."""
    pk = target.sasaran_pk.perjanjian
    require_planner_of(user, pk.opd, UBAH_TARGET_PK)
    check_target(target.indikator, nilai, atas)
    with transaction.atomic():
        pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
        _require_draft(pk)
        target.target, target.target_atas = nilai, atas
        save_if_unchanged(target, versi, alasan or _("diubah di PK"))
        return target


def simpan_penandatangan(user, pk: PerjanjianKinerja, data: dict, versi) -> PerjanjianKinerja:
    require_planner_of(user, pk.opd, UBAH_PK)
    with transaction.atomic():
        _require_draft(pk)
        for field, value in data.items():
            setattr(pk, field, value)
        save_if_unchanged(pk, versi, _("data penandatangan diubah"))
        return pk


def pihak_pertama_dari_akun(user, pk: PerjanjianKinerja, akun_id, versi) -> PerjanjianKinerja:
    """The draft PK's pihak pertama (nama, NIP, pangkat, jabatan) taken from one of the OPD's
    pimpinan accounts (pimpinan_penandatangan)."""
    require_planner_of(user, pk.opd, UBAH_PK)
    akun = pimpinan_penandatangan(pk.opd).filter(pk=akun_id).first()
    if akun is None:
        raise ValidationError(
            {
                "akun": _(
                    "Pilih akun pimpinan OPD ini yang sudah berisi nama lengkap dan NIP; admin "
                    "SAKIP dapat melengkapinya di halaman akun."
                )
            }
        )
    with transaction.atomic():
        _require_draft(pk)
        for field, value in pihak_pertama_dari(akun, pk.opd).items():
            setattr(pk, field, value)
        save_if_unchanged(
            pk,
            versi,
            _("pihak pertama diisi dari akun %(akun)s") % {"akun": akun.user.username},
        )
        return pk


def tandatangani_pk(user, pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """The head of the OPD records that the PK is signed: its targets lock."""
    akun = akun_of(user)
    require_role(
        akun,
        Peran.PIMPINAN,
        refusal=_("Hanya %(allowed)s yang dapat menandai PK sudah ditandatangani."),
    )
    if akun.opd_id != pk.opd_id:
        raise PermissionDenied(_("Anda hanya dapat menandatangani PK OPD Anda sendiri."))
    with transaction.atomic():
        pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
        _require_draft(pk)
        missing = [
            label
            for label, value in (
                (_("nama pihak pertama"), pk.pihak_pertama_nama),
                (_("jabatan pihak pertama"), pk.pihak_pertama_jabatan),
                (_("jabatan pihak kedua"), pk.pihak_kedua_jabatan),
                (_("tanggal"), pk.tanggal),
            )
            if not value
        ]
        if not TargetPK.objects.filter(pemda=pk.pemda, sasaran_pk__perjanjian=pk).exists():
            missing.append(_("target indikator"))
        if missing:
            raise ValidationError(_("Lengkapi dulu: %(daftar)s.") % {"daftar": ", ".join(missing)})
        pk.status = SIGNED
        save_if_unchanged(pk, None, _("ditandatangani"))
        # objek, here and below: not translated, a key the PK page looks the events up by
        _log(pk.opd, Peristiwa.Jenis.PK_DITANDATANGANI, user, f"PK {pk.tahun} revisi {pk.revisi}")
        return pk


def buka_pk(user, pk: PerjanjianKinerja, alasan: str) -> PerjanjianKinerja:
    akun = akun_of(user)
    require_role(
        akun, Peran.ADMIN_PEMDA, refusal=_("Hanya %(allowed)s yang dapat membuka kembali PK.")
    )
    alasan = limits.check_text(alasan, limits.ALASAN, "alasan", _("alasan"))
    if not alasan:
        raise ValidationError({"alasan": _("Tulis alasan membuka kembali PK ini.")})
    with transaction.atomic():
        pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
        if pk.status != SIGNED:
            raise ValidationError(_("PK ini belum ditandatangani; tidak perlu dibuka."))
        pk.status = PerjanjianKinerja.Status.DRAFT
        save_if_unchanged(pk, None, _("dibuka kembali: %(alasan)s") % {"alasan": alasan})
        _log(pk.opd, Peristiwa.Jenis.PK_DIBUKA, user, f"PK {pk.tahun} revisi {pk.revisi}", alasan)
        return pk


def buat_revisi_pk(user, pk: PerjanjianKinerja, alasan: str) -> PerjanjianKinerja:
    """A new draft revision copying a signed PK, e.g. after the DPA perubahan."""
    require_planner_of(user, pk.opd, REVISI_PK)
    alasan = limits.check_text(alasan, limits.ALASAN, "alasan", _("alasan"))
    if not alasan:
        raise ValidationError({"alasan": _("Tulis alasan revisi, mis. perubahan anggaran.")})
    with transaction.atomic():
        if pk.status != SIGNED:
            raise ValidationError(_("Revisi dibuat dari PK yang sudah ditandatangani."))
        if PerjanjianKinerja.objects.filter(
            pemda=pk.pemda, opd=pk.opd, tahun=pk.tahun, status=PerjanjianKinerja.Status.DRAFT
        ).exists():
            raise ValidationError(_("Masih ada revisi PK tahun ini yang berstatus draf."))
        last = (
            PerjanjianKinerja.objects.filter(pemda=pk.pemda, opd=pk.opd, tahun=pk.tahun)
            .order_by("-revisi")
            .first()
        )
        source_sasaran = list(pk.sasaran.all())
        source_targets = list(
            TargetPK.objects.filter(pemda=pk.pemda, sasaran_pk__perjanjian=pk).order_by("urutan")
        )
        new = PerjanjianKinerja.objects.get(pk=pk.pk)
        new.pk, new.id, new.revisi, new.status, new.versi = None, None, last.revisi + 1, "draft", 1
        new._state.adding = True
        save_if_unchanged(
            new,
            None,
            _("revisi dari revisi %(revisi)s: %(alasan)s")
            % {"revisi": pk.revisi, "alasan": alasan},
        )
        mapping = {}
        for sasaran in source_sasaran:
            old_id = sasaran.pk
            sasaran.pk = sasaran.id = None
            sasaran._state.adding = True
            sasaran.perjanjian = new
            sasaran.save()
            mapping[old_id] = sasaran
        for target in source_targets:
            target.pk = target.id = None
            target._state.adding = True
            target.sasaran_pk = mapping[target.sasaran_pk_id]
            target.versi = 1
            save_if_unchanged(
                target, None, _("disalin ke revisi %(revisi)s") % {"revisi": new.revisi}
            )
        _log(pk.opd, Peristiwa.Jenis.PK_REVISI, user, f"PK {pk.tahun} revisi {new.revisi}", alasan)
        return new


# --- Renstra, IKU, annual targets, pagu ---------------------------------------------------


def simpan_target_renstra(user, link: IndikatorRenstra, targets: dict, akhir, versi, alasan=""):
    """`targets`: {tahun: Decimal or None}; None removes that year's target. `alasan`: the
    history's reason when not typed on the page, e.g. "impor renstra.xlsx"."""
    require_planner_of(user, link.renstra.opd, UBAH_TARGET_RENSTRA)
    for value in (*targets.values(), akhir):
        if value is not None:
            check_target(link.indikator, value, None)
    with transaction.atomic():
        changed = False
        for tahun, value in targets.items():
            row = TargetRenstra.objects.filter(
                pemda=link.pemda, indikator_renstra=link, tahun=tahun
            ).first()
            if value is None:
                if row is not None:
                    row._change_reason = limits.change_reason(alasan or _("dikosongkan"))
                    row.delete()
                    changed = True
                continue
            if row is None:
                row = TargetRenstra(pemda=link.pemda, indikator_renstra=link, tahun=tahun)
            elif row.target == value:
                continue
            # a range keeps its upper bound; the new lower bound must stay below it
            check_target(link.indikator, value, row.target_atas)
            row.target = value
            save_if_unchanged(row, None, alasan or _("diubah di Renstra"))
            changed = True
        if changed or link.target_akhir != akhir:
            # the link's versi guards the whole row of yearly targets
            link.target_akhir = akhir
            save_if_unchanged(link, versi, alasan or _("target Renstra diubah"))
        return link


# fields that change how realisations are turned into capaian and predikat
COMPUTING_FIELDS = ("arah", "tipe_penghitungan", "presisi", "skala_min", "skala_max")


def frozen_use(indikator: Indikator) -> str:
    """Why the indicator's computing fields may not change, or ''."""
    from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja

    if TargetPK.objects.filter(
        pemda=indikator.pemda, indikator=indikator, sasaran_pk__perjanjian__status=SIGNED
    ).exists():
        return _("indikator ini dipakai di Perjanjian Kinerja yang sudah ditandatangani")
    frozen_quarters = PeriodeLaporan.objects.filter(
        pemda=indikator.pemda, opd=indikator.opd
    ).exclude(status__in=PeriodeLaporan.EDITABLE)
    for periode in frozen_quarters:
        if RealisasiKinerja.objects.filter(
            pemda=indikator.pemda,
            indikator=indikator,
            tahun=periode.tahun,
            triwulan=periode.triwulan,
        ).exists():
            return _("realisasinya ada di triwulan yang sudah diajukan atau dikunci")
    return ""


def check_computing_change(stored: Indikator, data: dict) -> None:
    """A ValidationError on the first computing field `data` changes while `frozen_use` says
    the indicator's capaian may not move (also run by the Renstra import before writing)."""
    changed = [f for f in COMPUTING_FIELDS if f in data and getattr(stored, f) != data[f]]
    reason = frozen_use(stored) if changed else ""
    if reason:
        raise ValidationError(
            {
                changed[0]: _(
                    "Tidak dapat diubah: %(alasan)s, sehingga capaiannya akan berubah. "
                    "Teks lembar IKU tetap dapat diubah."
                )
                % {"alasan": reason}
            }
        )


def simpan_indikator(user, indikator: Indikator, data: dict, versi, alasan="") -> Indikator:
    """`alasan`: the history's reason when not the IKU page's, e.g. "impor renstra.xlsx"."""
    require_planner_of(user, indikator.opd, UBAH_INDIKATOR)
    with transaction.atomic():
        check_computing_change(Indikator.objects.get(pk=indikator.pk), data)
        for field, value in data.items():
            setattr(indikator, field, value)
        save_if_unchanged(indikator, versi, alasan or _("lembar IKU diubah"))
        return indikator


def simpan_target_tahunan(user, indikator: Indikator, tahun: int, nilai, atas, versi):
    require_planner_of(user, indikator.opd, UBAH_TARGET)
    if indikator.tingkat == "strategis":
        raise ValidationError(
            _("Target indikator sasaran strategis ditetapkan di Perjanjian Kinerja atau Renstra.")
        )
    check_target(indikator, nilai, atas)
    with transaction.atomic():
        row = TargetTahunan.objects.filter(
            pemda=indikator.pemda, indikator=indikator, tahun=tahun
        ).first() or TargetTahunan(pemda=indikator.pemda, indikator=indikator, tahun=tahun)
        row.target, row.target_atas = nilai, atas
        save_if_unchanged(row, versi, _("target tahunan diubah"))
        return row


def simpan_pagu(user, pagu: Pagu, jumlah: Decimal | None, versi) -> Pagu:
    """The pagu of a sub-kegiatan in one DPA version. Never below what is already spent when
    the version is the one in force."""
    from django.db.models import Sum

    from sakip.formulas.numbers import format_rupiah
    from sakip.pengukuran.models import PeriodeLaporan, RealisasiAnggaran

    versi_anggaran = pagu.versi_anggaran
    require_planner_of(user, versi_anggaran.opd, UBAH_PAGU)
    if jumlah is None:
        raise ValidationError({"jumlah": _("Pagu wajib diisi (boleh 0).")})
    if jumlah < 0:
        raise ValidationError({"jumlah": _("Pagu tidak boleh negatif.")})
    limits.check_rupiah(jumlah, "jumlah")
    with transaction.atomic():
        pagu = Pagu.objects.select_for_update().get(pk=pagu.pk)
        closed = PeriodeLaporan.objects.filter(
            pemda=pagu.pemda, opd=versi_anggaran.opd, tahun=versi_anggaran.tahun
        ).exclude(status__in=PeriodeLaporan.EDITABLE)
        if closed.exists():
            raise ValidationError(
                {
                    "jumlah": _(
                        "Ada triwulan %(tahun)s yang sudah diajukan, diverifikasi atau dikunci: "
                        "pagu tahun itu tidak dapat diubah sampai admin SAKIP membukanya kembali."
                    )
                    % {"tahun": versi_anggaran.tahun}
                }
            )
        latest = VersiAnggaran.in_force(versi_anggaran.opd, versi_anggaran.tahun)
        if latest.pk == versi_anggaran.pk:
            spent = RealisasiAnggaran.objects.filter(
                pemda=pagu.pemda, sub_kegiatan=pagu.sub_kegiatan, tahun=versi_anggaran.tahun
            ).aggregate(total=Sum("jumlah"))["total"] or Decimal(0)
            if jumlah < spent:
                raise ValidationError(
                    {
                        "jumlah": _(
                            "Pagu %(pagu)s lebih kecil dari realisasi yang sudah dicatat "
                            "(%(realisasi)s). Koreksi realisasinya lebih dulu."
                        )
                        % {"pagu": format_rupiah(jumlah), "realisasi": format_rupiah(spent)}
                    }
                )
        pagu.jumlah = jumlah
        save_if_unchanged(pagu, versi, _("pagu %(versi)s diubah") % {"versi": versi_anggaran})
        return pagu
