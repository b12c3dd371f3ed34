"""The tenant (pemda), its units (OPD) and the OPD profile of LKjIP Bab I."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.organisasi import limits
from sakip.organisasi.limits import paragraphs_field, text_field


class Pemda(models.Model):
    """A regional government: the tenant. Every other row carries one."""

    class Jenis(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        PROVINSI = "provinsi", _("Provinsi")

    class MetodeEfisiensi(models.TextChoices):
        CAPAIAN_VS_SERAPAN = "capaian_vs_serapan", _("Capaian dibanding serapan")
        SISA_ANGGARAN = "sisa_anggaran", _("Sisa anggaran (100 − serapan)")

    slug = models.SlugField(unique=True)
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    ibu_kota = models.CharField(max_length=100, blank=True)
    kepala_daerah_nama = models.CharField(max_length=200, blank=True)
    kepala_daerah_jabatan = models.CharField(max_length=200, blank=True)
    metode_efisiensi = models.CharField(
        max_length=30, choices=MetodeEfisiensi.choices, default=MetodeEfisiensi.CAPAIAN_VS_SERAPAN
    )
    batas_capaian = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Batas atas capaian untuk agregasi (mis. 120); kosong = tanpa batas."),
    )

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")

    def __str__(self):
        return self.nama


class TenantModel(models.Model):
    """Base of every tenant-owned row: it carries its pemda, grandchildren included."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class SkalaPredikat(TenantModel):
    nama = models.CharField(max_length=200)
    aktif = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pemda", "nama"], name="skala_unik_per_pemda"),
            models.UniqueConstraint(
                fields=["pemda"], condition=Q(aktif=True), name="satu_skala_aktif_per_pemda"
            ),
        ]

    def __str__(self):
        return self.nama


class RentangPredikat(TenantModel):
    skala = models.ForeignKey(SkalaPredikat, on_delete=models.CASCADE, related_name="rentang")
    urutan = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=100)
    batas_bawah = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    bawah_inklusif = models.BooleanField(default=True)
    batas_atas = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    atas_inklusif = models.BooleanField(default=False)
    warna = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "skala", "label"], name="rentang_label_unik_per_skala"
            ),
        ]


class PerangkatDaerah(TenantModel):
    """An OPD: dinas, badan, kecamatan... with the profile that does not change yearly."""

    class Jenis(models.TextChoices):
        KECAMATAN = "kecamatan", _("Kecamatan")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        LAINNYA = "lainnya", _("Lainnya")

    slug = models.SlugField()
    nama = models.CharField(max_length=200)
    singkatan = models.CharField(max_length=50, blank=True)
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    # a deactivated OPD leaves the lists where new work starts; its records stay readable
    aktif = models.BooleanField(default=True)
    urusan = models.CharField(max_length=200, blank=True)
    alamat = models.CharField(max_length=300, blank=True)
    dasar_pembentukan = text_field(limits.NARASI, blank=True)
    tugas = text_field(limits.NARASI, blank=True)
    fungsi = paragraphs_field(limits.NARASI)
    kepala_nama = models.CharField(max_length=200, blank=True)
    kepala_nip = models.CharField(max_length=30, blank=True)
    kepala_pangkat = models.CharField(max_length=100, blank=True)
    kepala_jabatan = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "slug"], name="opd_slug_unik_per_pemda"),
        ]

    def __str__(self):
        return self.nama


class UnitKerja(TenantModel):
    """A unit of the OPD's struktur organisasi with its tupoksi."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="unit_kerja")
    urutan = models.PositiveSmallIntegerField()
    nama = models.CharField(max_length=200)
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="bawahan"
    )
    uraian_tugas = text_field(limits.NARASI, blank=True)
    tugas = paragraphs_field(limits.NARASI)
    versi = models.PositiveIntegerField(default=1, editable=False)  # see Berversi
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "opd", "nama"], name="unit_unik_per_opd"),
        ]


class ProfilTahunan(TenantModel):
    """The facts of LKjIP Bab I for one OPD-year."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="profil")
    tahun = models.PositiveSmallIntegerField()
    latar_belakang = paragraphs_field(limits.NARASI)
    fungsi_strategis = text_field(limits.NARASI, blank=True)
    kondisi_wilayah = text_field(limits.NARASI, blank=True)
    jumlah_desa = models.PositiveIntegerField(null=True, blank=True)
    jumlah_kelurahan = models.PositiveIntegerField(null=True, blank=True)
    jumlah_rw = models.PositiveIntegerField(null=True, blank=True)
    jumlah_rt = models.PositiveIntegerField(null=True, blank=True)
    jumlah_dusun = models.PositiveIntegerField(null=True, blank=True)
    jumlah_penduduk = models.PositiveIntegerField(null=True, blank=True)
    jumlah_kk = models.PositiveIntegerField(null=True, blank=True)
    luas_km2 = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    batas_utara = models.CharField(max_length=200, blank=True)
    batas_timur = models.CharField(max_length=200, blank=True)
    batas_selatan = models.CharField(max_length=200, blank=True)
    batas_barat = models.CharField(max_length=200, blank=True)
    tantangan = paragraphs_field(limits.NARASI)
    peluang = paragraphs_field(limits.NARASI)
    isu_strategis = paragraphs_field(limits.NARASI)
    landasan_hukum = paragraphs_field(limits.NARASI)
    versi = models.PositiveIntegerField(default=1, editable=False)  # see Berversi
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pemda", "opd", "tahun"], name="profil_unik_per_tahun"),
        ]


class PegawaiGolongan(TenantModel):
    profil = models.ForeignKey(
        ProfilTahunan, on_delete=models.CASCADE, related_name="pegawai_golongan"
    )
    urutan = models.PositiveSmallIntegerField()
    golongan = models.CharField(max_length=20)
    pangkat = models.CharField(max_length=100)
    jumlah = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "profil", "golongan"], name="golongan_unik_per_profil"
            ),
        ]


class PegawaiJabatan(TenantModel):
    profil = models.ForeignKey(
        ProfilTahunan, on_delete=models.CASCADE, related_name="pegawai_jabatan"
    )
    urutan = models.PositiveSmallIntegerField()
    jabatan = models.CharField(max_length=200)
    eselon = models.CharField(max_length=20, blank=True)
    formasi = models.PositiveIntegerField()
    terisi = models.PositiveIntegerField()
    keterangan = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "profil", "jabatan"], name="jabatan_unik_per_profil"
            ),
        ]


class Sarpras(TenantModel):
    profil = models.ForeignKey(ProfilTahunan, on_delete=models.CASCADE, related_name="sarpras")
    urutan = models.PositiveSmallIntegerField()
    nama = models.CharField(max_length=200)
    jumlah = models.PositiveIntegerField()
    satuan = models.CharField(max_length=50, blank=True)
    keterangan = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        verbose_name_plural = _("sarpras")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "profil", "nama"], name="sarpras_unik_per_profil"
            ),
        ]


class Akun(TenantModel):
    """A person's place in sakip: one pemda, and for OPD roles one OPD."""

    class Peran(models.TextChoices):
        ADMIN_PEMDA = "admin_pemda", _("Admin SAKIP pemda")
        OPERATOR = "operator", _("Operator OPD")
        PIMPINAN = "pimpinan", _("Pimpinan OPD")
        EVALUATOR = "evaluator", _("Evaluator (Inspektorat)")
        VIEWER = "viewer", _("Pembaca")

    OPD_ROLES = (Peran.OPERATOR, Peran.PIMPINAN)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="akun"
    )
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, null=True, blank=True, related_name="akun"
    )
    peran = models.CharField(max_length=20, choices=Peran.choices)
    # the person (the nama lengkap is the user's first_name: get_full_name() shows it)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    pangkat_golongan = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta:
        verbose_name_plural = _("akun")
        constraints = [
            models.CheckConstraint(
                condition=~Q(peran__in=["operator", "pimpinan"]) | Q(opd__isnull=False),
                name="peran_opd_butuh_opd",
            ),
        ]

    def __str__(self):
        return f"{self.user.username} ({self.get_peran_display()})"


class Peristiwa(TenantModel):
    """The domain event log: who submitted, verified, returned, locked, unlocked (with why)."""

    class Jenis(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DIKUNCI = "dikunci", _("Dikunci")
        DIBUKA = "dibuka", _("Dibuka kembali")
        PK_DITANDATANGANI = "pk_ditandatangani", _("PK ditandatangani")
        PK_DIBUKA = "pk_dibuka", _("PK dibuka kembali")
        PK_REVISI = "pk_revisi", _("Revisi PK dibuat")
        AKUN_DIBUAT = "akun_dibuat", _("Akun dibuat")
        AKUN_KATA_SANDI = "akun_kata_sandi", _("Kata sandi akun diatur ulang")
        AKUN_NONAKTIF = "akun_nonaktif", _("Akun dinonaktifkan")
        AKUN_AKTIF = "akun_aktif", _("Akun diaktifkan")
        AKUN_DIUBAH = "akun_diubah", _("Data pemilik akun diubah")
        PEMDA_DIBUAT = "pemda_dibuat", _("Pemda dibuat")
        PENGATURAN_PEMDA = "pengaturan_pemda", _("Pengaturan pemda diubah")
        OPD_DIBUAT = "opd_dibuat", _("OPD dibuat")
        OPD_DIUBAH = "opd_diubah", _("OPD diubah")
        OPD_NONAKTIF = "opd_nonaktif", _("OPD dinonaktifkan")
        OPD_AKTIF = "opd_aktif", _("OPD diaktifkan kembali")
        SKM_PERIODE_DIBUKA = "skm_periode_dibuka", _("Periode SKM dibuka")
        SKM_PERIODE_DITUTUP = "skm_periode_ditutup", _("Periode SKM ditutup")
        SKM_IMPOR = "skm_impor", _("Kuesioner SKM diimpor")
        SKM_RESPONS_DIBATALKAN = "skm_respons_dibatalkan", _("Respons SKM dibatalkan")
        EVALUASI_DIBUKA = "evaluasi_dibuka", _("Evaluasi AKIP dibuka")
        EVALUASI_DIAJUKAN = "evaluasi_diajukan", _("Penilaian mandiri diajukan")
        EVALUASI_DIREVIU = "evaluasi_direviu", _("Hasil evaluasi diajukan ke ketua tim")
        EVALUASI_DIKEMBALIKAN = "evaluasi_dikembalikan", _("Hasil evaluasi dikembalikan")
        EVALUASI_DIPUBLIKASIKAN = "evaluasi_dipublikasikan", _("Hasil evaluasi dipublikasikan")
        TINDAK_LANJUT_DITUTUP = "tindak_lanjut_ditutup", _("Tindak lanjut rekomendasi ditutup")

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="peristiwa"
    )
    jenis = models.CharField(max_length=30, choices=Jenis.choices)
    objek = models.CharField(max_length=300)
    # the reasons and notes of the steps it records (ALASAN, CATATAN), quoted with a prefix
    alasan = text_field(limits.NARASI, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-waktu", "-pk"]
        verbose_name_plural = _("peristiwa")


class Berversi(models.Model):
    """Rows two people may edit at once: a save carries the `versi` it started from and is
    refused when someone else saved in between (see sakip.organisasi.concurrency)."""

    versi = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
