from django.urls import path

from sakip.survei import views_hasil

opd = "opd/<slug:opd_slug>/skm/"
periode = opd + "periode/<int:periode_id>/"

urlpatterns = []

# SKM results (views_hasil): per period, every OPD of the pemda, and the public page
urlpatterns += [
    path(opd + "hasil/", views_hasil.hasil_daftar, name="skm_hasil_daftar"),
    path(periode + "hasil/", views_hasil.hasil, name="skm_hasil"),
    path(periode + "hasil/unduh.xlsx", views_hasil.hasil_xlsx, name="skm_hasil_xlsx"),
    path(periode + "hasil/respons.xlsx", views_hasil.respons_xlsx, name="skm_respons_xlsx"),
    path(periode + "hasil/laporan.<str:format>", views_hasil.laporan, name="skm_laporan"),
    path(periode + "hasil/perbarui/", views_hasil.perbarui, name="skm_perbarui_realisasi"),
    path("pemda/<tahun:tahun>/skm/", views_hasil.hasil_pemda, name="skm_pemda"),
    path("pemda/<tahun:tahun>/skm/unduh.xlsx", views_hasil.hasil_pemda_xlsx, name="skm_pemda_xlsx"),
    path(
        "skm/hasil/<slug:pemda_slug>/<slug:opd_slug>/",
        views_hasil.publik_hasil,
        name="skm_publik_hasil",
    ),
]
