"""Administration: a municipality's own question texts and levels. Rounds, respondents and
answers are deliberately not here: individual answers are never shown to anyone."""

from django.contrib import admin

from enplan.coordination.models import CoordinationSettings, DimensionQuestion
from enplan.core.admin import OncePerMunicipalityAdmin


@admin.register(DimensionQuestion)
class DimensionQuestionAdmin(OncePerMunicipalityAdmin):
    list_display = ["dimension", "text"]
    list_filter = ["municipality"]
    unique_fields = ("dimension",)


@admin.register(CoordinationSettings)
class CoordinationSettingsAdmin(OncePerMunicipalityAdmin):
    list_display = [
        "municipality",
        "within_high",
        "within_medium",
        "between_high",
        "between_medium",
    ]
