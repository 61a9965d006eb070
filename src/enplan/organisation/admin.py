from django.contrib import admin

from enplan.core.admin import MunicipalityScopedAdmin
from enplan.organisation.models import Area, Department, Legislation, Profession, Professional


@admin.register(Area)
class AreaAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "is_external", "order"]
    list_editable = ["order"]
    list_filter = ["municipality"]
    search_fields = ["name"]


@admin.register(Department)
class DepartmentAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "area"]
    list_filter = ["area", "municipality"]
    search_fields = ["name"]
    list_select_related = ["area"]


@admin.register(Profession)
class ProfessionAdmin(MunicipalityScopedAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Legislation)
class LegislationAdmin(MunicipalityScopedAdmin):
    list_display = ["short_name", "name", "reference", "is_active"]
    list_filter = ["is_active", "municipality"]
    search_fields = ["short_name", "name"]


@admin.register(Professional)
class ProfessionalAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "title", "department", "organisation", "user", "is_active"]
    list_filter = ["is_active", "department__area", "profession"]
    search_fields = ["name", "title", "organisation", "email"]
    list_select_related = ["department", "user"]
