"""The SKM of one OPD (PermenPAN-RB 14/2017).

- `Layanan`: a service the OPD surveys (KTP/KK, SKTM, dispensasi nikah…), with a public `token`
  used in the link and QR code of its form.
- `PertanyaanUnsur`: the OPD's wording of the question of each of the nine unsur (U1…U9) and the
  four answer labels (1 = worst … 4 = best); seeded from the regulation (`standar.py`).
- `PeriodeSurvei`: a survey period (semester I, semester II or a whole year) with its dates, the
  population served (for the Krejcie–Morgan sample size) and whether the public form is open.
- `KodeSekali`: a one-time code printed on a service receipt; a response that carries it counts once.
- `Respons`: one questionnaire: nine answers 1–4 in columns u1…u9 (so that NRR per unsur is one
  SUM/COUNT in the database), the respondent profile, an optional suggestion, how it arrived
  (online, paper grid, XLSX import), and a fingerprint for duplicate detection.

Responses are immutable records, and so have no HistoricalRecords (a million-row table whose
every public insert would be written twice). A response is never edited; the only change is
voiding: `dibatalkan` with who (`dibatalkan_oleh`), when (`dibatalkan_pada`) and why
(`alasan_batal`) on the row itself, plus a `Peristiwa` event with the reason. Voided responses
are not counted. A one-time code changes once, when used: its `dipakai` time is its record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.organisasi import limits
from sakip.organisasi.limits import text_field
from sakip.organisasi.models import Berversi, PerangkatDaerah, TenantModel

ANSWER_VALID = {f"u{i}__gte": 1 for i in range(1, 10)} | {f"u{i}__lte": 4 for i in range(1, 10)}
UNSUR_FIELDS = tuple(f"u{i}" for i in range(1, 10))


class Layanan(Berversi, TenantModel):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="layanan")
    kode = models.SlugField(max_length=60)
    nama = models.CharField(max_length=200)
    urutan = models.PositiveSmallIntegerField(default=0)
    aktif = models.BooleanField(default=True)
    token = models.CharField(max_length=32, unique=True, help_text=_("Bagian tautan publik."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name_plural = _("layanan")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "opd", "kode"], name="layanan_kode_unik"),
        ]

    def __str__(self):
        return self.nama


class PertanyaanUnsur(Berversi, TenantModel):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="unsur_skm")
    kode = models.CharField(max_length=3)  # U1 … U9
    nama = models.CharField(max_length=100)
    pertanyaan = models.CharField(max_length=400)
    label_1 = models.CharField(max_length=100)
    label_2 = models.CharField(max_length=100)
    label_3 = models.CharField(max_length=100)
    label_4 = models.CharField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kode"]
        verbose_name_plural = _("pertanyaan unsur SKM")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "opd", "kode"], name="unsur_skm_unik"),
        ]

    @property
    def labels(self) -> tuple[str, str, str, str]:
        return (self.label_1, self.label_2, self.label_3, self.label_4)


class PeriodeSurvei(Berversi, TenantModel):
    class Jenis(models.TextChoices):
        SEMESTER_1 = "semester_1", _("Semester I")
        SEMESTER_2 = "semester_2", _("Semester II")
        TAHUN = "tahun", _("Tahunan")

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="periode_skm")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    mulai = models.DateField()
    selesai = models.DateField()
    populasi = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Jumlah penerima layanan dalam periode, untuk besar sampel Krejcie–Morgan."),
    )
    dibuka = models.BooleanField(_("formulir publik dibuka"), default=True)
    wajib_kode = models.BooleanField(
        _("wajib kode sekali pakai"),
        default=False,
        help_text=_("Respons daring hanya diterima dengan kode dari tanda terima layanan."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tahun", "jenis"]
        verbose_name_plural = _("periode survei")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd", "tahun", "jenis"], name="periode_skm_unik"
            ),
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")), name="periode_skm_urut"
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tahun}"

    @property
    def keadaan_formulir(self) -> str:
        """What the public form does today for this period, in words."""
        today = timezone.localdate()
        if not self.dibuka:
            return _("ditutup")
        if today > self.selesai:
            return _("dibuka, tetapi periodenya sudah berakhir: formulir tidak menerima jawaban")
        if today < self.mulai:
            return _("dibuka, menerima jawaban mulai %(tanggal)s") % {
                "tanggal": date_format(self.mulai, "j F Y")
            }
        return _("dibuka, menerima jawaban")


class KodeSekali(TenantModel):
    periode = models.ForeignKey(PeriodeSurvei, on_delete=models.CASCADE, related_name="kode")
    layanan = models.ForeignKey(Layanan, on_delete=models.CASCADE, null=True, blank=True)
    kode = models.CharField(max_length=16)
    dipakai = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = _("kode sekali pakai")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "periode", "kode"], name="kode_sekali_unik"),
        ]


class Respons(TenantModel):
    class Saluran(models.TextChoices):
        DARING = "daring", _("Formulir daring")
        KERTAS = "kertas", _("Kuesioner kertas")
        IMPOR = "impor", _("Impor XLSX")

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", _("Laki-laki")
        PEREMPUAN = "P", _("Perempuan")

    class Pendidikan(models.TextChoices):
        SD = "sd", _("SD ke bawah")
        SMP = "smp", _("SMP")
        SMA = "sma", _("SMA/SMK")
        D3 = "d3", _("D1–D3")
        S1 = "s1", _("D4/S1")
        S2 = "s2", _("S2 ke atas")

    class Pekerjaan(models.TextChoices):
        PNS = "pns", _("PNS/TNI/Polri")
        SWASTA = "swasta", _("Pegawai swasta")
        WIRAUSAHA = "wirausaha", _("Wiraswasta/usaha")
        PETANI = "petani", _("Petani/nelayan")
        PELAJAR = "pelajar", _("Pelajar/mahasiswa")
        LAINNYA = "lainnya", _("Lainnya")

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="respons_skm")
    periode = models.ForeignKey(PeriodeSurvei, on_delete=models.PROTECT, related_name="respons")
    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="respons")
    diterima = models.DateTimeField(auto_now_add=True, db_index=True)
    saluran = models.CharField(max_length=10, choices=Saluran.choices)
    jenis_kelamin = models.CharField(max_length=1, choices=JenisKelamin.choices)
    usia = models.PositiveSmallIntegerField()
    pendidikan = models.CharField(max_length=10, choices=Pendidikan.choices)
    pekerjaan = models.CharField(max_length=10, choices=Pekerjaan.choices)
    u1 = models.PositiveSmallIntegerField()
    u2 = models.PositiveSmallIntegerField()
    u3 = models.PositiveSmallIntegerField()
    u4 = models.PositiveSmallIntegerField()
    u5 = models.PositiveSmallIntegerField()
    u6 = models.PositiveSmallIntegerField()
    u7 = models.PositiveSmallIntegerField()
    u8 = models.PositiveSmallIntegerField()
    u9 = models.PositiveSmallIntegerField()
    saran = text_field(limits.SARAN, blank=True)
    kode_sekali = models.OneToOneField(
        KodeSekali, on_delete=models.PROTECT, null=True, blank=True, related_name="respons"
    )
    sidik = models.CharField(
        max_length=64, blank=True, db_index=True, help_text=_("Sidik untuk deteksi duplikat.")
    )
    diinput_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibatalkan = models.BooleanField(default=False)
    alasan_batal = text_field(limits.ALASAN, blank=True)
    dibatalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibatalkan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = _("respons SKM")
        indexes = [
            models.Index(fields=["pemda", "periode", "layanan"], name="respons_periode_layanan"),
            # the results' SUM/COUNT per period (and per service) read this index alone
            # (PostgreSQL index-only scan): bench/skm.py, 25.000 responses 44 ms -> 7 ms
            models.Index(
                fields=["pemda", "periode", "layanan", *UNSUR_FIELDS],
                condition=Q(dibatalkan=False),
                name="respons_hitung",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(**ANSWER_VALID), name="respons_jawaban_1_4"),
            models.CheckConstraint(
                condition=Q(usia__gte=10, usia__lte=120), name="respons_usia_wajar"
            ),
        ]
