"""Administration of a municipality, in Danish, scoped to the administrator's own municipality.

Citizens' plans are deliberately not in the admin: administrators configure the
organisation, they do not browse cases (need-to-know).
"""

from collections import Counter

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, get_fields_from_path
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from enplan.core.models import AuditEvent, Role, User, object_type_label


def is_municipal_admin(user) -> bool:
    # A real bool: the admin looks for `True in perms.values()`, and 3 is not True.
    return bool(
        user.is_active and user.is_staff and user.role == Role.ADMIN and user.municipality_id
    )


def _is_relation(model, list_filter) -> bool:
    if not isinstance(list_filter, str):
        return False
    return get_fields_from_path(model, list_filter)[-1].is_relation


class MunicipalityScopedAdmin(admin.ModelAdmin):
    """Platform operators (superusers) see every municipality; a municipality's
    administrator sees and edits only their own, and never chooses the municipality."""

    def _allowed(self, request) -> bool:
        return request.user.is_superuser or is_municipal_admin(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def get_deleted_objects(self, objs, request):
        """What a deletion would remove or is stopped by, as counts per kind: the rows
        that hang on a department or a law are cases (plans named after families,
        interventions, log entries), which an administrator does not read. Anything in
        use (PROTECT) stops the deletion, and the page says how many of what."""
        _names, _counts, perms_needed, _protected = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        deleted = [
            f"{capfirst(model._meta.verbose_name_plural)}: {len(rows)}"
            for model, rows in collector.model_objs.items()
        ]
        counts = {
            model._meta.verbose_name_plural: len(rows)
            for model, rows in collector.model_objs.items()
        }
        in_use = Counter(capfirst(obj._meta.verbose_name_plural) for obj in collector.protected)
        protected = [f"{name}: {n}" for name, n in sorted(in_use.items())]
        return deleted, counts, perms_needed, protected

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(municipality_id=request.user.municipality_id)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser:
            exclude.append("municipality")
        return exclude

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if request.user.is_superuser:
            return filters
        # A filter on a relation would offer every row of the related table, from every
        # municipality (their areas' and professions' names): offer only those in use here.
        return [
            (f, admin.RelatedOnlyFieldListFilter) if _is_relation(self.model, f) else f
            for f in filters
            if f != "municipality"
        ]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.municipality_id = request.user.municipality_id
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        scoped = any(f.name == "municipality" for f in self.model._meta.fields)
        if request.user.is_superuser or not scoped:
            return form
        municipality_id = request.user.municipality_id

        class MunicipalityForm(form):
            # The municipality is not on the form, so Django would skip the uniqueness
            # rules that include it (a name is unique per municipality) and leave a
            # duplicate to fail in the database.
            def _post_clean(self):
                self.instance.municipality_id = municipality_id
                super()._post_clean()

            def _get_validation_exclusions(self):
                exclusions = super()._get_validation_exclusions()
                exclusions.discard("municipality")
                return exclusions

            def _update_errors(self, errors):
                # A rule on the municipality alone (one privacy contact per municipality)
                # is about the whole form, since the field is not on it.
                if hasattr(errors, "error_dict") and "municipality" in errors.error_dict:
                    moved = errors.error_dict.pop("municipality")
                    errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(moved)
                super()._update_errors(errors)

        return MunicipalityForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if not request.user.is_superuser and any(
            f.name == "municipality" for f in related._meta.fields
        ):
            kwargs["queryset"] = related._default_manager.filter(
                municipality_id=request.user.municipality_id
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OncePerMunicipalityForm(forms.ModelForm):
    """The municipality is not on the form for a municipality's administrator, so Django
    cannot check the one-per-municipality rule itself; this form does."""

    municipality_id = None
    unique_fields: tuple = ()

    def clean(self):
        data = super().clean()
        municipality_id = self.municipality_id or (
            data.get("municipality") and data["municipality"].pk
        )
        model = self._meta.model
        clash = model.objects.filter(
            municipality_id=municipality_id,
            **{name: data.get(name) for name in self.unique_fields},
        ).exclude(pk=self.instance.pk)
        if municipality_id and clash.exists():
            raise ValidationError(_("Your municipality already has this. Change that one instead."))
        return data


class OncePerMunicipalityAdmin(MunicipalityScopedAdmin):
    """For a municipality's one row per key: its own question text for a fixed key, its
    levels. `unique_fields` are the fields that, with the municipality, are unique."""

    unique_fields: tuple = ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        attributes = {"unique_fields": self.unique_fields}
        if not request.user.is_superuser:
            attributes["municipality_id"] = request.user.municipality_id
        return type(form.__name__, (OncePerMunicipalityForm, form), attributes)


@admin.register(User)
class UserAdmin(MunicipalityScopedAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "municipality"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role"), {"fields": ("municipality", "role", "is_active", "is_staff")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    superuser_fieldsets = ((_("Platform"), {"fields": ("is_superuser",)}),)
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2")}),
        (_("Role"), {"fields": ("municipality", "role", "first_name", "last_name", "email")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not request.user.is_superuser:
            fieldsets = tuple(
                (name, {**opts, "fields": tuple(f for f in opts["fields"] if f != "municipality")})
                for name, opts in fieldsets
            )
        elif obj is not None:
            fieldsets = fieldsets + self.superuser_fieldsets
        return fieldsets

    def get_exclude(self, request, obj=None):
        return None

    def get_queryset(self, request):
        # A municipality's administrator never reaches a platform operator's account (to
        # set its password would make them one), nor a citizen's: citizens' accounts come
        # from their MitID login, and listing them would tell who has a plan.
        queryset = super().get_queryset(request)
        if not request.user.is_superuser:
            # A system's user is managed with the system (Integrations), never by hand.
            queryset = queryset.filter(is_superuser=False).exclude(
                role__in=[Role.CITIZEN, Role.SYSTEM]
            )
        return queryset


class ObjectTypeFilter(admin.SimpleListFilter):
    """The kinds of record in the trail, by their Danish names ("indsats", not
    "plans.intervention")."""

    title = _("object type")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        types = model_admin.get_queryset(request).order_by().values_list("object_type", flat=True)
        labels = {object_type: object_type_label(object_type) for object_type in types.distinct()}
        return sorted(labels.items(), key=lambda item: item[1].lower())

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(MunicipalityScopedAdmin):
    """The audit trail: read-only, with filters. Nobody edits or deletes it."""

    list_display = [
        "at",
        "user",
        "actor_role",
        "action",
        "object_label",
        "object_id",
        "plan_id",
        "path",
    ]
    list_filter = ["action", ObjectTypeFilter, "at", "municipality"]
    date_hierarchy = "at"
    search_fields = ["=object_id", "=plan_id", "user__username", "path"]
    list_select_related = ["user"]
    show_full_result_count = False

    @admin.display(description=_("object type"), ordering="object_type")
    def object_label(self, event):
        return object_type_label(event.object_type)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
