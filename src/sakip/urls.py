from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from sakip.pengukuran import views as pengukuran

quarter = "opd/<slug:opd_slug>/<int:tahun>/triwulan/<int:triwulan>/"

urlpatterns = [
    path("", pengukuran.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("opd/<slug:opd_slug>/<int:tahun>/", pengukuran.pengukuran, name="pengukuran"),
    path(
        "opd/<slug:opd_slug>/<int:tahun>/unduh.xlsx",
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
    path("pemda/<int:tahun>/", pengukuran.ringkasan_pemda, name="ringkasan_pemda"),
    path(
        "pemda/<int:tahun>/unduh.xlsx", pengukuran.ringkasan_pemda_xlsx, name="ringkasan_pemda_xlsx"
    ),
    path("admin/", admin.site.urls),
]
