"""XLSX export and import of a Renstra (sakip.perencanaan.views_impor_renstra)."""

from django.urls import path

from sakip.perencanaan import views_impor_renstra as v

base = "opd/<slug:opd_slug>/renstra/<int:renstra_id>/"

urlpatterns = [
    path(base + "unduh.xlsx", v.renstra_unduh, name="renstra_unduh"),
    path(base + "impor/", v.renstra_impor, name="renstra_impor"),
    path(base + "impor/<str:token>/", v.renstra_impor_terapkan, name="renstra_impor_terapkan"),
]
