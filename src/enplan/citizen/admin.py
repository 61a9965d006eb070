"""The municipality's contact for questions about data, shown on the citizen's GDPR page.

Meeting topics are citizens' data and stay out of the admin (need-to-know)."""

from django.contrib import admin

from enplan.citizen.models import PrivacyContact
from enplan.core.admin import MunicipalityScopedAdmin


@admin.register(PrivacyContact)
class PrivacyContactAdmin(MunicipalityScopedAdmin):
    list_display = ["controller", "email", "dpo_email"]
