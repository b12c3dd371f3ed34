"""Evaluasi AKIP (PermenPAN-RB 88/2021) as rows.

The instrument, versioned per pemda and never edited once loaded (a change is a new version):
- `InstrumenLke` (kode, nama, versi, dasar hukum) with its answer scale `NilaiJawaban` (AA..E and
  their values), components `KomponenLke` (bobot), their sub-components `SubKomponenLke`
  (keberadaan / kualitas / pemanfaatan, bobot) and criteria `KriteriaLke` (text, bukti dukung).

The evaluation of one OPD and year:
- `Evaluasi` points to the instrument version it was made with (PROTECT) and carries the flow:
  penilaian_mandiri → diajukan → dievaluasi → direviu → dipublikasikan, the evaluator and ketua
  tim accounts, dates, and on publication the frozen total and predikat.
- `JawabanKriteria`, one per criterion: the OPD's self-assessment (nilai_mandiri + penjelasan)
  and the evaluator's grade (nilai_evaluator + catatan) are separate columns written by
  separate roles (see actions.py).
- `BuktiDukung`: evidence of a JawabanKriteria or a TindakLanjut: a link to a sakip record of
  that OPD/year (chosen from a list, see evidence.py) or an uploaded file kept under
  settings.DATA_DIR and served only through an authorized view.
- `Rekomendasi` (by the evaluator) and its `TindakLanjut` (by the OPD; accepted → the
  recommendation is closed, or returned with a note).

Every row that changes keeps its history (django-simple-history)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.organisasi import limits
from sakip.organisasi.limits import paragraphs_field, text_field
from sakip.organisasi.models import Berversi, PerangkatDaerah, TenantModel

BOBOT = {"max_digits": 7, "decimal_places": 3}
SKOR = {"max_digits": 12, "decimal_places": 6}


class InstrumenLke(TenantModel):
    kode = models.CharField(max_length=100)
    nama = models.CharField(max_length=300)
    versi = models.CharField(max_length=50)
    dasar_hukum = text_field(limits.URAIAN, blank=True)
    keterangan = text_field(limits.URAIAN, blank=True)
    dimuat_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instrumen LKE")
        verbose_name_plural = _("instrumen LKE")
        ordering = ["kode", "-dimuat_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "kode", "versi"], name="instrumen_lke_versi_unik"
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.kode}, versi {self.versi})"


class NilaiJawaban(TenantModel):
    instrumen = models.ForeignKey(InstrumenLke, on_delete=models.CASCADE, related_name="jawaban")
    urutan = models.PositiveSmallIntegerField()
    huruf = models.CharField(max_length=5)
    nilai = models.DecimalField(**BOBOT)
    uraian = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "instrumen", "huruf"], name="nilai_jawaban_unik"
            ),
        ]


class KomponenLke(TenantModel):
    instrumen = models.ForeignKey(InstrumenLke, on_delete=models.CASCADE, related_name="komponen")
    urutan = models.PositiveSmallIntegerField()
    kode = models.CharField(max_length=20)
    nama = models.CharField(max_length=300)
    bobot = models.DecimalField(**BOBOT)

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "instrumen", "kode"], name="komponen_lke_unik"
            ),
        ]

    def __str__(self):
        return f"{self.kode}. {self.nama}"


class SubKomponenLke(TenantModel):
    class Dimensi(models.TextChoices):
        KEBERADAAN = "keberadaan", _("Keberadaan")
        KUALITAS = "kualitas", _("Kualitas")
        PEMANFAATAN = "pemanfaatan", _("Pemanfaatan")

    komponen = models.ForeignKey(KomponenLke, on_delete=models.CASCADE, related_name="sub_komponen")
    urutan = models.PositiveSmallIntegerField()
    kode = models.CharField(max_length=20)
    dimensi = models.CharField(max_length=20, choices=Dimensi.choices)
    nama = text_field(limits.URAIAN)
    bobot = models.DecimalField(**BOBOT)

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "komponen", "kode"], name="sub_komponen_lke_unik"
            ),
        ]

    def __str__(self):
        return f"{self.kode} {self.get_dimensi_display()}"


class KriteriaLke(TenantModel):
    sub_komponen = models.ForeignKey(
        SubKomponenLke, on_delete=models.CASCADE, related_name="kriteria"
    )
    urutan = models.PositiveSmallIntegerField()
    kode = models.CharField(max_length=20)
    uraian = text_field(limits.URAIAN)
    bukti_dukung = paragraphs_field(limits.URAIAN)

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "sub_komponen", "kode"], name="kriteria_lke_unik"
            ),
        ]

    def __str__(self):
        return f"{self.kode} {self.uraian}"


class Evaluasi(Berversi, TenantModel):
    class Status(models.TextChoices):
        PENILAIAN_MANDIRI = "penilaian_mandiri", _("Penilaian mandiri OPD")
        DIAJUKAN = "diajukan", _("Diajukan ke evaluator")
        DIEVALUASI = "dievaluasi", _("Sedang dievaluasi")
        DIREVIU = "direviu", _("Direviu ketua tim")
        DIPUBLIKASIKAN = "dipublikasikan", _("Dipublikasikan")

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="evaluasi")
    tahun = models.PositiveSmallIntegerField()
    instrumen = models.ForeignKey(InstrumenLke, on_delete=models.PROTECT, related_name="evaluasi")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENILAIAN_MANDIRI
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    ketua_tim = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuka_pada = models.DateTimeField(auto_now_add=True)
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    direviu_pada = models.DateTimeField(null=True, blank=True)
    dipublikasikan_pada = models.DateTimeField(null=True, blank=True)
    catatan_reviu = text_field(limits.CATATAN, blank=True)
    catatan_pengembalian = text_field(limits.CATATAN, blank=True)
    nilai_akhir = models.DecimalField(**SKOR, null=True, blank=True)
    predikat = models.CharField(max_length=5, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluasi AKIP")
        verbose_name_plural = _("evaluasi AKIP")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "opd", "tahun"], name="evaluasi_unik"),
        ]

    def __str__(self):
        return f"Evaluasi AKIP {self.opd} {self.tahun}"

    @property
    def dipublikasikan(self) -> bool:
        return self.status == self.Status.DIPUBLIKASIKAN


class JawabanKriteria(Berversi, TenantModel):
    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.ForeignKey(KriteriaLke, on_delete=models.PROTECT, related_name="+")
    nilai_mandiri = models.CharField(max_length=5, blank=True)
    penjelasan_mandiri = text_field(limits.CATATAN, blank=True)
    nilai_evaluator = models.CharField(max_length=5, blank=True)
    catatan_evaluator = text_field(limits.CATATAN, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("jawaban kriteria")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "evaluasi", "kriteria"], name="jawaban_kriteria_unik"
            ),
        ]


class Rekomendasi(Berversi, TenantModel):
    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Belum ditindaklanjuti")
        MENUNGGU = "menunggu", _("Tindak lanjut menunggu penilaian")
        SELESAI = "selesai", _("Selesai")

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="rekomendasi")
    komponen = models.ForeignKey(
        KomponenLke, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    urutan = models.PositiveSmallIntegerField()
    uraian = text_field(limits.CATATAN, _("rekomendasi"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TERBUKA)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        verbose_name_plural = _("rekomendasi")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "evaluasi", "urutan"], name="rekomendasi_urutan_unik"
            ),
        ]


class TindakLanjut(Berversi, TenantModel):
    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan OPD")
        DITERIMA = "diterima", _("Diterima evaluator")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan evaluator")

    rekomendasi = models.ForeignKey(
        Rekomendasi, on_delete=models.CASCADE, related_name="tindak_lanjut"
    )
    uraian = text_field(limits.CATATAN, _("tindak lanjut"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DIAJUKAN)
    catatan_evaluator = text_field(limits.CATATAN, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dibuat_pada", "pk"]
        verbose_name_plural = _("tindak lanjut")


class BuktiDukung(TenantModel):
    class Jenis(models.TextChoices):
        RUJUKAN = "rujukan", _("Tautan ke data sakip")
        BERKAS = "berkas", _("Berkas unggahan")

    jawaban = models.ForeignKey(
        JawabanKriteria, on_delete=models.CASCADE, null=True, blank=True, related_name="bukti"
    )
    tindak_lanjut = models.ForeignKey(
        TindakLanjut, on_delete=models.CASCADE, null=True, blank=True, related_name="bukti"
    )
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    rujukan = models.CharField(max_length=100, blank=True)  # a key of evidence.pilihan_rujukan
    judul = models.CharField(max_length=300)
    nama_berkas = models.CharField(max_length=255, blank=True)
    berkas = models.CharField(max_length=500, blank=True)  # path relative to settings.DATA_DIR
    ukuran = models.PositiveIntegerField(null=True, blank=True)
    tipe = models.CharField(max_length=100, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dibuat_pada", "pk"]
        verbose_name_plural = _("bukti dukung")
        constraints = [
            models.CheckConstraint(
                condition=Q(jawaban__isnull=False, tindak_lanjut__isnull=True)
                | Q(jawaban__isnull=True, tindak_lanjut__isnull=False),
                name="bukti_milik_satu_jawaban_atau_tindak_lanjut",
            ),
        ]
