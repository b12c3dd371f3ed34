from django.urls import path

from sakip.evaluasi import views, views_output

ev = "opd/<slug:opd_slug>/<tahun:tahun>/evaluasi/"

urlpatterns = [  # the flow: worksheet, review, recommendations (views.py)
    path("pemda/<tahun:tahun>/evaluasi/", views.daftar, name="evaluasi_daftar"),
    path("pemda/<tahun:tahun>/evaluasi/buka/", views.buka, name="evaluasi_buka"),
    path(ev, views.lembar, name="evaluasi"),
    path(ev + "kriteria/<int:jawaban_id>/mandiri/", views.simpan_mandiri, name="evaluasi_mandiri"),
    path(ev + "kriteria/<int:jawaban_id>/nilai/", views.simpan_nilai, name="evaluasi_nilai"),
    path(ev + "kriteria/<int:jawaban_id>/bukti/", views.tambah_bukti, name="evaluasi_bukti_tambah"),
    path(ev + "kriteria/<int:jawaban_id>/riwayat/", views.riwayat, name="evaluasi_riwayat"),
    path(ev + "bukti/<int:bukti_id>/", views.unduh_bukti, name="evaluasi_bukti"),
    path(ev + "bukti/<int:bukti_id>/hapus/", views.hapus_bukti, name="evaluasi_bukti_hapus"),
    path(ev + "langkah/<str:langkah>/", views.langkah, name="evaluasi_langkah"),
    path(ev + "reviu/", views.reviu, name="evaluasi_reviu"),
    path(ev + "rekomendasi/", views.rekomendasi, name="evaluasi_rekomendasi"),
    path(ev + "rekomendasi/tambah/", views.tambah_rekomendasi, name="evaluasi_rekomendasi_tambah"),
    path(
        ev + "rekomendasi/<int:rekomendasi_id>/tindak-lanjut/",
        views.tindak_lanjut,
        name="evaluasi_tindak_lanjut",
    ),
    path(
        ev + "rekomendasi/<int:rekomendasi_id>/nilai/",
        views.nilai_tindak_lanjut,
        name="evaluasi_tindak_lanjut_nilai",
    ),
]

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
