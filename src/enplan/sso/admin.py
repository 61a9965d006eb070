"""A municipality's identity providers and the rights they map, in the administration."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from enplan.core.admin import MunicipalityScopedAdmin, is_municipal_admin
from enplan.sso.models import ExternalIdentity, IdentityProvider, RightMapping


class RightMappingInline(admin.TabularInline):
    model = RightMapping
    fields = ["order", "right", "scope", "role", "department"]
    extra = 1
    ordering = ["order", "pk"]

    # The rights belong to the provider: whoever may configure it may configure them.
    def _allowed(self, request) -> bool:
        return request.user.is_superuser or is_municipal_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "department" and not request.user.is_superuser:
            field.queryset = field.queryset.filter(municipality_id=request.user.municipality_id)
        return field


@admin.register(IdentityProvider)
class IdentityProviderAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "slug", "audience", "protocol", "is_active"]
    list_filter = ["audience", "protocol", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RightMappingInline]
    fieldsets = [
        (None, {"fields": ["municipality", "name", "slug", "audience", "protocol", "is_active"]}),
        (
            _("SAML 2.0 (KOMBIT adgangsstyring, NemLog-in)"),
            {
                "fields": [
                    "idp_metadata_xml",
                    "idp_metadata_url",
                    "sp_entity_id",
                    "sp_key_path",
                    "sp_cert_path",
                    "privileges_attribute",
                    "name_attribute",
                    "email_attribute",
                ]
            },
        ),
        (
            _("OpenID Connect (Entra ID)"),
            {
                "fields": [
                    "oidc_issuer",
                    "oidc_client_id",
                    "oidc_client_secret",
                    "oidc_scopes",
                    "roles_claim",
                    "department_claim",
                    "name_claim",
                    "email_claim",
                ]
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # A municipality's administrator configures only their own municipality's login.
        first = [f for f in fieldsets[0][1]["fields"] if f != "municipality"]
        return [(None, {"fields": first}), *fieldsets[1:]]

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            row.municipality_id = form.instance.municipality_id
            row.save()
        for row in formset.deleted_objects:
            row.delete()
        formset.save_m2m()


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(MunicipalityScopedAdmin):
    list_display = ["subject", "provider", "user", "last_login"]
    list_select_related = ["provider", "user"]
    search_fields = ["subject", "user__username"]
    readonly_fields = ["last_login"]
