"""URLs of Renstra authoring (views_renstra), under /opd/<slug>/renstra/."""

from django.urls import path

from sakip.perencanaan import views_renstra as v

base = "opd/<slug:opd_slug>/renstra/<int:renstra_id>/"
butir = base + "<str:jenis>/<int:butir_id>/"

urlpatterns = [
    path("opd/<slug:opd_slug>/renstra/baru/", v.renstra_baru, name="renstra_baru"),
    path(base + "susun/", v.renstra_susun, name="renstra_susun"),
    path(base + "narasi/", v.renstra_narasi, name="renstra_narasi"),
    path(base + "tujuan/tambah/", v.renstra_tujuan_tambah, name="renstra_tujuan_tambah"),
    path(
        base + "tujuan/<int:tujuan_id>/sasaran/tambah/",
        v.renstra_sasaran_tambah,
        name="renstra_sasaran_tambah",
    ),
    # before the tujuan/sasaran patterns, whose <jenis> would take "indikator"
    path(
        base + "indikator/<int:link_id>/hapus/",
        v.renstra_indikator_hapus,
        name="renstra_indikator_hapus",
    ),
    path(butir + "ubah/", v.renstra_butir_ubah, name="renstra_butir_ubah"),
    path(butir + "geser/<str:arah>/", v.renstra_butir_geser, name="renstra_butir_geser"),
    path(butir + "hapus/", v.renstra_butir_hapus, name="renstra_butir_hapus"),
    path(butir + "indikator/tambah/", v.renstra_indikator_tambah, name="renstra_indikator_tambah"),
    path(base + "perubahan/", v.renstra_perubahan, name="renstra_perubahan"),
    path(base + "beda/", v.renstra_beda, name="renstra_beda"),
]
