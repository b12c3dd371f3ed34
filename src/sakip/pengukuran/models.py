"""Quarterly realisations: of performance per indicator, of budget per sub-kegiatan.
A quarter with no row is 'not yet entered'; a row with 0 is a filled zero."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.organisasi.models import TenantModel
from sakip.perencanaan.models import NILAI, RUPIAH, Indikator, SubKegiatan

TRIWULAN_VALID = Q(triwulan__gte=1, triwulan__lte=4)


class RealisasiKinerja(TenantModel):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    nilai = models.DecimalField(**NILAI)
    keterangan = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("realisasi kinerja")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "indikator", "tahun", "triwulan"], name="realisasi_kinerja_unik"
            ),
            models.CheckConstraint(condition=TRIWULAN_VALID, name="realisasi_kinerja_triwulan"),
        ]


class RealisasiAnggaran(TenantModel):
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
