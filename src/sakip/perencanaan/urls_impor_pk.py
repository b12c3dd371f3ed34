"""XLSX export and import of the PK targets (sakip.perencanaan.views_impor_pk)."""

from django.urls import path

from sakip.perencanaan import views_impor_pk

pk = "opd/<slug:opd_slug>/<tahun:tahun>/pk/"

urlpatterns = [
    path(pk + "unduh.xlsx", views_impor_pk.target_pk_unduh, name="target_pk_unduh"),
    path(pk + "impor/", views_impor_pk.target_pk_impor, name="target_pk_impor"),
    path(
        pk + "impor/<str:token>/",
        views_impor_pk.target_pk_impor_terapkan,
        name="target_pk_impor_terapkan",
    ),
]
