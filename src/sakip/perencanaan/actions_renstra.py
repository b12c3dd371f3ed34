"""Every write that authors a Renstra in the browser: create it, its visi/misi, its tujuan and
sasaran (add, edit, reorder, delete), its indicators (a new indicator with its IKU sheet, yearly
targets and end target; removal), and the Renstra perubahan copied from the murni.

Only the planners of the OPD (actions.PLANNERS) write. Deleting is refused, with the reason,
when what would go has realisations in the Renstra's years, is used by a Perjanjian Kinerja, or
has a target in a year whose quarter was already submitted, verified or locked
(`alasan_tidak_dapat_dihapus`). Rows with history (Renstra, Indikator, IndikatorRenstra,
TargetRenstra) record why they changed; tujuan and sasaran have no history of their own, so an
edit of one is guarded by a fingerprint of what the editor saw (`sidik`) instead of a versi."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.formulas.triwulan import ROMAN
from sakip.organisasi import limits
from sakip.organisasi.access import Refusals
from sakip.organisasi.concurrency import CONFLICT, EditConflict, save_if_unchanged
from sakip.pengukuran.rules import check_realisasi_kinerja
from sakip.perencanaan import actions
from sakip.perencanaan.actions import require_planner_of
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Renstra,
    Sasaran,
    SasaranPK,
    TargetPK,
    TargetRenstra,
    Tujuan,
)

SUSUN_RENSTRA = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat menyusun Renstra."),
    own_opd=gettext_lazy("Anda hanya dapat menyusun Renstra OPD Anda sendiri."),
)

# a Renstra covers five years; a transition (e.g. 2021–2026) may make it six
PERIODE_TERPANJANG = 6
KODE_POLA = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
NARASI_FIELDS = (
    "nomor",
    "visi_pemda",
    "penjelasan_visi_pemda",
    "misi_pemda",
    "visi_opd",
    "penjelasan_visi_opd",
    "misi_opd",
)
BUTIR_FIELDS = ("kode", "uraian", "tujuan_id")


def sidik(obj, fields=BUTIR_FIELDS) -> str:
    """A fingerprint of what an editor sees of `obj`: a save carrying another one was preceded
    by someone else's save (optimistic locking for rows without a `versi`)."""
    seen = repr([getattr(obj, f, None) for f in fields]).encode()
    return hashlib.sha256(seen).hexdigest()[:16]


def _require_unchanged(obj, model, expected: str | None, fields=BUTIR_FIELDS) -> None:
    """Inside a transaction: the stored row, locked, still has the fingerprint the editor saw."""
    if expected is None:
        return
    stored = model.objects.select_for_update().get(pk=obj.pk)
    if sidik(stored, fields) != expected:
        raise EditConflict(CONFLICT)


def _save_renstra(renstra: Renstra, reason: str) -> None:
    """Renstra's `versi` is murni/perubahan, not an edit counter: saved with its limits checked
    and its history reason, without save_if_unchanged (the caller guards with `sidik`)."""
    limits.check_limits(renstra)
    renstra._change_reason = limits.change_reason(reason)
    renstra.save()


def check_kode(kode: str, limit: int = 20, field: str = "kode") -> str:
    """A kode as it appears in URLs and documents: T1, S1.1, IKU-01; at most `limit` long."""
    kode = (kode or "").strip()
    if len(kode) > limit:
        raise ValidationError({field: limits.too_long(limit, len(kode))})
    if not kode:
        raise ValidationError({field: _("Kode wajib diisi, mis. T1 atau S1.1.")})
    if not KODE_POLA.match(kode):
        raise ValidationError(
            {
                field: _(
                    "Kode hanya boleh huruf, angka, titik, garis bawah atau tanda hubung, tanpa "
                    "spasi, mis. T1 atau S1.1."
                )
            }
        )
    return kode


# --- the Renstra itself -----------------------------------------------------------------------


def buat_renstra(user, opd, tahun_awal: int, tahun_akhir: int | None, nomor: str = "") -> Renstra:
    """A Renstra murni for a period the OPD has none for; `tahun_akhir` defaults to 5 years."""
    require_planner_of(user, opd, SUSUN_RENSTRA)
    if tahun_akhir is None:
        tahun_akhir = tahun_awal + 4
    if tahun_akhir < tahun_awal:
        raise ValidationError({"tahun_akhir": _("Tahun akhir tidak boleh sebelum tahun awal.")})
    if tahun_akhir - tahun_awal + 1 > PERIODE_TERPANJANG:
        raise ValidationError(
            {
                "tahun_akhir": _(
                    "Periode Renstra paling lama %(n)s tahun (biasanya 5 tahun, mis. "
                    "%(awal)s–%(akhir)s)."
                )
                % {"n": PERIODE_TERPANJANG, "awal": tahun_awal, "akhir": tahun_awal + 4}
            }
        )
    with transaction.atomic():
        overlap = (
            Renstra.objects.filter(
                pemda=opd.pemda, opd=opd, tahun_awal__lte=tahun_akhir, tahun_akhir__gte=tahun_awal
            )
            .order_by("tahun_awal")
            .first()
        )
        if overlap is not None:
            raise ValidationError(
                {
                    "tahun_awal": _(
                        "Periode ini bertumpang tindih dengan %(renstra)s. Ubah Renstra itu, "
                        "buat Renstra perubahannya, atau pilih periode sesudahnya."
                    )
                    % {"renstra": overlap}
                }
            )
        renstra = Renstra(
            pemda=opd.pemda,
            opd=opd,
            versi=Renstra.Versi.MURNI,
            tahun_awal=tahun_awal,
            tahun_akhir=tahun_akhir,
            nomor=(nomor or "").strip(),
        )
        _save_renstra(renstra, _("Renstra dibuat"))
        return renstra


def simpan_narasi_renstra(user, renstra: Renstra, data: dict, seen: str | None) -> Renstra:
    """Nomor, visi and misi of the pemda and the OPD and their explanations (NARASI_FIELDS)."""
    require_planner_of(user, renstra.opd, SUSUN_RENSTRA)
    with transaction.atomic():
        _require_unchanged(renstra, Renstra, seen, NARASI_FIELDS)
        for field in NARASI_FIELDS:
            if field in data:
                setattr(renstra, field, data[field])
        _save_renstra(renstra, _("visi dan misi diubah"))
        return renstra


# --- tujuan and sasaran -----------------------------------------------------------------------


def _check_kode_free(renstra: Renstra, kode: str, except_obj=None) -> None:
    """A kode names one tujuan or sasaran of the Renstra (the PK finds its goals by kode)."""
    for model in (Tujuan, Sasaran):
        taken = model.objects.filter(pemda=renstra.pemda, renstra=renstra, kode=kode)
        if except_obj is not None and isinstance(except_obj, model):
            taken = taken.exclude(pk=except_obj.pk)
        if taken.exists():
            raise ValidationError(
                {
                    "kode": _(
                        "Kode %(kode)s sudah dipakai tujuan atau sasaran lain di Renstra ini. "
                        "Pilih kode lain."
                    )
                    % {"kode": kode}
                }
            )


def check_uraian(uraian: str) -> str:
    uraian = limits.check_text(uraian, limits.URAIAN, "uraian", _("uraian"))
    if not uraian:
        raise ValidationError(
            {"uraian": _("Uraian wajib diisi: tulis pernyataan tujuan/sasarannya.")}
        )
    return uraian


def _next_urutan(queryset) -> int:
    return (queryset.aggregate(top=Max("urutan"))["top"] or 0) + 1


def _tambah_butir(renstra: Renstra, model, kode: str, uraian: str, siblings, alasan, **fields):
    """A new tujuan or sasaran at the end of its `siblings`, its kode free in the Renstra."""
    kode = check_kode(kode)
    uraian = check_uraian(uraian)
    with transaction.atomic():
        _check_kode_free(renstra, kode)
        butir = model(
            pemda=renstra.pemda,
            renstra=renstra,
            kode=kode,
            uraian=uraian,
            urutan=_next_urutan(siblings),
            **fields,
        )
        butir._change_reason = limits.change_reason(alasan or _("ditambahkan ke Renstra"))
        butir.save()
        renumber_links(renstra)
        return butir


def tambah_tujuan(user, renstra: Renstra, kode: str, uraian: str, alasan: str = "") -> Tujuan:
    """`alasan` here and below: the history's reason when not the page's, "impor <berkas>"."""
    require_planner_of(user, renstra.opd, SUSUN_RENSTRA)
    siblings = Tujuan.objects.filter(pemda=renstra.pemda, renstra=renstra)
    return _tambah_butir(renstra, Tujuan, kode, uraian, siblings, alasan)


def tambah_sasaran(user, tujuan: Tujuan, kode: str, uraian: str, alasan: str = "") -> Sasaran:
    renstra = tujuan.renstra
    require_planner_of(user, renstra.opd, SUSUN_RENSTRA)
    siblings = Sasaran.objects.filter(pemda=renstra.pemda, tujuan=tujuan)
    return _tambah_butir(renstra, Sasaran, kode, uraian, siblings, alasan, tujuan=tujuan)


def ubah_butir(user, butir: Tujuan | Sasaran, data: dict, seen: str | None, alasan: str = ""):
    """Kode and uraian of a tujuan or sasaran; a sasaran may move to another tujuan of the same
    Renstra (`data["tujuan"]`), to the end of its sasaran."""
    renstra = butir.renstra
    require_planner_of(user, renstra.opd, SUSUN_RENSTRA)
    kode = check_kode(data.get("kode", ""))
    with transaction.atomic():
        _require_unchanged(butir, type(butir), seen)
        _check_kode_free(renstra, kode, except_obj=butir)
        butir.kode, butir.uraian = kode, check_uraian(data.get("uraian", ""))
        target = data.get("tujuan")
        moved = isinstance(butir, Sasaran) and target is not None and target.pk != butir.tujuan_id
        if moved:
            if target.renstra_id != renstra.pk:
                raise ValidationError({"tujuan": _("Pilih tujuan dari Renstra yang sama.")})
            butir.tujuan = target
            butir.urutan = _next_urutan(Sasaran.objects.filter(pemda=butir.pemda, tujuan=target))
        butir._change_reason = limits.change_reason(alasan or _("diubah di Renstra"))
        butir.save()
        if moved:
            renumber_links(renstra)
        return butir


def geser_butir(user, butir: Tujuan | Sasaran, naik: bool) -> None:
    """Swap a tujuan (or a sasaran, within its tujuan) with the one above or below it."""
    renstra = butir.renstra
    require_planner_of(user, renstra.opd, SUSUN_RENSTRA)
    with transaction.atomic():
        siblings = type(butir).objects.select_for_update().filter(pemda=butir.pemda)
        siblings = (
            siblings.filter(tujuan_id=butir.tujuan_id)
            if isinstance(butir, Sasaran)
            else siblings.filter(renstra=renstra)
        )
        ordered = list(siblings.order_by("urutan", "pk"))
        at = next(i for i, row in enumerate(ordered) if row.pk == butir.pk)
        other = at - 1 if naik else at + 1
        if not 0 <= other < len(ordered):
            return  # already first (or last): nothing to do
        ordered[at], ordered[other] = ordered[other], ordered[at]
        for urutan, row in enumerate(ordered, start=1):
            if row.urutan != urutan:
                type(row).objects.filter(pk=row.pk).update(urutan=urutan)
        renumber_links(renstra)


def renumber_links(renstra: Renstra) -> None:
    """The indicators' urutan in the order the Renstra reads: tujuan by tujuan, the tujuan's own
    indicators before those of its sasaran. The PK drafted from the Renstra follows it."""
    tujuan_order = {
        pk: i
        for i, pk in enumerate(
            Tujuan.objects.filter(pemda=renstra.pemda, renstra=renstra)
            .order_by("urutan", "pk")
            .values_list("pk", flat=True)
        )
    }
    sasaran_order = {
        pk: (tujuan_order.get(tujuan_id, 0), urutan, pk)
        for pk, tujuan_id, urutan in Sasaran.objects.filter(
            pemda=renstra.pemda, renstra=renstra
        ).values_list("pk", "tujuan_id", "urutan")
    }
    links = list(IndikatorRenstra.objects.filter(pemda=renstra.pemda, renstra=renstra))

    def place(link):
        if link.sasaran_id:
            t, s_urutan, s_pk = sasaran_order[link.sasaran_id]
            return (t, 1, s_urutan, s_pk, link.urutan, link.pk)
        return (tujuan_order.get(link.tujuan_id, 0), 0, 0, 0, link.urutan, link.pk)

    for urutan, link in enumerate(sorted(links, key=place), start=1):
        if link.urutan != urutan:
            # the order only: no history row, no versi bump (a target being edited stays valid)
            IndikatorRenstra.objects.filter(pk=link.pk).update(urutan=urutan)


# --- what may not be deleted ------------------------------------------------------------------


def alasan_tidak_dapat_dihapus(renstra: Renstra, links, goals=()) -> str:
    """Why the indicator links `links` (and the tujuan/sasaran `goals` they hang from) may not
    leave `renstra`, or '': a realisation of one of the indicators in the Renstra's years, a
    Perjanjian Kinerja of those years that targets one of them or points to one of the goals,
    or a target in a year with a quarter that was already submitted, verified or locked."""
    from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja

    links = list(links)
    years = (renstra.tahun_awal, renstra.tahun_akhir)
    indikator_ids = [link.indikator_id for link in links]
    realisasi = (
        RealisasiKinerja.objects.filter(
            pemda=renstra.pemda, indikator_id__in=indikator_ids, tahun__range=years
        )
        .select_related("indikator")
        .order_by("tahun", "triwulan")
        .first()
    )
    if realisasi is not None:
        return _("indikator %(indikator)s sudah punya realisasi TW %(tw)s %(tahun)s") % {
            "indikator": realisasi.indikator.nama,
            "tw": ROMAN[realisasi.triwulan],
            "tahun": realisasi.tahun,
        }
    target_pk = (
        TargetPK.objects.filter(
            pemda=renstra.pemda,
            indikator_id__in=indikator_ids,
            sasaran_pk__perjanjian__opd=renstra.opd,
            sasaran_pk__perjanjian__tahun__range=years,
        )
        .select_related("indikator", "sasaran_pk__perjanjian")
        .order_by("sasaran_pk__perjanjian__tahun", "sasaran_pk__perjanjian__revisi")
        .first()
    )
    if target_pk is not None:
        pk = target_pk.sasaran_pk.perjanjian
        return _(
            "indikator %(indikator)s dipakai di Perjanjian Kinerja %(tahun)s revisi %(revisi)s"
        ) % {"indikator": target_pk.indikator.nama, "tahun": pk.tahun, "revisi": pk.revisi}
    tujuan_ids = [g.pk for g in goals if isinstance(g, Tujuan)]
    sasaran_ids = [g.pk for g in goals if isinstance(g, Sasaran)]
    sasaran_pk = (
        SasaranPK.objects.filter(pemda=renstra.pemda, perjanjian__opd=renstra.opd)
        .filter(any_of(tujuan_id__in=tujuan_ids, sasaran_id__in=sasaran_ids))
        .select_related("perjanjian")
        .order_by("perjanjian__tahun", "perjanjian__revisi")
        .first()
    )
    if sasaran_pk is not None:
        pk = sasaran_pk.perjanjian
        return _("sasaran Perjanjian Kinerja %(tahun)s revisi %(revisi)s merujuk ke sini") % {
            "tahun": pk.tahun,
            "revisi": pk.revisi,
        }
    closed = {
        (p.tahun, p.triwulan): p
        for p in PeriodeLaporan.objects.filter(
            pemda=renstra.pemda, opd=renstra.opd, tahun__range=years
        ).exclude(status__in=PeriodeLaporan.EDITABLE)
    }
    if closed:
        targeted = TargetRenstra.objects.filter(
            pemda=renstra.pemda,
            indikator_renstra__in=[link.pk for link in links],
            tahun__in={tahun for tahun, _tw in closed},
        ).select_related("indikator_renstra__indikator")
        for target in targeted.order_by("tahun"):
            periode = min(
                (p for (tahun, _tw), p in closed.items() if tahun == target.tahun),
                key=lambda p: p.triwulan,
            )
            return _(
                "target %(tahun)s indikator %(indikator)s dipakai TW %(tw)s %(tahun)s yang sudah "
                "%(status)s"
            ) % {
                "tahun": target.tahun,
                "indikator": target.indikator_renstra.indikator.nama,
                "tw": ROMAN[periode.triwulan],
                "status": periode.get_status_display().lower(),
            }
    return ""


def any_of(**lookups):
    """Q(a) | Q(b) | … of the lookups whose list is not empty; matches nothing when all are."""
    found = Q(pk__in=[])
    for name, values in lookups.items():
        if values:
            found |= Q(**{name: values})
    return found


def _refuse_if_used(renstra, links, goals, sentence: str) -> None:
    reason = alasan_tidak_dapat_dihapus(renstra, links, goals)
    if reason:
        raise ValidationError(sentence % {"alasan": reason})


def hapus_tujuan(user, tujuan: Tujuan) -> None:
    """The tujuan with its sasaran and their indicator links (the indicators that no other
    record uses go too)."""
    renstra = tujuan.renstra
    require_planner_of(user, renstra.opd, SUSUN_RENSTRA)
    with transaction.atomic():
        sasaran = list(Sasaran.objects.filter(pemda=tujuan.pemda, tujuan=tujuan))
        links = IndikatorRenstra.objects.filter(pemda=tujuan.pemda, renstra=renstra).filter(
            any_of(tujuan_id__in=[tujuan.pk], sasaran_id__in=[s.pk for s in sasaran])
        )
        links = list(links.select_related("indikator"))
        _refuse_if_used(
            renstra,
            links,
            [tujuan, *sasaran],
            _("Tujuan ini tidak dapat dihapus: %(alasan)s."),
        )
        for link in links:
            _delete_link(link)
        tujuan.delete()
        renumber_links(renstra)


def hapus_sasaran(user, sasaran: Sasaran) -> None:
    renstra = sasaran.renstra
    require_planner_of(user, renstra.opd, SUSUN_RENSTRA)
    with transaction.atomic():
        links = list(
            IndikatorRenstra.objects.filter(pemda=sasaran.pemda, sasaran=sasaran).select_related(
                "indikator"
            )
        )
        _refuse_if_used(
            renstra, links, [sasaran], _("Sasaran ini tidak dapat dihapus: %(alasan)s.")
        )
        for link in links:
            _delete_link(link)
        sasaran.delete()
        renumber_links(renstra)


# --- indicators -------------------------------------------------------------------------------


def kode_indikator_terpakai(opd, kode: str) -> str:
    """Why `kode` cannot name a new indicator of the OPD, or '' (an indicator has it)."""
    existing = Indikator.objects.filter(pemda=opd.pemda, opd=opd, kode=kode).first()
    if existing is None:
        return ""
    return _("Kode %(kode)s sudah dipakai indikator “%(nama)s” OPD ini. Pilih kode lain.") % {
        "kode": kode,
        "nama": existing.nama,
    }


def tambah_indikator_renstra(
    user,
    renstra: Renstra,
    goal: Tujuan | Sasaran,
    sheet: dict,
    targets: dict[int, Decimal | None],
    akhir: Decimal | None,
    alasan: str = "",
) -> IndikatorRenstra:
    """A new indicator of the OPD (`sheet`: kode and the IKU sheet, IndikatorForm's fields)
    under a tujuan or sasaran of the Renstra, with its yearly targets ({tahun: value or None})
    and end target. All or nothing."""
    opd = renstra.opd
    require_planner_of(user, opd, SUSUN_RENSTRA)
    kode = check_kode(sheet.get("kode", ""), Indikator._meta.get_field("kode").max_length)
    if goal.renstra_id != renstra.pk:
        raise ValidationError(_("Tujuan atau sasaran itu bukan bagian Renstra ini."))
    outside = [year for year in targets if not renstra.tahun_awal <= year <= renstra.tahun_akhir]
    if outside:
        raise ValidationError(_("Tahun %(tahun)s di luar periode Renstra.") % {"tahun": outside[0]})
    with transaction.atomic():
        taken = kode_indikator_terpakai(opd, kode)
        if taken:
            raise ValidationError({"kode": taken})
        indikator = Indikator(pemda=opd.pemda, opd=opd)
        for field, value in sheet.items():
            setattr(indikator, field, value)
        indikator.kode = kode
        save_if_unchanged(
            indikator, None, alasan or _("dibuat di %(renstra)s") % {"renstra": renstra}
        )
        errors = {}
        for year, value in targets.items():
            problem = value is not None and check_realisasi_kinerja(indikator, value)
            if problem:
                errors[f"t{year}"] = problem
        problem = akhir is not None and check_realisasi_kinerja(indikator, akhir)
        if problem:
            errors["akhir"] = problem
        if errors:
            raise ValidationError(errors)
        link = IndikatorRenstra(
            pemda=opd.pemda,
            renstra=renstra,
            indikator=indikator,
            tujuan=goal if isinstance(goal, Tujuan) else None,
            sasaran=goal if isinstance(goal, Sasaran) else None,
            urutan=_next_urutan(IndikatorRenstra.objects.filter(pemda=opd.pemda, renstra=renstra)),
        )
        save_if_unchanged(link, None, alasan or _("indikator ditambahkan ke Renstra"))
        actions.simpan_target_renstra(user, link, targets, akhir, link.versi, alasan)
        renumber_links(renstra)
        link.refresh_from_db()
        return link


def _delete_link(link: IndikatorRenstra) -> None:
    """The link with its targets; the indicator too when nothing else uses it (no other
    Renstra, PK, realisation, annual target, not of a program)."""
    indikator = link.indikator
    for target in TargetRenstra.objects.filter(pemda=link.pemda, indikator_renstra=link):
        target._change_reason = _("indikator dihapus dari Renstra")
        target.delete()
    link._change_reason = _("indikator dihapus dari Renstra")
    link.delete()
    unused = (
        indikator.tingkat == "strategis"
        and not IndikatorRenstra.objects.filter(pemda=link.pemda, indikator=indikator).exists()
        and not TargetPK.objects.filter(pemda=link.pemda, indikator=indikator).exists()
        and not indikator.realisasi.exists()
        and not indikator.target_tahunan.exists()
    )
    if unused:
        indikator._change_reason = _("dihapus bersama Renstra-nya")
        indikator.delete()


def hapus_indikator_renstra(user, link: IndikatorRenstra) -> None:
    renstra = link.renstra
    require_planner_of(user, renstra.opd, SUSUN_RENSTRA)
    with transaction.atomic():
        _refuse_if_used(
            renstra,
            [link],
            [],
            _("Indikator ini tidak dapat dihapus dari Renstra: %(alasan)s."),
        )
        _delete_link(link)
        renumber_links(renstra)


# --- Renstra perubahan ------------------------------------------------------------------------


def perubahan_of(murni: Renstra) -> Renstra | None:
    return Renstra.objects.filter(
        pemda=murni.pemda, opd=murni.opd, tahun_awal=murni.tahun_awal, versi=Renstra.Versi.PERUBAHAN
    ).first()


def murni_of(perubahan: Renstra) -> Renstra | None:
    return Renstra.objects.filter(
        pemda=perubahan.pemda,
        opd=perubahan.opd,
        tahun_awal=perubahan.tahun_awal,
        versi=Renstra.Versi.MURNI,
    ).first()


def buat_renstra_perubahan(user, murni: Renstra) -> Renstra:
    """A copy of the murni (visi/misi, tujuan, sasaran, indicator links, targets) as the Renstra
    perubahan of the same period. As the loader and the measurement read it, the perubahan is
    the Renstra in force from then on (a new PK is drafted from it)."""
    require_planner_of(user, murni.opd, SUSUN_RENSTRA)
    if murni.versi != Renstra.Versi.MURNI:
        raise ValidationError(_("Renstra perubahan dibuat dari Renstra murni."))
    with transaction.atomic():
        Renstra.objects.select_for_update().filter(pk=murni.pk).first()
        if perubahan_of(murni) is not None:
            raise ValidationError(
                _("%(renstra)s sudah punya Renstra perubahan; ubah Renstra perubahan itu.")
                % {"renstra": murni}
            )
        reason = _("disalin dari %(renstra)s") % {"renstra": murni}
        new = Renstra(
            pemda=murni.pemda,
            opd=murni.opd,
            versi=Renstra.Versi.PERUBAHAN,
            tahun_awal=murni.tahun_awal,
            tahun_akhir=murni.tahun_akhir,
            **{f: getattr(murni, f) for f in NARASI_FIELDS},
        )
        _save_renstra(new, reason)
        tujuan_map, sasaran_map = {}, {}
        for tujuan in Tujuan.objects.filter(pemda=murni.pemda, renstra=murni):
            tujuan_map[tujuan.pk] = Tujuan.objects.create(
                pemda=murni.pemda,
                renstra=new,
                kode=tujuan.kode,
                urutan=tujuan.urutan,
                uraian=tujuan.uraian,
            )
        for sasaran in Sasaran.objects.filter(pemda=murni.pemda, renstra=murni):
            sasaran_map[sasaran.pk] = Sasaran.objects.create(
                pemda=murni.pemda,
                renstra=new,
                tujuan=tujuan_map[sasaran.tujuan_id],
                kode=sasaran.kode,
                urutan=sasaran.urutan,
                uraian=sasaran.uraian,
            )
        targets: dict = {}
        for target in TargetRenstra.objects.filter(
            pemda=murni.pemda, indikator_renstra__renstra=murni
        ):
            targets.setdefault(target.indikator_renstra_id, []).append(target)
        for link in IndikatorRenstra.objects.filter(pemda=murni.pemda, renstra=murni):
            copy = IndikatorRenstra(
                pemda=murni.pemda,
                renstra=new,
                indikator_id=link.indikator_id,
                tujuan=tujuan_map.get(link.tujuan_id),
                sasaran=sasaran_map.get(link.sasaran_id),
                urutan=link.urutan,
                target_akhir=link.target_akhir,
                target_akhir_atas=link.target_akhir_atas,
            )
            save_if_unchanged(copy, None, reason)
            for target in targets.get(link.pk, []):
                row = TargetRenstra(
                    pemda=murni.pemda,
                    indikator_renstra=copy,
                    tahun=target.tahun,
                    target=target.target,
                    target_atas=target.target_atas,
                )
                save_if_unchanged(row, None, reason)
        return new
