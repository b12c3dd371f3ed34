"""The parts of an LKjIP that people write, per OPD-year; every figure comes from the records."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.organisasi.models import Berversi, PerangkatDaerah, TenantModel


class LaporanTahunan(Berversi, TenantModel):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="laporan")
    tahun = models.PositiveSmallIntegerField()
    tempat = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    tanggal = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    kata_pengantar = models.JSONField(_("kata pengantar"), default=list, blank=True)
    penyebab = models.JSONField(
        _("penyebab keberhasilan/kegagalan dan solusi"), default=list, blank=True
    )
    permasalahan = models.JSONField(_("permasalahan"), default=list, blank=True)
    langkah_antisipatif = models.JSONField(_("langkah antisipatif"), default=list, blank=True)
    rekomendasi = models.JSONField(_("rekomendasi"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("laporan tahunan")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd", "tahun"], name="laporan_unik_per_tahun"
            ),
        ]
