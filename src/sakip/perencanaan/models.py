"""The plan: Renstra (murni/perubahan), indicators with IKU sheets, Perjanjian Kinerja,
the program → kegiatan → sub-kegiatan tree and its budgets per DPA version.

Every row a person writes keeps its history (django-simple-history): the structure (tujuan,
sasaran, program, kegiatan, sub-kegiatan, DPA versions, PK sasaran) as well as targets and pagu."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.organisasi import limits
from sakip.organisasi.limits import WholeRupiahValidator, paragraphs_field, text_field
from sakip.organisasi.models import Berversi, PerangkatDaerah, TenantModel

NILAI = {"max_digits": 20, "decimal_places": 6}
# whole rupiah only: the two decimal places stay (the column is unchanged) but must be zero
RUPIAH = {"max_digits": 18, "decimal_places": 2, "validators": [WholeRupiahValidator()]}


class Program(TenantModel):
    """A program of the OPD (Permendagri 90/2019 code, e.g. 7.01.01). Budgets are per year."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="program")
    kode = models.CharField(max_length=40)
    nama = models.CharField(max_length=300)
    sasaran_renstra_kode = models.CharField(
        max_length=20, blank=True, help_text=_("Kode tujuan/sasaran Renstra yang didukung.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "opd", "kode"], name="program_kode_unik"),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class Kegiatan(TenantModel):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")
    kode = models.CharField(max_length=40)
    nama = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "program", "kode"], name="kegiatan_kode_unik"),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class SubKegiatan(TenantModel):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    kode = models.CharField(max_length=40)
    nama = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "kegiatan", "kode"], name="sub_kegiatan_kode_unik"
            ),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class Indikator(Berversi, TenantModel):
    """A performance indicator of the OPD: strategic (tujuan/sasaran, IKU) or of a
    program, kegiatan or sub-kegiatan. Realisations are measured against it."""

    class Arah(models.TextChoices):
        NAIK = "naik", _("Semakin tinggi semakin baik")
        TURUN = "turun", _("Semakin rendah semakin baik")

    class TipePenghitungan(models.TextChoices):
        KUMULATIF = "kumulatif", _("Kumulatif")
        POSISI_AKHIR = "posisi_akhir", _("Posisi akhir")
        RATA_RATA = "rata_rata", _("Rata-rata")

    class Frekuensi(models.TextChoices):
        TRIWULANAN = "triwulanan", _("Setiap triwulan")
        SEMESTERAN = "semesteran", _("Setiap semester (TW II dan IV)")
        TAHUNAN = "tahunan", _("Setahun sekali (TW IV)")

    class SumberRealisasi(models.TextChoices):
        MANUAL = "manual", _("Diisi operator")
        SKM = "skm", _("Otomatis dari hasil SKM (IKM, NIK)")
        LKE = "lke", _("Otomatis dari hasil Evaluasi AKIP (LKE)")

    DUE_QUARTERS = {"triwulanan": (1, 2, 3, 4), "semesteran": (2, 4), "tahunan": (4,)}

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="indikator")
    kode = models.CharField(max_length=60)
    nama = models.CharField(max_length=400)
    satuan = models.CharField(max_length=60)
    arah = models.CharField(max_length=10, choices=Arah.choices, default=Arah.NAIK)
    tipe_penghitungan = models.CharField(
        max_length=20, choices=TipePenghitungan.choices, default=TipePenghitungan.POSISI_AKHIR
    )
    frekuensi = models.CharField(
        max_length=20,
        choices=Frekuensi.choices,
        default=Frekuensi.TRIWULANAN,
        help_text=_("Kapan realisasi wajib diisi."),
    )
    sumber_realisasi = models.CharField(
        _("sumber realisasi"),
        max_length=10,
        choices=SumberRealisasi.choices,
        default=SumberRealisasi.MANUAL,
        help_text=_("Realisasi indikator tertaut tidak diketik operator: ditulis oleh sumbernya."),
    )
    presisi = models.PositiveSmallIntegerField(default=2)
    skala_min = models.DecimalField(**NILAI, null=True, blank=True)
    skala_max = models.DecimalField(**NILAI, null=True, blank=True)
    standar_nasional = models.DecimalField(**NILAI, null=True, blank=True)
    iku = models.BooleanField(_("IKU (indikator kinerja utama)"), default=False)
    alasan_pemilihan = text_field(limits.CATATAN, _("alasan pemilihan"), blank=True)
    formulasi = text_field(limits.CATATAN, _("formulasi pengukuran"), blank=True)
    definisi_operasional = text_field(limits.CATATAN, _("definisi operasional"), blank=True)
    sumber_data = text_field(limits.CATATAN, _("sumber data"), blank=True)
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="indikator"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("indikator")
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "opd", "kode"], name="indikator_kode_unik"),
            models.CheckConstraint(
                condition=(
                    Q(program__isnull=True, kegiatan__isnull=True)
                    | Q(program__isnull=True, sub_kegiatan__isnull=True)
                    | Q(kegiatan__isnull=True, sub_kegiatan__isnull=True)
                ),
                name="indikator_satu_tingkat_anggaran",
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def tingkat(self) -> str:
        if self.sub_kegiatan_id:
            return "sub_kegiatan"
        if self.kegiatan_id:
            return "kegiatan"
        if self.program_id:
            return "program"
        return "strategis"


class TargetTahunan(Berversi, TenantModel):
    """The annual target (Renja) of an indicator that is not in the PK, e.g. of a program."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="target_tahunan"
    )
    tahun = models.PositiveSmallIntegerField()
    target = models.DecimalField(**NILAI)
    target_atas = models.DecimalField(**NILAI, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "indikator", "tahun"], name="target_tahunan_unik"
            ),
        ]


class Renstra(TenantModel):
    class Versi(models.TextChoices):
        MURNI = "murni", _("Murni")
        PERUBAHAN = "perubahan", _("Perubahan")

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="renstra")
    versi = models.CharField(max_length=20, choices=Versi.choices)
    tahun_awal = models.PositiveSmallIntegerField()
    tahun_akhir = models.PositiveSmallIntegerField()
    nomor = models.CharField(max_length=300, blank=True)
    visi_pemda = text_field(limits.URAIAN, blank=True)
    penjelasan_visi_pemda = models.JSONField(default=list, blank=True)  # [{judul, poin: [...]}]
    misi_pemda = paragraphs_field(limits.NARASI)
    visi_opd = text_field(limits.URAIAN, blank=True)
    penjelasan_visi_opd = models.JSONField(default=list, blank=True)
    misi_opd = paragraphs_field(limits.NARASI)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("renstra")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd", "tahun_awal", "versi"], name="renstra_versi_unik"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")), name="renstra_periode_urut"
            ),
        ]

    def __str__(self):
        return f"Renstra {self.get_versi_display()} {self.tahun_awal}–{self.tahun_akhir}"


class Tujuan(TenantModel):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    kode = models.CharField(max_length=20)
    urutan = models.PositiveSmallIntegerField()
    uraian = text_field(limits.URAIAN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        verbose_name_plural = _("tujuan")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "renstra", "kode"], name="tujuan_kode_unik"),
        ]

    def __str__(self):
        return self.uraian


class Sasaran(TenantModel):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran")
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    kode = models.CharField(max_length=20)
    urutan = models.PositiveSmallIntegerField()
    uraian = text_field(limits.URAIAN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        verbose_name_plural = _("sasaran")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "renstra", "kode"], name="sasaran_kode_unik"),
        ]

    def __str__(self):
        return self.uraian


class IndikatorRenstra(Berversi, TenantModel):
    """An indicator of a tujuan or sasaran in one Renstra version, with its end target."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indikator")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="renstra")
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, null=True, blank=True)
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, null=True, blank=True)
    urutan = models.PositiveSmallIntegerField()
    target_akhir = models.DecimalField(**NILAI, null=True, blank=True)
    target_akhir_atas = models.DecimalField(**NILAI, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "renstra", "indikator"], name="indikator_renstra_unik"
            ),
            models.CheckConstraint(
                condition=Q(tujuan__isnull=True, sasaran__isnull=False)
                | Q(tujuan__isnull=False, sasaran__isnull=True),
                name="indikator_renstra_tujuan_atau_sasaran",
            ),
        ]


class TargetRenstra(Berversi, TenantModel):
    indikator_renstra = models.ForeignKey(
        IndikatorRenstra, on_delete=models.CASCADE, related_name="target"
    )
    tahun = models.PositiveSmallIntegerField()
    target = models.DecimalField(**NILAI)
    target_atas = models.DecimalField(**NILAI, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "indikator_renstra", "tahun"], name="target_renstra_unik"
            ),
        ]


class PerjanjianKinerja(Berversi, TenantModel):
    """The yearly PK between the head of the OPD and the head of the region; revisions
    are new rows with a higher `revisi`; the highest signed one is in force."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="perjanjian_kinerja"
    )
    tahun = models.PositiveSmallIntegerField()
    revisi = models.PositiveSmallIntegerField(default=0)
    renstra = models.ForeignKey(Renstra, on_delete=models.PROTECT, null=True, blank=True)
    tanggal = models.DateField(null=True, blank=True)
    tempat = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    pihak_pertama_nama = models.CharField(max_length=200, blank=True)
    pihak_pertama_nip = models.CharField(max_length=30, blank=True)
    pihak_pertama_pangkat = models.CharField(max_length=100, blank=True)
    pihak_pertama_jabatan = models.CharField(max_length=200, blank=True)
    pihak_kedua_nama = models.CharField(max_length=200, blank=True)
    pihak_kedua_nip = models.CharField(max_length=30, blank=True)
    pihak_kedua_pangkat = models.CharField(max_length=100, blank=True)
    pihak_kedua_jabatan = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd", "tahun", "revisi"], name="pk_revisi_unik"
            ),
        ]

    def __str__(self):
        return f"PK {self.tahun} revisi {self.revisi}"


class SasaranPK(TenantModel):
    perjanjian = models.ForeignKey(
        PerjanjianKinerja, on_delete=models.CASCADE, related_name="sasaran"
    )
    urutan = models.PositiveSmallIntegerField()
    uraian = text_field(limits.URAIAN)
    tujuan = models.ForeignKey(Tujuan, on_delete=models.SET_NULL, null=True, blank=True)
    sasaran = models.ForeignKey(Sasaran, on_delete=models.SET_NULL, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]


class TargetPK(Berversi, TenantModel):
    sasaran_pk = models.ForeignKey(SasaranPK, on_delete=models.CASCADE, related_name="target")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="target_pk")
    urutan = models.PositiveSmallIntegerField()
    target = models.DecimalField(**NILAI)
    target_atas = models.DecimalField(**NILAI, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "sasaran_pk", "indikator"], name="target_pk_unik"
            ),
        ]


class VersiAnggaran(TenantModel):
    """A DPA of one OPD-year: murni, then perubahan. The latest one is in force."""

    class Jenis(models.TextChoices):
        MURNI = "murni", _("DPA Murni")
        PERUBAHAN = "perubahan", _("DPA Perubahan")

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="versi_anggaran"
    )
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    urutan = models.PositiveSmallIntegerField()
    nomor = models.CharField(max_length=200, blank=True)
    tanggal = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tahun", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "opd", "tahun", "jenis"], name="versi_anggaran_unik"
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tahun}"

    @classmethod
    def in_force(cls, opd, tahun: int):
        """The DPA in force for an OPD-year: the latest version (murni, then perubahan).
        `measurement.load_year` applies the same rule to many OPDs at once."""
        return cls.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).order_by("-urutan").first()


class Pagu(Berversi, TenantModel):
    versi_anggaran = models.ForeignKey(VersiAnggaran, on_delete=models.CASCADE, related_name="pagu")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, related_name="pagu")
    jumlah = models.DecimalField(**RUPIAH)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("pagu")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "versi_anggaran", "sub_kegiatan"], name="pagu_unik"
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="pagu_tidak_negatif"),
        ]
