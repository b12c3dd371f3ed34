"""Django admin, for the platform's superusers and reference data only. It is not scoped by
pemda, so pemda staff never get it: they manage accounts in the app (Akun pemda)."""

from django.contrib import admin

from sakip.organisasi.models import Akun, Pemda, PerangkatDaerah, RentangPredikat, SkalaPredikat


class SuperuserOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class RentangInline(admin.TabularInline):
    model = RentangPredikat
    extra = 0
    exclude = ["pemda"]


@admin.register(Pemda)
class PemdaAdmin(SuperuserOnly):
    list_display = ["nama", "slug", "jenis", "metode_efisiensi"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(SuperuserOnly):
    list_display = ["nama", "slug", "jenis", "pemda"]
    list_filter = ["pemda", "jenis"]


@admin.register(SkalaPredikat)
class SkalaPredikatAdmin(SuperuserOnly):
    list_display = ["nama", "pemda", "aktif"]
    inlines = [RentangInline]

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            row.pemda = form.instance.pemda
            row.save()
        formset.save_m2m()
        for row in formset.deleted_objects:
            row.delete()


@admin.register(Akun)
class AkunAdmin(SuperuserOnly):
    list_display = ["user", "peran", "pemda", "opd"]
    list_filter = ["pemda", "peran"]
