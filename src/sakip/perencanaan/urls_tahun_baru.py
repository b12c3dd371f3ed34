"""URLs of starting a new year (sakip.perencanaan.views_tahun_baru), included from sakip.urls,
where the <tahun:…> converter is registered. <tahun> is the year to start (N+1)."""

from django.urls import path

from sakip.perencanaan import views_tahun_baru as views

base = "opd/<slug:opd_slug>/<tahun:tahun>/tahun-baru/"

urlpatterns = [
    path(base, views.tahun_baru, name="tahun_baru"),
    path(base + "mulai/", views.tahun_baru_mulai, name="tahun_baru_mulai"),
]
