from django.urls import path

from sakip.survei import views, views_hasil

opd = "opd/<slug:opd_slug>/skm/"
periode = opd + "periode/<int:periode_id>/"

# SKM collection: setup, posters, one-time codes, the public form, paper entry, XLSX import
urlpatterns = [
    path("opd/<slug:opd_slug>/<tahun:tahun>/skm/", views.skm, name="skm"),
    path(
        "opd/<slug:opd_slug>/<tahun:tahun>/skm/periode/",
        views.periode_tambah,
        name="skm_periode_tambah",
    ),
    path(opd + "layanan/", views.layanan_tambah, name="skm_layanan_tambah"),
    path(opd + "layanan/<int:layanan_id>/", views.layanan_ubah, name="skm_layanan_ubah"),
    path(opd + "layanan/<int:layanan_id>/poster/", views.poster, name="skm_poster"),
    path(opd + "poster/", views.poster_opd, name="skm_poster_opd"),
    path(opd + "unsur/", views.unsur, name="skm_unsur"),
    path(periode, views.periode, name="skm_periode"),
    path(periode + "kode/", views.kode, name="skm_kode"),
    path(periode + "kode/cetak/", views.kode_cetak, name="skm_kode_cetak"),
    path(periode + "kertas/", views.kertas, name="skm_kertas"),
    path(periode + "kertas/simpan/", views.kertas_simpan, name="skm_kertas_simpan"),
    path(opd + "respons/<int:respons_id>/batal/", views.batal, name="skm_batal"),
    path(opd + "impor/templat.xlsx", views.impor_templat, name="skm_impor_templat"),
    path(periode + "impor/", views.impor_unggah, name="skm_impor"),
    path(periode + "impor/<str:token>/", views.impor_terapkan, name="skm_impor_terapkan"),
    path("skm/<str:token>/", views.formulir, name="skm_form"),
    path("skm/<str:token>/terima-kasih/", views.terima_kasih, name="skm_terima_kasih"),
    path(
        "skm/layanan/<slug:pemda_slug>/<slug:opd_slug>/",
        views.pilih_layanan,
        name="skm_pilih_layanan",
    ),
]

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
