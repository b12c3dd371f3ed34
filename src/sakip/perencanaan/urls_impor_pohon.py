"""XLSX export and import of the program tree with its DPA pagu
(sakip.perencanaan.views_impor_pohon)."""

from django.urls import path

from sakip.perencanaan import views_impor_pohon

base = "opd/<slug:opd_slug>/<tahun:tahun>/pohon-anggaran/"

urlpatterns = [
    path(base + "unduh.xlsx", views_impor_pohon.pohon_unduh, name="pohon_unduh"),
    path(base + "impor/", views_impor_pohon.pohon_impor, name="pohon_impor"),
    path(
        base + "impor/<str:token>/",
        views_impor_pohon.pohon_impor_terapkan,
        name="pohon_impor_terapkan",
    ),
]
