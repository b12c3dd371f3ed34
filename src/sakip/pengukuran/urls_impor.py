"""XLSX export and import of the quarterly realisations (sakip.pengukuran.views_impor)."""

from django.urls import path

from sakip.pengukuran import views_impor

quarter = "opd/<slug:opd_slug>/<tahun:tahun>/triwulan/<int:triwulan>/"

urlpatterns = [
    path(quarter + "unduh.xlsx", views_impor.realisasi_unduh, name="realisasi_unduh"),
    path(quarter + "impor/", views_impor.realisasi_impor, name="realisasi_impor"),
    path(
        quarter + "impor/<str:token>/",
        views_impor.realisasi_impor_terapkan,
        name="realisasi_impor_terapkan",
    ),
]
