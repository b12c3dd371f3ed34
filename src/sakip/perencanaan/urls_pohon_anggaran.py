"""URLs of the program tree and DPA pages (sakip.perencanaan.views_pohon_anggaran), included
from sakip.urls, where the <tahun:…> converter is registered."""

from django.urls import path

from sakip.perencanaan import views_pohon_anggaran as views

base = "opd/<slug:opd_slug>/<tahun:tahun>/pohon-anggaran/"
node = base + "<str:tingkat>/<str:kode>/"
indikator = base + "indikator/<str:kode>/"

urlpatterns = [
    path(base, views.pohon_anggaran, name="pohon_anggaran"),
    path(base + "program/", views.pohon_tambah_program, name="pohon_tambah_program"),
    # before the node URLs: "indikator" would otherwise be read as a tingkat
    path(indikator + "ubah/", views.pohon_indikator_ubah, name="pohon_indikator_ubah"),
    path(indikator + "hapus/", views.pohon_indikator_hapus, name="pohon_indikator_hapus"),
    path(node + "tambah/", views.pohon_tambah, name="pohon_tambah"),
    path(node + "ubah/", views.pohon_ubah, name="pohon_ubah"),
    path(node + "pindah/", views.pohon_pindah, name="pohon_pindah"),
    path(node + "hapus/", views.pohon_hapus, name="pohon_hapus"),
    path(node + "indikator/", views.pohon_indikator_tambah, name="pohon_indikator_tambah"),
    path(base + "dpa/", views.pohon_dpa, name="pohon_dpa"),
    path(base + "dpa/murni/", views.pohon_dpa_murni, name="pohon_dpa_murni"),
    path(base + "dpa/perubahan/", views.pohon_dpa_perubahan, name="pohon_dpa_perubahan"),
    path(base + "dpa/pagu/", views.pohon_dpa_pagu, name="pohon_dpa_pagu"),
]
