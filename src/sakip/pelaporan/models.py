"""The parts of an LKjIP that people write, per OPD-year; every figure comes from the records."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.organisasi import limits
from sakip.organisasi.limits import paragraphs_field
from sakip.organisasi.models import Berversi, PerangkatDaerah, TenantModel


class LaporanTahunan(Berversi, TenantModel):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="laporan")
    tahun = models.PositiveSmallIntegerField()
    tempat = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    tanggal = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    kata_pengantar = paragraphs_field(limits.NARASI, _("kata pengantar"))
    latar_belakang = paragraphs_field(
        limits.NARASI,
        _("latar belakang"),
        help_text=_("Kosong: dipakai latar belakang dari profil OPD tahun itu."),
    )
    penyebab = paragraphs_field(limits.NARASI, _("penyebab keberhasilan/kegagalan dan solusi"))
    permasalahan = paragraphs_field(limits.NARASI, _("permasalahan"))
    langkah_antisipatif = paragraphs_field(limits.NARASI, _("langkah antisipatif"))
    rekomendasi = paragraphs_field(limits.NARASI, _("rekomendasi"))
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("laporan tahunan")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd", "tahun"], name="laporan_unik_per_tahun"
            ),
        ]


class PekerjaanDokumen(TenantModel):
    """A batch that makes the LKjIP of every OPD of a pemda for one year, with its progress."""

    class Status(models.TextChoices):
        ANTRE = "antre", _("Menunggu")
        BERJALAN = "berjalan", _("Sedang dibuat")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    tahun = models.PositiveSmallIntegerField()
    pdf = models.BooleanField(default=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ANTRE)
    total = models.PositiveIntegerField(default=0)
    selesai = models.PositiveIntegerField(default=0)
    langkah = models.CharField(max_length=200, blank=True)
    pesan = models.TextField(blank=True)
    berkas = models.CharField(max_length=500, blank=True)
    dibuat_oleh = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dibuat"]
        verbose_name_plural = _("pekerjaan dokumen")

    @property
    def persen(self) -> int:
        return round(100 * self.selesai / self.total) if self.total else 0


class TemplatDokumen(TenantModel):
    """A pemda's own Word template for a document (letterhead, fonts, spacing)."""

    class Jenis(models.TextChoices):
        LKJIP = "lkjip", _("LKjIP")
        PK = "pk", _("Perjanjian Kinerja")

    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    berkas = models.CharField(max_length=500)  # path under MEDIA_ROOT, never served directly
    nama_asli = models.CharField(max_length=200)
    diunggah_oleh = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    diunggah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pemda", "jenis"], name="templat_unik_per_pemda"),
        ]
