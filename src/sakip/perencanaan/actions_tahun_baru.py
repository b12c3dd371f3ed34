"""Starting year N+1 of an OPD in one action: the draft PK from the Renstra targets of N+1,
the DPA in force in N copied as the (draft, unnumbered) DPA Murni of N+1, and the annual targets
of the program/kegiatan/sub-kegiatan indicators of N copied where N+1 has none. Nothing of
year N changes.

Who: the planners of the OPD (actions.require_planner_of), as for the PK it creates.

The quarters of N+1 need nothing: a quarter's row (PeriodeLaporan) is created in draft on its
first use (pengukuran.actions.periode_of), so a year with no row has its four quarters open.
No Peristiwa is written: the event log has no kind for it, and adding one is a migration."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.organisasi.access import Refusals
from sakip.organisasi.concurrency import save_if_unchanged
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.actions import buat_pk_dari_renstra, renstra_of_year, require_planner_of
from sakip.perencanaan.actions_pohon_anggaran import buat_dpa_murni
from sakip.perencanaan.models import (
    IndikatorRenstra,
    Pagu,
    PerjanjianKinerja,
    Renstra,
    TargetRenstra,
    TargetTahunan,
    VersiAnggaran,
)

MULAI_TAHUN = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat memulai tahun baru."),
    own_opd=gettext_lazy("Anda hanya dapat memulai tahun baru OPD Anda sendiri."),
)
NODE_INDICATOR = (
    Q(indikator__program__isnull=False)
    | Q(indikator__kegiatan__isnull=False)
    | Q(indikator__sub_kegiatan__isnull=False)
)


@dataclass
class RencanaTahunBaru:
    """What starting `tahun` would create, or `alasan`: why it is refused (nothing is made)."""

    tahun: int
    renstra: Renstra | None = None
    target_renstra: list[TargetRenstra] = field(default_factory=list)
    dpa_asal: VersiAnggaran | None = None
    pagu: list[Pagu] = field(default_factory=list)
    target_tahunan: list[TargetTahunan] = field(default_factory=list)
    alasan: list[str] = field(default_factory=list)

    @property
    def tahun_lama(self) -> int:
        return self.tahun - 1

    @property
    def jumlah_pagu(self):
        return sum((p.jumlah for p in self.pagu), start=0)


@dataclass
class HasilTahunBaru:
    perjanjian: PerjanjianKinerja
    dpa: VersiAnggaran | None
    target_tahunan: int


def rencana_tahun_baru(opd, tahun: int) -> RencanaTahunBaru:
    """Reads only: the plan shown on the confirmation page and checked again by the action."""
    plan = RencanaTahunBaru(tahun=tahun)
    pemda = opd.pemda
    if PerjanjianKinerja.objects.filter(pemda=pemda, opd=opd, tahun=tahun).exists():
        plan.alasan.append(
            _(
                "Perjanjian Kinerja %(tahun)s sudah ada: tahun %(tahun)s sudah dimulai. Ubah PK "
                "itu di halaman Perjanjian Kinerja."
            )
            % {"tahun": tahun}
        )
    dpa_baru = VersiAnggaran.in_force(opd, tahun)
    if dpa_baru is not None:
        plan.alasan.append(
            _("%(versi)s sudah ada: ubah pagunya di halaman DPA %(tahun)s.")
            % {"versi": dpa_baru, "tahun": tahun}
        )
    plan.renstra = renstra_of_year(opd, tahun)
    if plan.renstra is None:
        plan.alasan.append(
            _(
                "Belum ada Renstra yang mencakup tahun %(tahun)s: susun Renstra periode berikutnya "
                "lebih dulu."
            )
            % {"tahun": tahun}
        )
    else:
        plan.target_renstra = list(
            TargetRenstra.objects.filter(
                pemda=pemda, indikator_renstra__renstra=plan.renstra, tahun=tahun
            )
            .select_related("indikator_renstra__indikator")
            .order_by("indikator_renstra__urutan")
        )
        if not plan.target_renstra:
            plan.alasan.append(
                _(
                    "%(renstra)s belum memuat target tahun %(tahun)s untuk %(n)s indikatornya: "
                    "isi targetnya di halaman Renstra lebih dulu."
                )
                % {
                    "renstra": plan.renstra,
                    "tahun": tahun,
                    "n": IndikatorRenstra.objects.filter(pemda=pemda, renstra=plan.renstra).count(),
                }
            )
    plan.dpa_asal = VersiAnggaran.in_force(opd, plan.tahun_lama)
    if plan.dpa_asal is not None:
        plan.pagu = list(
            Pagu.objects.filter(pemda=pemda, versi_anggaran=plan.dpa_asal)
            .select_related("sub_kegiatan")
            .order_by("sub_kegiatan__kode")
        )
    has_new = TargetTahunan.objects.filter(
        pemda=pemda, indikator__opd=opd, tahun=tahun
    ).values_list("indikator_id", flat=True)
    plan.target_tahunan = list(
        TargetTahunan.objects.filter(NODE_INDICATOR, pemda=pemda, indikator__opd=opd)
        .filter(tahun=plan.tahun_lama)
        .exclude(indikator_id__in=has_new)
        .select_related("indikator")
        .order_by("indikator__kode")
    )
    return plan


def mulai_tahun_baru(user, opd, tahun_baru: int) -> HasilTahunBaru:
    """Start `tahun_baru` (N+1) from year N in one transaction, or a ValidationError with every
    reason it is refused and nothing made."""
    require_planner_of(user, opd, MULAI_TAHUN)
    with transaction.atomic():
        # two planners pressing the button at once: the second waits, then is refused
        PerangkatDaerah.objects.select_for_update().filter(pk=opd.pk).first()
        plan = rencana_tahun_baru(opd, tahun_baru)
        if plan.alasan:
            raise ValidationError(plan.alasan)
        perjanjian = buat_pk_dari_renstra(user, opd, tahun_baru)
        dpa = None
        if plan.pagu:
            dpa = buat_dpa_murni(
                user, opd, tahun_baru, {row.sub_kegiatan: row.jumlah for row in plan.pagu}
            )
        reason = _("disalin dari target %(tahun)s saat memulai tahun %(baru)s") % {
            "tahun": plan.tahun_lama,
            "baru": tahun_baru,
        }
        for old in plan.target_tahunan:
            row = TargetTahunan(
                pemda=opd.pemda,
                indikator=old.indikator,
                tahun=tahun_baru,
                target=old.target,
                target_atas=old.target_atas,
            )
            save_if_unchanged(row, None, reason)
        return HasilTahunBaru(perjanjian, dpa, len(plan.target_tahunan))
