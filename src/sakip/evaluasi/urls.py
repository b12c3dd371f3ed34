from django.urls import path  # noqa: F401

from sakip.evaluasi import views_output

urlpatterns = []

urlpatterns += [  # outputs: the LHE and the pemda recap (views_output.py)
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/evaluasi/lhe.<str:format>",
        views_output.lhe,
        name="evaluasi_lhe",
    ),
    path("pemda/<tahun:tahun>/evaluasi/rekap/", views_output.rekap, name="evaluasi_rekap"),
    path(
        "pemda/<tahun:tahun>/evaluasi/rekap.xlsx",
        views_output.rekap_xlsx,
        name="evaluasi_rekap_xlsx",
    ),
]
