from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from sakip.converters import YearConverter
from sakip.organisasi import views as organisasi
from sakip.organisasi import views_pemda
from sakip.organisasi import views_profil as profil
from sakip.pelaporan import views as pelaporan
from sakip.pengukuran import views as pengukuran
from sakip.perencanaan import views as perencanaan
from sakip.sehat import sehat

quarter = "opd/<slug:opd_slug>/<tahun:tahun>/triwulan/<int:triwulan>/"

register_converter(YearConverter, "tahun")

urlpatterns = [
    path("", pengukuran.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sehat", sehat, name="sehat"),  # no login: for monitors (sakip.sehat)
    path("opd/<slug:opd_slug>/<tahun:tahun>/", pengukuran.pengukuran, name="pengukuran"),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/unduh.xlsx",
        pengukuran.pengukuran_xlsx,
        name="pengukuran_xlsx",
    ),
    path(quarter, pengukuran.triwulan, name="triwulan"),
    path(quarter + "kinerja/<str:kode>/", pengukuran.simpan_kinerja, name="simpan_kinerja"),
    path(
        quarter + "kinerja/<str:kode>/riwayat/", pengukuran.riwayat_kinerja, name="riwayat_kinerja"
    ),
    path(quarter + "anggaran/<str:kode>/", pengukuran.simpan_anggaran, name="simpan_anggaran"),
    path(
        quarter + "anggaran/<str:kode>/riwayat/",
        pengukuran.riwayat_anggaran,
        name="riwayat_anggaran",
    ),
    path(quarter + "alur/<str:langkah>/", pengukuran.alur, name="alur"),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/pk/",
        perencanaan.perjanjian_kinerja,
        name="perjanjian_kinerja",
    ),
    path("opd/<slug:opd_slug>/<tahun:tahun>/pk/buat/", perencanaan.pk_buat, name="pk_buat"),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/pk/target/<int:target_id>/",
        perencanaan.pk_target,
        name="pk_target",
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/pk/<int:revisi>/penandatangan/",
        perencanaan.pk_penandatangan,
        name="pk_penandatangan",
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/pk/<int:revisi>/penandatangan/akun/",
        perencanaan.pk_pihak_pertama_akun,
        name="pk_pihak_pertama_akun",
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/pk/<int:revisi>/<str:langkah>/",
        perencanaan.pk_langkah,
        name="pk_langkah",
    ),
    path("opd/<slug:opd_slug>/<tahun:tahun>/anggaran/", perencanaan.anggaran, name="anggaran"),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/anggaran/pagu/<int:pagu_id>/",
        perencanaan.simpan_pagu,
        name="simpan_pagu",
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/anggaran/target/<str:kode>/",
        perencanaan.simpan_target_tahunan,
        name="simpan_target_tahunan",
    ),
    path("opd/<slug:opd_slug>/renstra/", perencanaan.renstra, name="renstra"),
    path(
        "opd/<slug:opd_slug>/renstra/target/<int:link_id>/",
        perencanaan.simpan_target_renstra,
        name="simpan_target_renstra",
    ),
    path("opd/<slug:opd_slug>/indikator/<str:kode>/", perencanaan.indikator, name="indikator"),
    path(
        "opd/<slug:opd_slug>/riwayat/<str:jenis>/<int:obj_id>/", perencanaan.riwayat, name="riwayat"
    ),
    # the OPD profile of LKjIP Bab I (sakip.organisasi.views_profil)
    path("opd/<slug:opd_slug>/profil/", profil.profil_opd, name="profil_opd"),
    path("opd/<slug:opd_slug>/profil/simpan/", profil.profil_opd_simpan, name="profil_opd_simpan"),
    path("opd/<slug:opd_slug>/profil/unit/", profil.profil_unit_tambah, name="profil_unit_tambah"),
    path("opd/<slug:opd_slug>/profil/unit/<int:unit_id>/", profil.profil_unit, name="profil_unit"),
    path(
        "opd/<slug:opd_slug>/profil/unit/<int:unit_id>/simpan/",
        profil.profil_unit_simpan,
        name="profil_unit_simpan",
    ),
    path(
        "opd/<slug:opd_slug>/profil/unit/<int:unit_id>/hapus/",
        profil.profil_unit_hapus,
        name="profil_unit_hapus",
    ),
    path(
        "opd/<slug:opd_slug>/profil/unit/<int:unit_id>/geser/<str:arah>/",
        profil.profil_unit_geser,
        name="profil_unit_geser",
    ),
    path("opd/<slug:opd_slug>/profil/riwayat/", profil.riwayat_struktur, name="riwayat_struktur"),
    path("opd/<slug:opd_slug>/<tahun:tahun>/profil/", profil.profil_tahunan, name="profil_tahunan"),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/profil/simpan/",
        profil.profil_tahunan_simpan,
        name="profil_tahunan_simpan",
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/profil/tabel/<str:tabel>/",
        profil.profil_tabel,
        name="profil_tabel",
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/profil/salin/", profil.profil_salin, name="profil_salin"
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/profil/riwayat/",
        profil.riwayat_profil,
        name="riwayat_profil",
    ),
    path("pemda/<tahun:tahun>/", pengukuran.ringkasan_pemda, name="ringkasan_pemda"),
    path(
        "pemda/<tahun:tahun>/unduh.xlsx",
        pengukuran.ringkasan_pemda_xlsx,
        name="ringkasan_pemda_xlsx",
    ),
    path("opd/<slug:opd_slug>/<tahun:tahun>/laporan/", pelaporan.laporan, name="laporan"),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/laporan/lkjip.docx",
        pelaporan.lkjip_docx,
        name="lkjip_docx",
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/laporan/lkjip.pdf", pelaporan.lkjip_pdf, name="lkjip_pdf"
    ),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/pk/<int:revisi>/dokumen.<str:format>",
        pelaporan.pk_dokumen,
        name="pk_dokumen",
    ),
    path("pemda/<tahun:tahun>/dokumen/", pelaporan.dokumen_pemda, name="dokumen_pemda"),
    path("pemda/dokumen/<int:job_id>/", pelaporan.pekerjaan_dokumen, name="pekerjaan_dokumen"),
    path("pemda/dokumen/<int:job_id>/unduh/", pelaporan.unduh_pekerjaan, name="unduh_pekerjaan"),
    path("pemda/templat/", pelaporan.templat, name="templat"),
    path("pemda/templat/<str:jenis>.docx", pelaporan.unduh_templat, name="unduh_templat"),
    path("pemda/akun/", organisasi.akun_list, name="akun_list"),
    path("pemda/akun/<int:akun_id>/reset/", organisasi.akun_reset, name="akun_reset"),
    path("pemda/akun/<int:akun_id>/status/", organisasi.akun_status, name="akun_status"),
    path("pemda/akun/<int:akun_id>/ubah/", organisasi.akun_ubah, name="akun_ubah"),
    path("pemda/opd/", views_pemda.opd_daftar, name="opd_daftar"),
    path("pemda/opd/<slug:opd_slug>/", views_pemda.opd_ubah, name="opd_ubah"),
    path("pemda/opd/<slug:opd_slug>/status/", views_pemda.opd_status, name="opd_status"),
    path("pemda/pengaturan/", views_pemda.pengaturan_pemda, name="pengaturan_pemda"),
    path("pemda/pengaturan/skala/", views_pemda.pengaturan_skala, name="pengaturan_skala"),
    path("", include("sakip.survei.urls")),
    path("", include("sakip.evaluasi.urls")),
    path("", include("sakip.perencanaan.urls_renstra")),
    path("", include("sakip.perencanaan.urls_pohon_anggaran")),
    path("", include("sakip.perencanaan.urls_tahun_baru")),
    path("", include("sakip.pengukuran.urls_impor")),
    path("", include("sakip.perencanaan.urls_impor_pk")),
    path("", include("sakip.perencanaan.urls_impor_renstra")),
    path("", include("sakip.perencanaan.urls_impor_pohon")),
    path("admin/", admin.site.urls),
]
