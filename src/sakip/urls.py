from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from sakip.pengukuran import views as pengukuran_views

urlpatterns = [
    path("", pengukuran_views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("opd/<slug:opd_slug>/<int:tahun>/", pengukuran_views.pengukuran, name="pengukuran"),
    path("admin/", admin.site.urls),
]
