from django.contrib import admin

from enplan.core.admin import MunicipalityScopedAdmin, OncePerMunicipalityAdmin
from enplan.meetings.models import (
    ConversationType,
    EvaluationQuestionText,
    MeetingSettings,
    Theme,
)


@admin.register(ConversationType)
class ConversationTypeAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "is_active"]
    list_editable = ["is_active"]
    list_filter = ["is_active", "municipality"]
    search_fields = ["name"]


@admin.register(Theme)
class ThemeAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active", "municipality"]
    search_fields = ["name"]


@admin.register(MeetingSettings)
class MeetingSettingsAdmin(MunicipalityScopedAdmin):
    list_display = ["municipality", "low_score_threshold", "evaluation_link_hours"]

    def has_add_permission(self, request):
        # One row per municipality: its administrator edits the existing one.
        if (
            not request.user.is_superuser
            and MeetingSettings.objects.filter(
                municipality_id=request.user.municipality_id
            ).exists()
        ):
            return False
        return super().has_add_permission(request)


@admin.register(EvaluationQuestionText)
class EvaluationQuestionTextAdmin(OncePerMunicipalityAdmin):
    list_display = ["question", "text"]
    list_filter = ["municipality"]
    unique_fields = ("question",)
