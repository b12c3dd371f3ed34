"""Quarterly realisations: of performance per indicator, of budget per sub-kegiatan.
A quarter with no row is 'not yet entered'; a row with 0 is a filled zero."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.organisasi import limits
from sakip.organisasi.limits import text_field
from sakip.organisasi.models import Berversi, PerangkatDaerah, TenantModel
from sakip.perencanaan.models import NILAI, RUPIAH, Indikator, SubKegiatan

TRIWULAN_VALID = Q(triwulan__gte=1, triwulan__lte=4)


class RealisasiKinerja(Berversi, TenantModel):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    nilai = models.DecimalField(**NILAI)
    keterangan = text_field(limits.CATATAN, blank=True)
    sumber = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Asal nilai tertaut (SKM, LKE); kosong = diisi operator."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("realisasi kinerja")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "indikator", "tahun", "triwulan"], name="realisasi_kinerja_unik"
            ),
            models.CheckConstraint(condition=TRIWULAN_VALID, name="realisasi_kinerja_triwulan"),
        ]


class RealisasiAnggaran(Berversi, TenantModel):
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.CASCADE, related_name="realisasi"
    )
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    jumlah = models.DecimalField(**RUPIAH)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("realisasi anggaran")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "sub_kegiatan", "tahun", "triwulan"],
                name="realisasi_anggaran_unik",
            ),
            models.CheckConstraint(condition=TRIWULAN_VALID, name="realisasi_anggaran_triwulan"),
            models.CheckConstraint(
                condition=Q(jumlah__gte=0), name="realisasi_anggaran_tidak_negatif"
            ),
        ]


class PeriodeLaporan(Berversi, TenantModel):
    """The state of one OPD's quarter: draft → diajukan → diverifikasi (or dikembalikan with a
    note) → dikunci. Realisations of the quarter can be changed only in draft or dikembalikan."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DIKUNCI = "dikunci", _("Dikunci")

    EDITABLE = (Status.DRAFT, Status.DIKEMBALIKAN)

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="periode")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    catatan = text_field(
        limits.CATATAN, blank=True, help_text=_("Catatan pimpinan saat mengembalikan.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("periode laporan")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd", "tahun", "triwulan"], name="periode_laporan_unik"
            ),
            models.CheckConstraint(condition=TRIWULAN_VALID, name="periode_laporan_triwulan"),
        ]

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE
