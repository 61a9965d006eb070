from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enplan.core.admin import MunicipalityScopedAdmin, is_municipal_admin
from enplan.core.models import Municipality
from enplan.organisation.models import (
    Area,
    Department,
    Legislation,
    Profession,
    Professional,
    Step,
    StepModel,
)
from enplan.organisation.services import legislation_load_defaults


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


class StepInline(admin.TabularInline):
    model = Step
    fields = ["order", "name", "description", "max_days"]
    extra = 1
    ordering = ["order"]

    # The same rule as the model admin: a municipality's administrator edits its steps.
    def _allowed(self, request) -> bool:
        return request.user.is_superuser or bool(is_municipal_admin(request.user))

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


@admin.register(StepModel)
class StepModelAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "is_default", "is_active", "step_count"]
    list_filter = ["is_active", "municipality"]
    search_fields = ["name"]
    inlines = [StepInline]

    @admin.display(description=_("steps"))
    def step_count(self, obj):
        return obj._steps

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_steps=Count("steps"))

    def save_formset(self, request, form, formset, change):
        # A step belongs to its model's municipality; the administrator never chooses it.
        for step in formset.save(commit=False):
            step.municipality_id = form.instance.municipality_id
            step.save()
        for step in formset.deleted_objects:
            step.delete()
        formset.save_m2m()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.user.is_superuser:
            return form  # the municipality is on the form, so Django checks the name
        municipality_id = request.user.municipality_id

        class OwnMunicipalityForm(form):
            def clean_name(self):
                name = self.cleaned_data["name"]
                taken = StepModel.objects.filter(municipality_id=municipality_id, name=name)
                if taken.exclude(pk=self.instance.pk).exists():
                    raise ValidationError(
                        _("The municipality already has a step model with this name.")
                    )
                return name

            def _get_validation_exclusions(self):
                # "One default per municipality" is kept by save_model retiring the old
                # default, not by refusing the new one.
                return super()._get_validation_exclusions() | {"is_default"}

        return OwnMunicipalityForm

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.municipality_id = request.user.municipality_id
        if obj.is_default:
            # One default per municipality: choosing a new one retires the old.
            StepModel.objects.filter(municipality_id=obj.municipality_id, is_default=True).exclude(
                pk=obj.pk
            ).update(is_default=False)
        super().save_model(request, obj, form, change)


# The municipality is core's model; its administration sets up the organisation.
@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    actions = ["load_default_legislation"]

    @admin.action(description=_("Add the default legislation catalogue"))
    def load_default_legislation(self, request, queryset):
        added = sum(legislation_load_defaults(municipality=m) for m in queryset)
        self.message_user(request, _("%(n)d legislation entries added.") % {"n": added})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            legislation_load_defaults(municipality=obj)
